/*! Chart.js 4 and chartjs-chart-sankey (MIT licences; their notices are at the end of this
 * file) and chartjs-chart-error-bars (MIT licence, Copyright (c) 2019-2023 Samuel Gratzl,
 * https://github.com/sgratzl/chartjs-chart-error-bars), built with only the parts Onward's
 * charts use by tools/charts (npm ci && npm run build). */
// Onward draws bars (with error bars), lines and points, and a Sankey diagram: register only
// those, instead of Chart.js's whole "auto" bundle.
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
} from "chart.js";
import { SankeyController, Flow } from "chartjs-chart-sankey";
import { BarWithErrorBarsController, BarWithErrorBar } from "chartjs-chart-error-bars";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  SankeyController,
  Flow,
  BarWithErrorBarsController,
  BarWithErrorBar,
);

window.Chart = Chart;
