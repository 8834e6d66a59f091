/*
 * Web workers for pages opened from disk (file://).
 *
 * Browsers refuse `new Worker()` on file:// pages, so Material's search worker
 * would never start in the offline bundle. On file:// only, this shim replaces
 * `Worker` with one that runs the worker script in a hidden iframe of the same
 * page: messages pass with postMessage both ways, and `importScripts` loads the
 * given scripts in order and returns a Promise (Material's search worker awaits
 * it). Material looks for `window.IFrameWorker` to know the worker runs in an
 * iframe, so the class is published under that name too. Over http(s) nothing
 * changes.
 */
(function () {
  "use strict";

  // Runs inside the iframe: the worker's view of the world.
  function bootstrap() {
    window.postMessage = function (data) {
      parent.postMessage({ fileWorker: true, data: data }, "*");
    };
    window.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (ready, url) {
        return ready.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = url;
            script.onload = resolve;
            script.onerror = function () { reject(new Error("importScripts: cannot load " + url)); };
            document.body.appendChild(script);
          });
        });
      }, Promise.resolve());
    };
  }

  function FileWorker(url) {
    var target = new EventTarget();
    var self = this;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    document.body.appendChild(frame);
    this.onmessage = null;
    this.onerror = null;
    this._frame = frame;
    this._target = target;
    this._ready = new Promise(function (resolve) { frame.addEventListener("load", resolve, { once: true }); });
    this._listen = function (event) {
      if (event.source !== frame.contentWindow || !event.data || !event.data.fileWorker) {
        return;
      }
      var message = new MessageEvent("message", { data: event.data.data });
      target.dispatchEvent(message);
      if (typeof self.onmessage === "function") {
        self.onmessage(message);
      }
    };
    window.addEventListener("message", this._listen);
    var page = frame.contentWindow.document;
    page.open();
    // The worker script must be the first <script src> of the iframe: Material reads its path.
    page.write(
      "<!DOCTYPE html><html><body><script>(" + bootstrap.toString() + ")();<\/script>" +
      '<script src="' + String(url).replace(/"/g, "&quot;") + '"><\/script></body></html>'
    );
    page.close();
  }

  FileWorker.prototype.addEventListener = function (type, listener, options) {
    this._target.addEventListener(type, listener, options);
  };
  FileWorker.prototype.removeEventListener = function (type, listener, options) {
    this._target.removeEventListener(type, listener, options);
  };
  FileWorker.prototype.postMessage = function (data) {
    var frame = this._frame;
    var copy = typeof structuredClone === "function" ? structuredClone(data) : JSON.parse(JSON.stringify(data));
    this._ready.then(function () {
      frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: copy }));
    });
  };
  FileWorker.prototype.terminate = function () {
    window.removeEventListener("message", this._listen);
    this._frame.remove();
  };

  if (location.protocol === "file:") {
    window.IFrameWorker = FileWorker;
    window.Worker = FileWorker;
  }
})();
