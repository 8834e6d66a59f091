/*
 * 主要指标: the targets of a chosen year across regions, filtered by level and province, sorted
 * by any column.
 *
 * Each year's rows are a script of their own (targets/<year>.js, calling __targetsData), added
 * to the page when the year is chosen: a script element loads from disk (file://) as well as
 * from a server, where fetch() would not. Without scripts the page says where the data is.
 */
(function () {
  "use strict";

  var root = document.getElementById("targets-browser");
  if (!root) {
    return;
  }
  var years = JSON.parse(root.querySelector(".targets-years").textContent);  // [path, year, count], newest first
  var columns = JSON.parse(root.querySelector(".targets-columns").textContent);  // [id, name, unit]
  var yearSelect = root.querySelector(".targets-year");
  var levelSelect = root.querySelector(".targets-level");
  var provinceSelect = root.querySelector(".targets-province");
  var status = root.querySelector(".targets-status");
  var head = root.querySelector(".targets-table thead");
  var body = root.querySelector(".targets-table tbody");
  var base = new URL(".", document.currentScript ? document.currentScript.src : location.href);
  base = new URL("..", base);  // targets.js lives in assets/; the year files beside assets/
  var loaded = Object.create(null);
  var sort = { key: "r", descending: false };

  if (!years.length) {
    return;
  }

  window.__targetsData = function (year, rows) {
    loaded[year] = rows;
  };

  function load(path, year) {
    if (loaded[year]) {
      return Promise.resolve();
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(path, base).href;
      script.onload = function () { resolve(); };
      script.onerror = function () { script.remove(); reject(new Error("cannot load " + path)); };
      document.head.appendChild(script);
    });
  }

  function option(select, value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label;
    select.appendChild(item);
  }

  years.forEach(function (entry) {
    option(yearSelect, String(entry[1]), entry[1] + "年（" + entry[2] + "个地区）");
  });

  // The header: region, level, province, then one column per indicator; each a sort button.
  var fixed = [["r", "地区"], ["l", "级别"], ["p", "省份"]];
  var row = document.createElement("tr");
  fixed.concat(columns.map(function (c) { return [c[0], c[1] + "（" + c[2] + "）"]; })).forEach(function (column) {
    var cell = document.createElement("th");
    cell.scope = "col";
    cell.setAttribute("aria-sort", "none");
    cell.dataset.key = column[0];
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = column[1];
    button.addEventListener("click", function () {
      sort = { key: column[0], descending: sort.key === column[0] ? !sort.descending : column[0].length > 1 };
      render();
    });
    cell.appendChild(button);
    row.appendChild(cell);
  });
  head.appendChild(row);

  function value(rowData, key) {
    if (key.length === 1) {
      return rowData[key] || "";
    }
    var figure = rowData.t[key];
    return figure && figure[0] !== null ? figure[0] : null;
  }

  function compare(a, b) {
    var x = value(a, sort.key), y = value(b, sort.key);
    if (x === null || y === null) {  // rows without the figure go last, whichever way
      return (x === null) - (y === null);
    }
    var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
    return sort.descending ? -order : order;
  }

  function render() {
    var year = yearSelect.value;
    var rows = loaded[year] || [];
    var provinces = {};
    rows.forEach(function (r) { if (r.p) { provinces[r.p] = true; } });
    var chosen = provinceSelect.value;
    provinceSelect.length = 1;
    Object.keys(provinces).sort(function (a, b) { return a.localeCompare(b, "zh-CN"); }).forEach(function (p) {
      option(provinceSelect, p, p);
    });
    provinceSelect.value = provinces[chosen] ? chosen : "";
    var shown = rows.filter(function (r) {
      return (!levelSelect.value || r.l === levelSelect.value) && (!provinceSelect.value || r.p === provinceSelect.value);
    }).sort(compare);
    head.querySelectorAll("th").forEach(function (cell) {
      cell.setAttribute("aria-sort", cell.dataset.key === sort.key ? (sort.descending ? "descending" : "ascending") : "none");
    });
    body.textContent = "";
    shown.forEach(function (r) {
      var tr = document.createElement("tr");
      var name = document.createElement("th");
      name.scope = "row";
      var link = document.createElement("a");
      link.href = new URL("reports/" + r.s + ".html", base).href;
      link.textContent = r.r;
      name.appendChild(link);
      tr.appendChild(name);
      [r.l, r.p].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text || "";
        tr.appendChild(cell);
      });
      columns.forEach(function (c) {
        var cell = document.createElement("td");
        var figure = r.t[c[0]];
        if (figure) {
          var to = document.createElement("a");
          to.href = new URL("reports/" + r.s + ".html#" + figure[4], base).href;
          to.textContent = figure[5];
          cell.appendChild(to);
        } else {
          cell.textContent = "—";
        }
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    status.textContent = year + "年：" + shown.length + "个地区" + (shown.length < rows.length ? "（共" + rows.length + "个）" : "");
  }

  function choose() {
    var entry = years.filter(function (e) { return String(e[1]) === yearSelect.value; })[0];
    status.textContent = "正在载入" + entry[1] + "年的目标……";
    root.setAttribute("aria-busy", "true");
    load(entry[0], entry[1]).then(function () {
      root.removeAttribute("aria-busy");
      render();
    }, function () {
      root.removeAttribute("aria-busy");
      status.textContent = "无法载入" + entry[1] + "年的数据。";
    });
  }

  yearSelect.addEventListener("change", choose);
  levelSelect.addEventListener("change", render);
  provinceSelect.addEventListener("change", render);
  choose();
})();
