import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

/**
 * ECharts' tree-shaken core: only the charts 概览 draws. SVG on screen and on paper (sharp at
 * any zoom, printed as vectors); canvas only to make a PNG copy, where text uses the page's fonts.
 */
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;

/** The app's own font stack (as antd's theme), so charts read like the rest of the window. */
export const CHART_FONT =
  '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export const COLORS = {
  onTime: '#16a34a',
  late: '#f59e0b',
  refused: '#dc2626',
  missing: '#cbd5e1',
  cumulative: '#2563eb',
  draft: '#93c5fd',
  submitted: '#2563eb',
  returned: '#f97316',
  waiting: '#e5e7eb',
} as const;
