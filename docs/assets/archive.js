/*
 * The home page's report list: filter as you type, facets with counts, pages.
 *
 * The page lists its year files (#report-years: path, year, count, newest
 * first); each is a script calling __archiveData with that year's reports, so
 * the page stays small however large the archive. A filter loads what it
 * needs: with only year boxes checked, those years; with text or another
 * facet, every year. This script filters the loaded reports by the text box
 * (title, region and the regions above it) and by the checked facets (year,
 * level, kind: any checked value within a facet, every facet), and shows one
 * page of the result. Each facet's counts are those the other filters leave,
 * so a count says what checking that box would show (a year not loaded counts
 * its reports, which is what it would show then). Scripts, not fetch, so it
 * works from disk; without scripts the page shows the newest reports.
 */
(function () {
  "use strict";

  var root = document.getElementById("report-browser");
  var source = document.getElementById("report-years");
  if (!root || !source) {
    return;
  }
  var years = JSON.parse(source.textContent);  // [path, year, count], newest first
  var loaded = Object.create(null);  // path -> that year's reports
  var loading = Object.create(null);  // path -> Promise
  var total = parseInt(root.getAttribute("data-total"), 10) || 0;
  var base = new URL(".", document.currentScript ? document.currentScript.src : location.href);
  base = new URL("..", base);  // archive.js lives in assets/; the year files beside assets/
  var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 20;
  var input = root.querySelector(".report-filter");
  var list = root.querySelector(".report-list");
  var status = root.querySelector(".report-status");
  var pager = root.querySelector(".report-pager");
  var facets = Array.prototype.slice.call(root.querySelectorAll(".report-facet"));
  var page = 0;

  window.__archiveData = function (path, reports) {
    reports.forEach(function (report) {
      report.text = (report.t + " " + report.r + " " + (report.p || "") + " " + report.y).toLowerCase();
    });
    loaded[path] = reports;
  };

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(path, base).href;
        script.onload = function () { resolve(); };
        script.onerror = function () {
          delete loading[path];
          script.remove();
          reject(new Error("cannot load " + path));
        };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  /* The year files this state of the filter needs: the checked years alone, or every year. */
  function needed(words, chosen) {
    var onlyYears = !words.length && chosen.y && chosen.y.length &&
      Object.keys(chosen).every(function (key) { return key === "y" || !chosen[key].length; });
    return years.filter(function (year) {
      return !onlyYears || chosen.y.indexOf(year[1]) >= 0;
    }).map(function (year) { return year[0]; });
  }

  function checked() {
    var chosen = {};
    facets.forEach(function (facet) {
      var key = facet.getAttribute("data-facet");
      chosen[key] = Array.prototype.slice.call(facet.querySelectorAll("input:checked")).map(function (box) {
        return box.value;
      });
    });
    return chosen;
  }

  function matchesText(report, words) {
    for (var i = 0; i < words.length; i++) {
      if (report.text.indexOf(words[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  function matchesFacets(report, chosen, skip) {
    for (var key in chosen) {
      if (key !== skip && chosen[key].length && chosen[key].indexOf(report[key]) < 0) {
        return false;
      }
    }
    return true;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function row(report) {
    var item = element("li");
    var title = element("a", "report-title", report.t);
    title.href = "reports/" + report.s + ".html";
    item.appendChild(title);
    var meta = element("span", "report-meta");
    if (report.g) {
      var region = element("a", "", report.r);
      region.href = "regions/" + report.g + ".html";
      meta.appendChild(region);
    } else {
      meta.appendChild(document.createTextNode(report.r));
    }
    var details = [report.l, report.k, report.d].filter(Boolean).join(" · ");
    if (details) {
      meta.appendChild(document.createTextNode((report.r ? " · " : "") + details));
    }
    item.appendChild(meta);
    return item;
  }

  function button(label, target, current) {
    var node = element("button", "", label);
    node.type = "button";
    if (target === null) {
      node.disabled = true;
    } else {
      node.addEventListener("click", function () {
        page = target;
        render();
        list.scrollIntoView({ block: "nearest" });
      });
    }
    if (current) {
      node.setAttribute("aria-current", "page");
    }
    return node;
  }

  function renderPager(pages) {
    pager.textContent = "";
    pager.hidden = pages <= 1;
    if (pages <= 1) {
      return;
    }
    pager.appendChild(button("上一页", page > 0 ? page - 1 : null));
    var first = Math.max(0, Math.min(page - 2, pages - 5));
    for (var number = first; number < Math.min(pages, first + 5); number++) {
      pager.appendChild(button(String(number + 1), number, number === page));
    }
    pager.appendChild(button("下一页", page < pages - 1 ? page + 1 : null));
  }

  var latest = 0;

  function render() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var chosen = checked();
    var paths = needed(words, chosen);
    var ticket = ++latest;
    var missing = paths.filter(function (path) { return !loaded[path]; });
    if (missing.length) {
      root.setAttribute("aria-busy", "true");
      Promise.all(missing.map(load)).then(function () {
        if (ticket === latest) {
          root.removeAttribute("aria-busy");
          show(words, chosen, paths);
        }
      }, function () {
        root.removeAttribute("aria-busy");
        status.textContent = "报告列表未能载入，请刷新页面重试";
      });
      return;
    }
    show(words, chosen, paths);
  }

  function show(words, chosen, paths) {
    var reports = [];
    paths.forEach(function (path) { reports = reports.concat(loaded[path]); });
    var all = paths.length === years.length;
    var byText = reports.filter(function (report) { return matchesText(report, words); });
    facets.forEach(function (facet) {
      var key = facet.getAttribute("data-facet");
      var counts = {};
      byText.forEach(function (report) {
        if (matchesFacets(report, chosen, key)) {
          counts[report[key]] = (counts[report[key]] || 0) + 1;
        }
      });
      if (key === "y" && !all) {
        // Only the checked years are loaded, and nothing else filters: a year counts its reports.
        years.forEach(function (year) { counts[year[1]] = year[2]; });
      }
      facet.querySelectorAll("label").forEach(function (label) {
        var box = label.querySelector("input");
        var count = counts[box.value] || 0;
        label.querySelector(".facet-count").textContent = "（" + count + "）";
        label.classList.toggle("is-empty", count === 0 && !box.checked);
      });
    });
    var found = byText.filter(function (report) { return matchesFacets(report, chosen, null); });
    var pages = Math.max(1, Math.ceil(found.length / pageSize));
    page = Math.min(page, pages - 1);
    var shown = found.slice(page * pageSize, (page + 1) * pageSize);
    list.textContent = "";
    shown.forEach(function (report) { list.appendChild(row(report)); });
    if (!found.length) {
      status.textContent = "没有符合条件的报告";
    } else if (found.length <= pageSize) {
      status.textContent = "共" + found.length + "份报告";
    } else {
      status.textContent = "共" + found.length + "份报告，第" + (page * pageSize + 1) + "–" +
        (page * pageSize + shown.length) + "份";
    }
    renderPager(pages);
  }

  input.addEventListener("input", function () { page = 0; render(); });
  root.addEventListener("change", function (event) {
    if (event.target.matches(".report-facet input")) {
      page = 0;
      render();
    }
  });
  // Until a reader filters, the page shows the newest reports as written; the pager pages them all.
  renderPager(Math.max(1, Math.ceil(total / pageSize)));
})();
