/*
 * Material's search counter says how many result groups the worker returned, and the worker
 * returns the best 50 pages at most. Our worker also says how many pages matched (`total`, and
 * `exact` when the gram lists decided it without reading every candidate's text). This wraps
 * `Worker` (the native one, or the file:// shim installed before it) to hear that answer, and
 * writes the number into the counter whenever Material updates it.
 */
(function () {
  "use strict";

  var Native = window.Worker;
  if (!Native) {
    return;
  }
  var RESULT = 3;  // Material's SearchMessage.RESULT
  var answer = null;

  function apply(meta) {
    if (!answer || answer.total <= answer.shown) {
      return;
    }
    var text = meta.textContent;
    // The number as Material wrote it, or as this script did (with 约): writing it must not make it change again.
    var wanted = text.replace(/约?\d[\d,.]*k?/, (answer.exact ? "" : "约") + answer.total);
    if (wanted !== text) {
      meta.textContent = wanted;
    }
  }

  function watch() {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      new MutationObserver(function () { apply(meta); }).observe(meta, { childList: true, characterData: true, subtree: true });
    }
  }

  function Counted(url, options) {
    var worker = new Native(url, options);
    worker.addEventListener("message", function (event) {
      var message = event.data;
      var data = message && message.type === RESULT ? message.data : null;
      answer = data && typeof data.total === "number" ?
        { total: data.total, exact: data.exact !== false, shown: (data.items || []).length } : null;
    });
    return worker;
  }
  Counted.prototype = Native.prototype;
  window.Worker = Counted;
  if (window.IFrameWorker === Native) {
    window.IFrameWorker = Counted;  // Material tells the file:// shim by this name
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
