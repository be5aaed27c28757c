/*! Chart.js 4 (MIT License, Copyright 2014-2024 Chart.js Contributors) with
 * chartjs-chart-sankey (MIT, Copyright Jukka Kurkela) and chartjs-chart-error-bars (MIT, Copyright
 * Samuel Gratzl), built with only the parts Onward's charts use by tools/charts
 * (npm ci && npm run build). */
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
