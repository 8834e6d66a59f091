/*
 * The site's search worker: Material's (or Zensical's) search interface, our search engine.
 *
 * Material talks to its search worker with four messages (SETUP with the
 * index, READY, QUERY with the typed text, RESULT with items grouped by page)
 * and lets a site bring its own worker (config.search). Ours answers the same
 * messages with substring search, which suits Chinese: no word segmentation
 * is needed, so a term is found whole (六个百分百) and by any of its parts
 * (百分百), and a query is never split where a dictionary happens to cut.
 *
 * The index Material hands over at SETUP is only a manifest: nothing is
 * fetched until a reader searches, and then only the files a query needs
 * (see generator/site/search.py for their layout):
 *
 *   1. for each query term, the gram files of a few character pairs that
 *      cover it: the sections holding all of them are the candidates, with an
 *      upper bound of the term's count in each;
 *   2. the candidates are ranked by that estimate, and the text files of the
 *      best of them are read, a batch at a time, until enough pages are
 *      confirmed: the text settles whether the term is really there (the pairs
 *      may occur apart), gives the exact score, and gives the snippets.
 *
 * Files already read are kept for the next query. Over http the files are
 * fetched; from file:// (the offline copy, where this worker runs in an iframe
 * and fetch is refused) they are loaded as scripts.
 *
 * The index text is plain text; everything returned is HTML-escaped here,
 * with only our own <mark> around matches, because Material inserts result
 * titles and texts as HTML.
 *
 * Zensical's interface (generator/site/zensical.py) speaks another protocol:
 * SETUP hands over search.json, whose items are the site's pages (title,
 * address, breadcrumb) beside the same shards; QUERY brings an object whose
 * input is the typed text; RESULT answers items that name a page by its
 * place in that list, with the ranges of the title to mark. Zensical shows an
 * excerpt only from text it holds in the page, which our index does not
 * send: under Zensical a result is a page and its title.
 */
"use strict";

var SearchMessage = { SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 };
var SNIPPET_RADIUS = 40;      // characters shown on each side of a match
var SNIPPET_WINDOWS = 2;      // at most this many passages per section
var SECTIONS_PER_PAGE = 30;   // at most this many matching sections per page
var COUNT_CAP = 50;           // occurrences counted per term and section
// Pages of results at most, the best-ranked ones: their text is what a query reads, so this bounds
// what it fetches (the counter says how many pages match in all, see countPages).
var RESULT_PAGES = 20;
var BATCH = 40;               // candidate sections whose text is read together, at most
var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
// generator/site/search.py (QUERY_SEPARATORS) leaves out of the index every pair holding one of these.
var SEPARATORS = /[\s\u3000，。、；：？！“”‘’（）《》【】,;!?"'()\[\]{}<>]+/;

// This script's own address: the index lies in search/, beside assets/ where this script is.
var scriptURL = (typeof document !== "undefined" && document.currentScript && document.currentScript.src) ||
  (typeof location !== "undefined" ? location.href : "");
var fromDisk = /^file:/i.test(scriptURL);

var DIGITS = new Int8Array(128).fill(-1);
for (var d = 0; d < ALPHABET.length; d++) {
  DIGITS[ALPHABET.charCodeAt(d)] = d;
}

var manifest = null;   // config.shards: version, grams, sectionsPerFile, boosts
var zensical = null;   // under Zensical: the page list it loaded, and each page's place in it by address
var base = "";
var files = Object.create(null);     // file name -> Promise of its data
var arrived = Object.create(null);   // file name -> data, as a loaded script hands it over
var sections = Object.create(null);  // section id -> section, once its text file is read

/* Data files are scripts: __searchData("g/12", {...}). Loaded as scripts (from disk), they call this. */
self.__searchData = function (name, data) {
  arrived[name] = data;
};

function setup(index) {
  var config = (index && index.config) || {};
  if (!config.shards) {
    throw new TypeError("search: the index has no shards (built without generator/site/search.py?)");
  }
  manifest = config.shards;
  zensical = null;
  if (index && Array.isArray(index.items)) {
    // Zensical's interface may hand the addresses over resolved against the site: compare them resolved.
    var root = new URL("../", scriptURL).href;
    zensical = { items: index.items, byLocation: new Map(), root: root };
    index.items.forEach(function (item, id) { zensical.byLocation.set(new URL(item.location, root).href, id); });
  }
  base = new URL("../search/", scriptURL).href;
  files = Object.create(null);
  arrived = Object.create(null);
  sections = Object.create(null);
}

function readFile(name) {
  if (!(name in files)) {
    var loading;
    if (fromDisk) {
      // The worker shim's importScripts returns a Promise; the script hands its data to __searchData.
      loading = Promise.resolve(importScripts(base + name + ".js")).then(function () {
        if (!(name in arrived)) {
          throw new Error("search: " + name + ".js did not load");
        }
        var data = arrived[name];
        delete arrived[name];
        return data;
      });
    } else {
      var url = base + name + ".js?v=" + encodeURIComponent(manifest.version);
      loading = fetch(url).then(function (response) {
        if (!response.ok) {
          throw new Error("search: " + url + " answered " + response.status);
        }
        return response.text();
      }).then(function (text) {
        return JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
      });
    }
    files[name] = loading;
    loading.catch(function () { delete files[name]; });  // try again with the next query
  }
  return files[name];
}

function lower(text) {
  var folded = text.toLowerCase();
  // Keep offsets valid for highlighting: fall back to exact case where folding changes the length.
  return folded.length === text.length ? folded : text;
}

/* The sections of text file n, kept by id once read. */
function readText(n) {
  return readFile("c/" + n).then(function (data) {
    if (data.read) {
      return;
    }
    data.read = true;
    data.s.forEach(function (entry, j) {
      var page = data.p[entry[0]];
      var anchor = entry[1];
      var section = {
        location: anchor ? page[0] + "#" + anchor : page[0],
        title: entry[2],
        text: entry[3],
        boost: typeof entry[4] === "number" ? entry[4] : 1,
        page: page[0],
        isPage: !anchor,
        article: { location: page[0], title: page[1], isPage: true }
      };
      section.titleKey = lower(section.title);
      section.textKey = lower(section.text);
      sections[n * manifest.sectionsPerFile + j] = section;
    });
  });
}

/* Query terms: split at spaces and Chinese or ASCII punctuation that never
 * belongs inside a term; "-word" excludes, a leading "+" is accepted. */
function parseQuery(query) {
  var required = [];
  var excluded = [];
  String(query).split(SEPARATORS).forEach(function (part) {
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

/* ---- candidates from the gram files ---- */

/* The pairs that cover a term: at even offsets, and the last pair; one character stands for itself. */
function gramsOf(term) {
  var chars = Array.from(term);
  if (chars.length < 2) {
    return chars;
  }
  var grams = [];
  for (var i = 0; i + 1 < chars.length; i += 2) {
    grams.push(chars[i] + chars[i + 1]);
  }
  if (chars.length % 2) {
    grams.push(chars[chars.length - 2] + chars[chars.length - 1]);
  }
  return grams;
}

function gramFile(gram) {
  var hash = 0;
  for (var char of gram) {
    hash = (Math.imul(hash, 31) + char.codePointAt(0)) >>> 0;
  }
  return "g/" + (hash % manifest.grams);
}

function decodeNumbers(text) {
  var numbers = [];
  var value = 0;
  var scale = 1;
  for (var i = 0; i < text.length; i++) {
    var digit = DIGITS[text.charCodeAt(i)];
    if (digit >= 32) {
      value += (digit - 32) * scale;
      scale *= 32;
    } else {
      numbers.push(value + digit * scale);
      value = 0;
      scale = 1;
    }
  }
  return numbers;
}

/* A gram's sections in the text: id -> count (doubled gaps, odd when a count above one follows). */
function bodyPostings(text) {
  var numbers = decodeNumbers(text);
  var found = new Map();
  var id = 0;
  for (var i = 0; i < numbers.length; i++) {
    var gap = numbers[i];
    id += Math.floor(gap / 2);
    found.set(id, gap % 2 ? numbers[++i] + 2 : 1);
  }
  return found;
}

/* A gram's sections in the titles: id -> 1. */
function titlePostings(text) {
  var found = new Map();
  var id = 0;
  decodeNumbers(text).forEach(function (gap) {
    id += gap;
    found.set(id, 1);
  });
  return found;
}

function intersect(a, b) {
  var out = new Map();
  var small = a.size <= b.size ? a : b;
  var large = small === a ? b : a;
  small.forEach(function (count, id) {
    var other = large.get(id);
    if (other !== undefined) {
      out.set(id, Math.min(count, other));
    }
  });
  return out;
}

/* The sections that may hold a term: id -> {count: at most this many in the text, title: maybe in the title}. */
function termCandidates(term) {
  var grams = gramsOf(term);
  return Promise.all(grams.map(function (gram) { return readFile(gramFile(gram)); })).then(function (data) {
    var body = null;
    var titles = null;
    grams.forEach(function (gram, i) {
      var entry = data[i][gram] || ["", ""];
      var inBody = bodyPostings(entry[0]);
      var inTitle = titlePostings(entry[1]);
      body = body ? intersect(body, inBody) : inBody;
      titles = titles ? intersect(titles, inTitle) : inTitle;
    });
    var candidates = new Map();
    body.forEach(function (count, id) {
      candidates.set(id, { count: count, title: false });
    });
    titles.forEach(function (one, id) {
      var known = candidates.get(id);
      if (known) {
        known.title = true;
      } else {
        candidates.set(id, { count: 0, title: true });
      }
    });
    return candidates;
  });
}

function boostOf(id) {
  var runs = manifest.boosts || [];
  for (var i = 0; i < runs.length; i++) {
    if (id < runs[i][0]) {
      return runs[i][1];
    }
  }
  return 1;
}

/* The score a candidate can reach, from the gram files alone: what decides whose text is read first. */
function estimate(candidate, terms, partial) {
  var total = 0;
  terms.forEach(function (term) {
    var hint = candidate.hints[term];
    if (!hint) {
      return;
    }
    if (hint.title) {
      total += 10;
    }
    if (hint.count) {
      total += 1 + Math.log(1 + Math.min(hint.count, COUNT_CAP)) / Math.LN2;
    }
  });
  return total * boostOf(candidate.id) * (partial ? candidate.hits / terms.length : 1);
}

/* ---- confirming, scoring and showing ---- */

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

/* Read the text of the best candidates, a batch at a time, until RESULT_PAGES pages are confirmed.
 * complete: every term must be there; otherwise any of them. */
function confirm(candidates, terms, excluded, complete) {
  candidates = candidates.filter(function (candidate) { return !excluded.surely.has(candidate.id); });
  candidates.forEach(function (candidate) {
    candidate.estimate = estimate(candidate, terms, !complete);
    candidate.risky = excluded.maybe.has(candidate.id);
  });
  // Sections that may hold an excluded word are read last: a common excluded word must not make
  // the worker read the text of every section that holds the wanted one.
  candidates.sort(function (a, b) { return a.risky - b.risky || b.estimate - a.estimate || a.id - b.id; });
  var confirmed = [];
  var pages = new Set();
  var next = 0;
  function round() {
    if (next >= candidates.length || pages.size >= RESULT_PAGES) {
      return Promise.resolve({ matches: confirmed, unread: candidates.slice(next) });
    }
    // No more than the pages still wanted could need: each confirmed candidate may be a page of its own.
    var size = Math.max(8, Math.min(BATCH, RESULT_PAGES - pages.size));
    var batch = candidates.slice(next, next + size);
    next += size;
    var wanted = new Set(batch.map(function (candidate) {
      return Math.floor(candidate.id / manifest.sectionsPerFile);
    }));
    return Promise.all(Array.from(wanted, readText)).then(function () {
      batch.forEach(function (candidate) {
        var doc = sections[candidate.id];
        if (!doc) {
          return;
        }
        for (var e = 0; e < excluded.terms.length; e++) {
          var word = excluded.terms[e];
          if (doc.titleKey.indexOf(word) >= 0 || doc.textKey.indexOf(word) >= 0) {
            return;
          }
        }
        var found = {};
        var hits = 0;
        terms.forEach(function (term) {
          found[term] = doc.titleKey.indexOf(term) >= 0 || doc.textKey.indexOf(term) >= 0;
          hits += found[term] ? 1 : 0;
        });
        if (complete ? hits < terms.length : hits === 0) {
          return;
        }
        confirmed.push(complete ? { id: candidate.id, doc: doc, found: found } :
          { id: candidate.id, doc: doc, found: found, hits: hits });
        pages.add(doc.page);
      });
      return round();
    });
  }
  return round();
}

function group(matches, terms) {
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
    var entry = groups[doc.page];
    if (!entry) {
      entry = groups[doc.page] = { best: 0, items: [], article: doc.article };
      order.push(doc.page);
    }
    entry.items.push(item);
    entry.best = Math.max(entry.best, item.score);
  });
  var items = order.map(function (page) {
    var entry = groups[page];
    entry.items.sort(function (a, b) { return b.score - a.score; });
    var kept = entry.items.slice(0, SECTIONS_PER_PAGE);
    var article = entry.article;
    if (!kept.some(function (item) { return item.location === article.location; })) {
      // Material shows every group under its page: the page itself comes along, unscored.
      kept.push({ location: article.location, title: escapeHTML(article.title), text: "", score: 0, terms: {} });
    }
    return { best: entry.best, items: kept };
  });
  items.sort(function (a, b) { return b.best - a.best; });
  return { items: items.slice(0, RESULT_PAGES).map(function (entry) { return entry.items; }) };
}

/* The sections an excluded word rules out: surely (a word of one or two characters: its gram list
 * is exact) or maybe (a longer word: the sections holding all of its pairs, confirmed by their text). */
function exclusions(words) {
  return Promise.all(words.map(termCandidates)).then(function (perWord) {
    var out = { terms: words, surely: new Set(), maybe: new Set() };
    perWord.forEach(function (candidates, w) {
      var into = Array.from(words[w]).length <= 2 ? out.surely : out.maybe;
      candidates.forEach(function (hint, id) { into.add(id); });
    });
    return out;
  });
}

/* The page of a section: pages start at the ids of search/pages (ascending). */
function pageOf(id) {
  var starts = pageStarts;
  var low = 0;
  var high = starts.length - 1;
  while (low < high) {
    var middle = (low + high + 1) >> 1;
    if (starts[middle] <= id) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

var pageStarts = null;

function readPages() {
  return readFile("pages").then(function (data) {
    if (!pageStarts) {
      var id = 0;
      pageStarts = decodeNumbers(data).map(function (gap) { id += gap; return id; });
    }
  });
}

/* How many pages match: those confirmed, and those of the candidates whose text was not read (all of
 * them match when every term and exclusion is decided by the gram lists alone; else it is at most). */
function countPages(result, exact) {
  var pages = new Set();
  result.matches.forEach(function (match) { pages.add(pageOf(match.id)); });
  var confirmed = pages.size;
  result.unread.forEach(function (candidate) { pages.add(pageOf(candidate.id)); });
  return { total: pages.size, exact: exact || pages.size === confirmed };
}

function search(query) {
  var parsed = parseQuery(query);
  var terms = parsed.required;
  if (!terms.length) {
    return Promise.resolve({ items: [] });
  }
  var decided = terms.every(function (term) { return Array.from(term).length <= 2; }) &&
    parsed.excluded.every(function (word) { return Array.from(word).length <= 2; });
  var excluded = null;
  return Promise.all([Promise.all(terms.map(termCandidates)), exclusions(parsed.excluded), readPages()]).then(function (found) {
    var perTerm = found[0];
    excluded = found[1];
    var union = new Map();
    perTerm.forEach(function (candidates, t) {
      candidates.forEach(function (hint, id) {
        var candidate = union.get(id);
        if (!candidate) {
          candidate = { id: id, hits: 0, hints: {} };
          union.set(id, candidate);
        }
        candidate.hits += 1;
        candidate.hints[terms[t]] = hint;
      });
    });
    var every = [];
    var some = [];
    union.forEach(function (candidate) {
      (candidate.hits === terms.length ? every : some).push(candidate);
    });
    return confirm(every, terms, excluded, true).then(function (result) {
      // No section holds every term: show those holding some, with the missing ones named.
      return result.matches.length ? result : confirm(every.concat(some), terms, excluded, false).then(function (partial) {
        partial.partial = true;
        return partial;
      });
    });
  }).then(function (result) {
    var answer = group(result.matches, terms);
    var counted = countPages(result, decided && !result.partial);
    answer.total = counted.total;
    answer.exact = counted.exact;
    return answer;
  });
}

/* A result as Zensical's interface wants it: each page by its place in the page list, its title's marks. */
function forZensical(result, query) {
  var terms = parseQuery(query).required;
  var items = [];
  (result.items || []).forEach(function (group) {
    var page = group[group.length - 1];  // the page itself comes last or first; find it by address
    group.forEach(function (item) { if (item.location.indexOf("#") < 0) { page = item; } });
    var id = zensical.byLocation.get(new URL(page.location.split("#")[0], zensical.root).href);
    if (id === undefined) {
      return;
    }
    var title = String(zensical.items[id].title || "");
    // value: how many characters of the range matched (Zensical marks a prefix of a word; ours match whole).
    var ranges = matchRanges(lower(title), terms).map(function (r) { return { start: r[0], end: r[1], value: r[1] - r[0] }; });
    items.push({ id: id, matches: [{ field: "title", value: { highlight: { ranges: ranges } } }] });
  });
  return { items: items, pagination: { total: result.total || items.length } };
}

/* Queries are answered in order; one overtaken by a newer query while waiting is not answered at all. */
var latest = 0;
var queue = Promise.resolve();

function receive(message, reply) {
  switch (message.type) {
    case SearchMessage.SETUP:
      setup(message.data);
      reply({ type: SearchMessage.READY });
      return;
    case SearchMessage.QUERY:
      var ticket = ++latest;
      // Material sends the typed text; Zensical an object whose input is the typed text (or its filters).
      var query = typeof message.data === "string" ? message.data :
        (message.data && typeof message.data.input === "string" ? message.data.input : "");
      queue = queue.then(function () {
        if (ticket !== latest) {
          return undefined;
        }
        return search(query).then(function (result) {
          if (ticket === latest) {
            reply({ type: SearchMessage.RESULT, data: zensical ? forZensical(result, query) : result });
          }
        });
      }).catch(function (error) {
        console.error(error);
        reply({ type: SearchMessage.RESULT, data: zensical ? { items: [], pagination: { total: 0 } } : { items: [] } });
      });
      return;
    default:
      throw new TypeError("Invalid message type");
  }
}

addEventListener("message", function (event) {
  receive(event.data, function (answer) { postMessage(answer); });
});
