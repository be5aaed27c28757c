// Draw every [data-plotly] chart (see onward/core/charts.py). Plotly (Onward's own small build,
// see tools/charts) is fetched only when a chart comes near the screen, then each chart is drawn
// at its column's width in the page's colours (light or dark), and drawn again in the other
// colours when the theme changes. Fragments htmx swaps in get the same treatment.
(function () {
  "use strict";
  var source = document.currentScript.getAttribute("data-plotly-src");
  var loading = null;
  var drawn = [];

  function plotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = source;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function colour(el, value) {
    var probe = document.createElement("span");
    probe.style.color = value;
    el.appendChild(probe);
    var resolved = getComputedStyle(probe).color;
    probe.remove();
    return resolved;
  }

  // The page's colours over the figure's template (transparent backgrounds, our ink and lines),
  // as Plotly.relayout's "container.attribute" keys.
  function colours(el) {
    var ink = colour(el, "var(--ink)");
    var line = colour(el, "var(--line)");
    var keys = { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", "font.color": ink };
    ["xaxis", "yaxis"].forEach(function (axis) {
      ["gridcolor", "zerolinecolor", "linecolor"].forEach(function (name) {
        keys[axis + "." + name] = line;
      });
    });
    return keys;
  }

  function themed(el, layout) {
    var keys = colours(el);
    Object.keys(keys).forEach(function (key) {
      var path = key.split(".");
      var container = layout;
      if (path.length === 2) container = layout[path[0]] = layout[path[0]] || {};
      container[path[path.length - 1]] = keys[key];
    });
    return layout;
  }

  function draw(el) {
    var figure = JSON.parse(el.getAttribute("data-plotly"));
    el.removeAttribute("data-plotly");
    plotly().then(function () {
      Plotly.newPlot(el, figure.data, themed(el, figure.layout), {
        displaylogo: false,
        responsive: true,
        // On a phone the toolbar would cover the chart's title.
        displayModeBar: window.matchMedia("(min-width: 600px)").matches ? "hover" : false,
      });
      drawn.push(el);
    });
  }

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        watcher.unobserve(entry.target);
        draw(entry.target);
      }
    });
  }, { rootMargin: "200px" }) : null;

  function scan(root) {
    root.querySelectorAll("[data-plotly]").forEach(function (el) {
      if (watcher) watcher.observe(el); else draw(el);
    });
  }

  scan(document);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    scan(event.target);
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
    drawn.forEach(function (el) {
      if (el.isConnected) Plotly.relayout(el, colours(el));
    });
  });
})();
