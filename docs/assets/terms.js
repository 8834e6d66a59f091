/*
 * Glossary terms on touch screens.
 *
 * Desktop readers get a term's explanation from Material's tooltips (hover and
 * keyboard focus); screen readers get it through aria-describedby. A tap has no hover, and a tap on a link would leave the page,
 * so on touch the first tap opens the explanation in place, with a link onward
 * to the concept page. The explanation is read from the page's hidden
 * definition list (the element the term's aria-describedby names).
 */
(function () {
  "use strict";

  // Each term's explanation is in the page once, named by its aria-describedby.
  // Copy it into the title now, before Material turns titles into tooltips
  // (Material mounts its components when the document has loaded).
  // A target or result phrase (span.figure) is described the same way, by its note: the
  // region's figure of the year before, or the target the result was set against.
  // Material's tooltip then takes over aria-describedby: the note's id is kept in data-note-id.
  document.querySelectorAll("a.term[aria-describedby], .figure[aria-describedby]").forEach(function (term) {
    var definition = document.getElementById(term.getAttribute("aria-describedby"));
    if (definition && !term.title) {
      term.title = definition.textContent;
      term.setAttribute("data-note-id", definition.id);
    }
  });

  var pointer = "mouse";
  var panel = null;

  function close() {
    if (panel) {
      panel.remove();
      panel = null;
    }
  }

  function explanation(term) {
    var id = term.getAttribute("data-note-id") || term.getAttribute("aria-describedby");
    var definition = id && document.getElementById(id);
    return definition ? definition.textContent : term.getAttribute("title") || "";
  }

  // An editor's passage note opens in place too, on click or tap (its number links to
  // the list at the end of the report, which is where it goes without JavaScript).
  function openNote(link) {
    close();
    var item = document.getElementById("note-" + link.dataset.note);
    var host = item && item.closest("li");
    if (!host) {
      return false;
    }
    panel = document.createElement("div");
    panel.className = "term-panel term-panel--note";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "编者注" + link.dataset.note);
    var title = document.createElement("strong");
    title.className = "term-panel__title";
    title.textContent = "编者注" + link.dataset.note;
    var body = host.cloneNode(true);
    body.querySelectorAll("[id], a[href^='#note-ref']").forEach(function (node) {
      if (node.tagName === "A") { node.remove(); } else { node.removeAttribute("id"); }
    });
    var text = document.createElement("div");
    text.className = "term-panel__text";
    text.append.apply(text, Array.prototype.slice.call(body.childNodes));
    var shut = closeButton();
    panel.append(title, shut, text);
    place(panel, link);
    shut.focus({ preventScroll: true });
    return true;
  }

  function closeButton() {
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "term-panel__close";
    shut.setAttribute("aria-label", "关闭");
    shut.textContent = "×";
    shut.addEventListener("click", close);
    return shut;
  }

  function place(element, anchor) {
    document.body.append(element);
    var box = anchor.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    element.style.width = width + "px";
    element.style.left = left + "px";
    element.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  // A panel titled by what was tapped, with its explanation; ``extra`` (a link onward) gets the focus,
  // else the close button does.
  function openPanel(anchor, className, extra) {
    close();
    panel = document.createElement("div");
    panel.className = className;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", anchor.textContent);
    var title = document.createElement("strong");
    title.className = "term-panel__title";
    title.textContent = anchor.textContent;
    var text = document.createElement("p");
    text.className = "term-panel__text";
    text.textContent = explanation(anchor);
    var shut = closeButton();
    panel.append(title, shut, text);
    if (extra) {
      panel.append(extra);
    }
    place(panel, anchor);
    (extra || shut).focus({ preventScroll: true });
  }

  function open(term) {
    var more = document.createElement("a");
    more.className = "term-panel__link";
    more.href = term.href;
    more.textContent = "查看词条：" + term.textContent + " →";
    openPanel(term, "term-panel", more);
  }

  // A figure's note opens in place on a tap (touch has no hover) or on Enter.
  function openFigure(figure) {
    openPanel(figure, "term-panel term-panel--figure", null);
  }

  document.addEventListener("pointerdown", function (event) {
    pointer = event.pointerType || "mouse";
  }, true);

  document.addEventListener("click", function (event) {
    var note = event.target.closest && event.target.closest("sup.note-ref a[data-note]");
    if (note && openNote(note)) {
      event.preventDefault();
      return;
    }
    var figure = event.target.closest && event.target.closest("span.figure[data-note-id]");
    if (figure && pointer === "touch" && !event.target.closest("a.term")) {
      event.preventDefault();
      openFigure(figure);
      return;
    }
    var term = event.target.closest && event.target.closest("a.term");
    if (term && pointer === "touch") {
      event.preventDefault();
      open(term);
      return;
    }
    if (panel && !panel.contains(event.target)) {
      close();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && event.target.matches && event.target.matches("span.figure[data-note-id]")) {
      event.preventDefault();
      openFigure(event.target);
    }
  });
})();
