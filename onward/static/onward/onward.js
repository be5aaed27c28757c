// Site-wide behaviour: the phone menu, the current place in the navigation, and the service
// worker that keeps Onward's own files (never your pages) for offline use.
(function () {
  "use strict";
  var bar = document.querySelector(".topbar");
  var toggle = bar && bar.querySelector(".menu-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = bar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // The navigation link whose address starts the current one (the longest wins: /debriefs/lessons/).
  var here = null;
  document.querySelectorAll(".topbar nav a").forEach(function (link) {
    var path = link.getAttribute("href");
    if (location.pathname.indexOf(path) === 0 && (!here || path.length > here.getAttribute("href").length)) {
      here = link;
    }
  });
  if (here) here.setAttribute("aria-current", "page");

  // Small actions named in the markup (the Content-Security-Policy allows no onclick= or
  // hx-on attributes): data-print prints the page, data-history-back goes back, and
  // data-fill-from/data-fill-into copies one field's text into another, and data-fill-fields
  // puts each suggested value held in that container (an input with data-fills="<field id>",
  // and data-clears="<field id>" for a field the value replaces) into the form. Delegated, so
  // they work in parts htmx swaps in too.
  document.addEventListener("click", function (event) {
    var target = event.target.closest(
      "[data-print], [data-history-back], [data-fill-from], [data-fill-fields]"
    );
    if (!target) return;
    if (target.hasAttribute("data-print")) {
      window.print();
    } else if (target.hasAttribute("data-fill-fields")) {
      var box = document.querySelector(target.getAttribute("data-fill-fields"));
      (box ? box.querySelectorAll("[data-fills]") : []).forEach(function (hint) {
        var field = document.getElementById(hint.dataset.fills);
        if (!field) return;
        field.value = hint.value;
        var cleared = hint.dataset.clears && document.getElementById(hint.dataset.clears);
        if (cleared) cleared.value = "";
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
    } else if (target.hasAttribute("data-history-back")) {
      event.preventDefault();
      history.back();
    } else {
      var from = document.querySelector(target.getAttribute("data-fill-from"));
      var into = document.querySelector(target.getAttribute("data-fill-into"));
      if (from && into) {
        into.value = from.value;
        into.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  });

  var worker = document.querySelector("link[rel=manifest]");
  if (worker && "serviceWorker" in navigator && worker.dataset.serviceWorker) {
    navigator.serviceWorker.register(worker.dataset.serviceWorker, { scope: "/" });
  }
})();
