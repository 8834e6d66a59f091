/*
 * The site's search worker: Material's search interface, our search engine.
 *
 * Material talks to its search worker with four messages (SETUP with the
 * index, READY, QUERY with the typed text, RESULT with items grouped by page)
 * and lets a site bring its own worker (config.search). Ours answers the same
 * messages with substring search over the index text, which suits Chinese:
 * no word segmentation is needed, so a term is found whole (六个百分百) and by
 * any of its parts (百分百), and a query is never split where a dictionary
 * happens to cut. Setting up is a scan of the index, not building an inverted
 * index, so the first result comes quickly even from disk with hundreds of
 * reports.
 *
 * The index text is plain text (see generator/site/search.py); everything returned
 * is HTML-escaped here, with only our own <mark> around matches, because
 * Material inserts result titles and texts as HTML.
 */
"use strict";

var SearchMessage = { SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 };
var SNIPPET_RADIUS = 40;      // characters shown on each side of a match
var SNIPPET_WINDOWS = 2;      // at most this many passages per section
var SECTIONS_PER_PAGE = 30;   // at most this many matching sections per page
var COUNT_CAP = 50;           // occurrences counted per term and section

var documents = [];

function lower(text) {
  var folded = text.toLowerCase();
  // Keep offsets valid for highlighting: fall back to exact case where folding changes the length.
  return folded.length === text.length ? folded : text;
}

function setup(index) {
  var pages = Object.create(null);
  documents = index.docs.map(function (doc) {
    var path = doc.location.split("#")[0];
    var entry = {
      location: doc.location,
      title: doc.title || "",
      text: doc.text || "",
      boost: typeof doc.boost === "number" ? doc.boost : 1,
      page: path,
      isPage: doc.location.indexOf("#") < 0
    };
    entry.titleKey = lower(entry.title);
    entry.textKey = lower(entry.text);
    if (entry.isPage && !(path in pages)) {
      pages[path] = entry;
    }
    return entry;
  });
  documents.forEach(function (doc) {
    doc.article = pages[doc.page] || doc;
  });
}

/* Query terms: split at spaces and Chinese or ASCII punctuation that never
 * belongs inside a term; "-word" excludes, a leading "+" is accepted. */
function parseQuery(query) {
  var required = [];
  var excluded = [];
  String(query).split(/[\s\u3000，。、；：？！“”‘’（）《》【】,;!?"'()\[\]{}<>]+/).forEach(function (part) {
    var exclude = part.charAt(0) === "-" && part.length > 1;
    var term = part.replace(/^[+\-]+/, "").replace(/[*~^]+$/, "").replace(/^[*]+/, "");
    if (!term) {
      return;
    }
    term = term.toLowerCase();
    var list = exclude ? excluded : required;
    if (list.indexOf(term) < 0) {
      list.push(term);
    }
  });
  return { required: required, excluded: excluded };
}

function count(haystack, term) {
  var n = 0;
  var at = haystack.indexOf(term);
  while (at >= 0 && n < COUNT_CAP) {
    n += 1;
    at = haystack.indexOf(term, at + term.length);
  }
  return n;
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/* Non-overlapping [start, end) ranges of the terms in key, longest term first. */
function matchRanges(key, terms) {
  var ranges = [];
  var sorted = terms.slice().sort(function (a, b) { return b.length - a.length; });
  sorted.forEach(function (term) {
    var at = key.indexOf(term);
    while (at >= 0) {
      var end = at + term.length;
      var clash = ranges.some(function (r) { return at < r[1] && end > r[0]; });
      if (!clash) {
        ranges.push([at, end]);
      }
      at = key.indexOf(term, end);
    }
  });
  return ranges.sort(function (a, b) { return a[0] - b[0]; });
}

function markRange(text, ranges, from, to) {
  var out = "";
  var cursor = from;
  ranges.forEach(function (r) {
    if (r[0] >= from && r[1] <= to) {
      out += escapeHTML(text.slice(cursor, r[0])) + "<mark>" + escapeHTML(text.slice(r[0], r[1])) + "</mark>";
      cursor = r[1];
    }
  });
  return out + escapeHTML(text.slice(cursor, to));
}

function highlightTitle(doc, terms) {
  return markRange(doc.title, matchRanges(doc.titleKey, terms), 0, doc.title.length);
}

/* Up to SNIPPET_WINDOWS passages around the first matches, escaped and marked. */
function snippet(doc, terms) {
  var ranges = matchRanges(doc.textKey, terms);
  if (!ranges.length) {
    var head = doc.text.slice(0, 2 * SNIPPET_RADIUS);
    return escapeHTML(head) + (doc.text.length > head.length ? "…" : "");
  }
  var windows = [];
  ranges.forEach(function (r) {
    var start = Math.max(0, r[0] - SNIPPET_RADIUS);
    var end = Math.min(doc.text.length, r[1] + SNIPPET_RADIUS);
    var last = windows[windows.length - 1];
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else if (windows.length < SNIPPET_WINDOWS) {
      windows.push([start, end]);
    }
  });
  return windows.map(function (w) {
    return (w[0] > 0 ? "…" : "") + markRange(doc.text, ranges, w[0], w[1]) + (w[1] < doc.text.length ? "…" : "");
  }).join(" ");
}

function score(doc, terms, found) {
  var total = 0;
  terms.forEach(function (term) {
    if (!found[term]) {
      return;
    }
    var inTitle = count(doc.titleKey, term);
    var inText = count(doc.textKey, term);
    var title = doc.titleKey.replace(/[“”"‘’「」]/g, "");
    if (title === term) {
      total += 100;                 // the page or section named exactly so: a concept page for its term
    } else if (inTitle) {
      total += 10;
    }
    if (inText) {
      total += 1 + Math.log(1 + inText) / Math.LN2;
    }
  });
  return total * doc.boost * (doc.isPage ? 1.2 : 1);
}

function search(query) {
  var parsed = parseQuery(query);
  var terms = parsed.required;
  if (!terms.length) {
    return { items: [] };
  }
  var matches = [];
  var partial = [];
  documents.forEach(function (doc) {
    for (var e = 0; e < parsed.excluded.length; e++) {
      if (doc.titleKey.indexOf(parsed.excluded[e]) >= 0 || doc.textKey.indexOf(parsed.excluded[e]) >= 0) {
        return;
      }
    }
    var found = {};
    var hits = 0;
    terms.forEach(function (term) {
      found[term] = doc.titleKey.indexOf(term) >= 0 || doc.textKey.indexOf(term) >= 0;
      hits += found[term] ? 1 : 0;
    });
    if (hits === terms.length) {
      matches.push({ doc: doc, found: found });
    } else if (hits > 0) {
      partial.push({ doc: doc, found: found, hits: hits });
    }
  });
  // No section holds every term: show those holding some, with the missing ones named.
  if (!matches.length) {
    matches = partial;
  }
  var groups = Object.create(null);
  var order = [];
  matches.forEach(function (match) {
    var doc = match.doc;
    var item = {
      location: doc.location,
      title: highlightTitle(doc, terms),
      text: snippet(doc, terms),
      score: score(doc, terms, match.found) * (match.hits ? match.hits / terms.length : 1),
      terms: match.found
    };
    var group = groups[doc.page];
    if (!group) {
      group = groups[doc.page] = { best: 0, items: [], article: doc.article };
      order.push(doc.page);
    }
    group.items.push(item);
    group.best = Math.max(group.best, item.score);
  });
  var items = order.map(function (page) {
    var group = groups[page];
    group.items.sort(function (a, b) { return b.score - a.score; });
    var kept = group.items.slice(0, SECTIONS_PER_PAGE);
    var article = group.article;
    if (article.isPage && !kept.some(function (item) { return item.location === article.location; })) {
      // Material shows every group under its page: the page itself comes along, unscored.
      kept.push({ location: article.location, title: escapeHTML(article.title), text: "", score: 0, terms: {} });
    }
    return { best: group.best, items: kept };
  });
  items.sort(function (a, b) { return b.best - a.best; });
  return { items: items.map(function (group) { return group.items; }) };
}

function handle(message) {
  switch (message.type) {
    case SearchMessage.SETUP:
      setup(message.data);
      return { type: SearchMessage.READY };
    case SearchMessage.QUERY:
      return { type: SearchMessage.RESULT, data: search(message.data) };
    default:
      throw new TypeError("Invalid message type");
  }
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { handle: handle, parseQuery: parseQuery, search: search, setup: setup };
} else {
  addEventListener("message", function (event) {
    postMessage(handle(event.data));
  });
}
