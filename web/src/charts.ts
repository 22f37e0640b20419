import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import VChart from "vue-echarts";

// ECharts, only the parts the dashboard draws (bundled: no CDN). Canvas, so a chart can be
// saved as PNG (getDataURL).
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { VChart };

/** The chart's font: the page's CJK fonts, so Chinese labels never fall back to boxes. */
export const CHART_FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Saves a chart (a vue-echarts component) as a PNG file. */
export function downloadChart(chart: { getDataURL: (o: object) => string } | null | undefined, name: string): void {
  if (!chart) return;
  const a = document.createElement("a");
  a.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
