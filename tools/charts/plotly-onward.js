/*! plotly.js 4.1.1 (MIT License, Copyright 2012-2026 Plotly, Inc.), built with only the bar,
 * scatter and sankey traces for Onward by tools/charts (npm ci && npm run build). */
// Plotly's core with the trace types Onward's charts use, instead of the full 4.8 MB bundle.
var Plotly = require("plotly.js/lib/core");
Plotly.register([require("plotly.js/lib/bar"), require("plotly.js/lib/scatter"), require("plotly.js/lib/sankey")]);
module.exports = Plotly;
