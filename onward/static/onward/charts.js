// Draw every [data-plotly] chart (see onward/core/charts.py), after the page is laid out so a
// chart takes its column's width, and again inside any fragment htmx swaps in.
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-plotly]").forEach(function (el) {
      var figure = JSON.parse(el.getAttribute("data-plotly"));
      el.removeAttribute("data-plotly");
      Plotly.newPlot(el, figure.data, figure.layout, { displaylogo: false, responsive: true });
    });
  }
  draw(document);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    draw(event.target);
  });
})();
