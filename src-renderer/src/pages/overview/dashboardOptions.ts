import type { OpOutput } from '../../api/client';
import { COLORS, type EChartsOption } from '../../components/charts/echarts';
import { monthDay } from '../../util/format';
import { REVIEW_STATUS, TIMING } from '../../../../src-main/common/statuses';
import { YEAR_OUTCOME } from '../../../../src-main/common/standing';

type Dashboard = OpOutput<'dashboard.data'>;

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const legend = { top: 0, itemWidth: 14, itemHeight: 10 };

/** 每日收件: on time and late per day (bars), the running total (line), the deadline marked. */
export function dailyOption(d: Dashboard): EChartsOption {
  const deadline = monthDay(d.campaign.deadline);
  return {
    tooltip: { trigger: 'axis' },
    legend,
    grid,
    xAxis: { type: 'category', data: d.daily.map((x) => monthDay(x.day)), axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', name: '当日', minInterval: 1 },
      { type: 'value', name: '累计', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        id: 'onTime',
        name: TIMING.onTime,
        type: 'bar',
        stack: 'day',
        color: COLORS.onTime,
        data: d.daily.map((x) => x.onTime),
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: `截止 ${deadline}`, position: 'end' },
          lineStyle: { color: COLORS.refused, type: 'dashed' },
          data: [{ xAxis: deadline }],
        },
      },
      {
        id: 'late',
        name: TIMING.late,
        type: 'bar',
        stack: 'day',
        color: COLORS.late,
        data: d.daily.map((x) => x.late),
      },
      {
        id: 'cumulative',
        name: '累计已收',
        type: 'line',
        yAxisIndex: 1,
        color: COLORS.cumulative,
        showSymbol: false,
        data: d.daily.map((x) => x.cumulative),
      },
    ],
  };
}

/** 各系统报送情况: one stacked bar per sector; long names wrap, many sectors scroll by height. */
export function sectorOption(d: Dashboard): EChartsOption {
  const names = d.sectors.map((s) => s.name);
  const series = (id: 'onTime' | 'late' | 'refused' | 'missing', name: string) => ({
    id,
    name,
    type: 'bar',
    stack: 'units',
    color: COLORS[id],
    barMaxWidth: 22,
    data: d.sectors.map((s) => s[id]),
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      series('onTime', YEAR_OUTCOME.onTime),
      series('late', YEAR_OUTCOME.late),
      series('refused', YEAR_OUTCOME.refused),
      series('missing', YEAR_OUTCOME.missing),
    ],
  };
}

/** 评审进度: per reviewer, submitted / drafts / returned and what is still waiting of the assigned. */
export function reviewerOption(d: Dashboard): EChartsOption {
  const waiting = d.reviewers.map((r) => Math.max(0, r.assigned - r.submitted - r.draft - r.returned));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: d.reviewers.map((r) => r.name) },
    series: [
      {
        id: 'submitted',
        name: REVIEW_STATUS.submitted,
        type: 'bar',
        stack: 'r',
        color: COLORS.submitted,
        barMaxWidth: 22,
        data: d.reviewers.map((r) => r.submitted),
      },
      {
        id: 'draft',
        name: REVIEW_STATUS.draft,
        type: 'bar',
        stack: 'r',
        color: COLORS.draft,
        data: d.reviewers.map((r) => r.draft),
      },
      {
        id: 'returned',
        name: '已退回',
        type: 'bar',
        stack: 'r',
        color: COLORS.returned,
        data: d.reviewers.map((r) => r.returned),
      },
      { id: 'assigned', name: '未开始', type: 'bar', stack: 'r', color: COLORS.waiting, data: waiting },
    ],
  };
}

export const SCORE_BINS = ['0–9', '10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90–100'];

/** 得分分布: how many submissions fall in each ten points (the final score, else the mean). */
export function scoreOption(d: Dashboard): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { ...grid, top: 28 },
    xAxis: { type: 'category', data: SCORE_BINS, name: '分' },
    yAxis: { type: 'value', minInterval: 1, name: '份' },
    series: [
      {
        id: 'score',
        name: '份数',
        type: 'bar',
        color: COLORS.cumulative,
        label: { show: true, position: 'top' },
        data: d.scores,
      },
    ],
  };
}

const VERDICT_COLORS = ['#16a34a', '#2563eb', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2'];

/** 评定结果: verdicts (decided or suggested by the mean), 未评 in grey. */
export function verdictOption(d: Dashboard): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 份（{d}%）' },
    legend: { ...legend, type: 'scroll' },
    series: [
      {
        id: 'verdict',
        name: '评定结果',
        type: 'pie',
        radius: ['35%', '65%'],
        top: 24,
        label: { formatter: '{b} {c}' },
        data: d.verdicts
          .filter((v) => v.count > 0)
          .map((v, i) => ({
            name: v.verdict,
            value: v.count,
            itemStyle: { color: v.verdict === '未评' ? COLORS.missing : VERDICT_COLORS[i % VERDICT_COLORS.length] },
          })),
      },
    ],
  };
}
