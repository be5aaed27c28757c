// Draw every [data-chart] (a Chart.js configuration as JSON, see onward/core/charts.py).
// Chart.js (Onward's own small build, see tools/charts) is fetched only when a chart comes near
// the screen; each chart is drawn at its column's width in the page's colours (light or dark),
// and drawn again in the other colours when the theme changes. Fragments htmx swaps in get the
// same treatment. The configurations hold data only: what would be a function in Chart.js
// (tooltip lines, date ticks, labelled ticks, theme colours) is read here from that data.
(function () {
  "use strict";
  var source = document.currentScript.getAttribute("data-chart-src");
  var loading = null;
  var drawn = [];
  var day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  var DAY = 86400000;

  function library() {
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

  // Every "var(--name)" string in the configuration becomes the page's colour now.
  function resolveColours(el, value) {
    if (typeof value === "string") return value.indexOf("var(--") === 0 ? colour(el, value) : value;
    if (Array.isArray(value)) return value.map(function (v) { return resolveColours(el, v); });
    if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) { value[key] = resolveColours(el, value[key]); });
    }
    return value;
  }

  function scale(options, axis) {
    options.scales = options.scales || {};
    return (options.scales[axis] = options.scales[axis] || {});
  }

  // A date axis: ticks on whole days, about six of them, labelled "3 Dec".
  function dateAxis(axis) {
    axis.afterBuildTicks = function (s) {
      var first = Math.ceil(s.min / DAY) * DAY;
      var step = Math.max(1, Math.ceil((s.max - s.min) / DAY / 6)) * DAY;
      var ticks = [];
      for (var t = first; t <= s.max; t += step) ticks.push({ value: t });
      s.ticks = ticks;
    };
    axis.ticks = Object.assign({}, axis.ticks, { callback: function (v) { return day.format(v); } });
  }

  // Ticks at fixed values, each with its own label ([[0.4, "events"], [1, "1"], ...]).
  function labelledTicks(axis, pairs) {
    var labels = {};
    pairs.forEach(function (pair) { labels[pair[0]] = pair[1]; });
    axis.afterBuildTicks = function (s) {
      s.ticks = pairs.map(function (pair) { return { value: pair[0] }; });
    };
    axis.ticks = Object.assign({}, axis.ticks, { callback: function (v) { return labels[v]; } });
  }

  function configure(el, config) {
    var hints = config.onward || {};
    delete config.onward;
    resolveColours(el, config);
    var options = (config.options = config.options || {});
    options.maintainAspectRatio = false;
    options.animation = false;
    // A Sankey's flows take the colours of the nodes at their ends.
    config.data.datasets.forEach(function (dataset) {
      var nodes = dataset.nodeColours;
      if (!nodes) return;
      dataset.colorFrom = function (c) { return c.raw && nodes[c.raw.from]; };
      dataset.colorTo = function (c) { return c.raw && nodes[c.raw.to]; };
    });
    if (hints.dates) dateAxis(scale(options, hints.dates));
    Object.keys(hints.ticks || {}).forEach(function (axis) {
      labelledTicks(scale(options, axis), hints.ticks[axis]);
    });
    var plugins = (options.plugins = options.plugins || {});
    var tooltip = (plugins.tooltip = plugins.tooltip || {});
    tooltip.callbacks = tooltip.callbacks || {};
    if (config.data.datasets.some(function (d) { return d.tooltips; })) {
      tooltip.callbacks.label = function (item) {
        var lines = item.dataset.tooltips;
        return lines ? lines[item.dataIndex] : undefined;
      };
    }
    if (hints.dates) {
      tooltip.callbacks.title = function (items) {
        return items.length ? day.format(items[0].parsed.x) : "";
      };
    }
    return config;
  }

  function draw(el) {
    var canvas = el.querySelector("canvas");
    var config = JSON.parse(el.getAttribute("data-chart"));
    var existing = window.Chart.getChart(canvas);
    if (existing) existing.destroy();
    // Text, ticks, legends and grid lines in the page's colours (one theme for the whole page).
    window.Chart.defaults.color = colour(el, "var(--ink)");
    window.Chart.defaults.borderColor = colour(el, "var(--line)");
    new window.Chart(canvas, configure(el, config));
    el.setAttribute("data-drawn", "");
    if (drawn.indexOf(el) < 0) drawn.push(el);
  }

  function load(el) {
    // Each chart in a task of its own: drawn together when the library arrives, a page's
    // charts made one long task that kept the page from answering input.
    library().then(function () { setTimeout(function () { draw(el); }, 0); });
  }

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        watcher.unobserve(entry.target);
        load(entry.target);
      }
    });
  }, { rootMargin: "200px" }) : null;

  function scan(root) {
    root.querySelectorAll("[data-chart]:not([data-drawn])").forEach(function (el) {
      if (watcher) watcher.observe(el); else load(el);
    });
  }

  scan(document);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    scan(event.target);
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
    drawn = drawn.filter(function (el) { return el.isConnected; });
    drawn.forEach(draw);
  });
})();
