import type { EChartsOption } from '../../charts/EChart';
import type { ClvCharts, ClvResult, ResponseResult } from '../../../shared/contract/ns/outcomes';
import { activeFormats, tr } from '../../i18n/active';
import type { MessageId } from '../../../shared/i18n/catalogue';
import type { Formats } from '../../../shared/i18n/format';

/** A share (0–1) as a percentage in the window's number format. */
export function pct(x: number | null | undefined, digits = 1): string {
  return activeFormats().percent(x, digits);
}

/**
 * What the engine's revenuePerCustomer is (electron/engine/outcomes/response.ts): the revenue column summed over
 * the group's members that have a value, divided by all n members, so a missing value counts as 0.
 */
export const REVENUE_PER_MEMBER_LABEL: MessageId = 'outcomes.response.revenuePerMember';
export const REVENUE_PER_MEMBER_NOTE: MessageId = 'outcomes.response.revenuePerMemberNote';

/**
 * Response rate per group (already sorted by lift) as bars with 95% Wilson whiskers and the
 * base rate as a dashed line: a whisker that stays clear of the line is a difference, not noise.
 */
export function responseChartOption(r: ResponseResult, f: Formats = activeFormats()): EChartsOption {
  const names = r.groups.map((g) => g.group);
  return {
    grid: { left: 8, right: 96, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: unknown) => {
        const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const g = r.groups[i];
        return g
          ? `${esc(g.group)}<br/>${tr('outcomes.chart.rateTip', { rate: pct(g.rate), low: pct(g.ciLow), high: pct(g.ciHigh) })}<br/>${tr('outcomes.chart.nTip', { n: f.count(g.n), lift: f.number(g.lift, 2) })}`
          : '';
      },
    },
    // Long group names are cut to a width with an ellipsis, narrower than a bar's slot (the plot is about
    // 900 px wide at 1280×720) so neighbours never run into each other; hovering one shows it in full.
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, width: names.length > 6 ? 140 : Math.min(200, Math.floor(900 / Math.max(1, names.length)) - 24), overflow: 'truncate' }, tooltip: { show: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) }, max: (v: { max: number }) => Math.min(1, Math.max(v.max * 1.1, 0.05)) },
    series: [
      {
        type: 'bar',
        name: tr('outcomes.chart.rate'),
        data: r.groups.map((g) => ({ value: g.rate, itemStyle: { color: g.ciLow > r.base.rate ? '#2f9e62' : g.ciHigh < r.base.rate ? '#d9534f' : '#4a7fd6' } })),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#888' },
          // Inside the plot above the line's end: a long translation ("poziom bazowy 69,3%") never runs off the chart.
          label: { formatter: tr('outcomes.chart.base', { rate: pct(r.base.rate) }), position: 'insideEndTop' },
          data: [{ yAxis: r.base.rate }],
        },
      },
      {
        type: 'custom',
        name: tr('outcomes.chart.interval'),
        data: r.groups.map((g, i) => [i, g.ciLow, g.ciHigh]),
        renderItem: (_params: unknown, api: { value(i: number): number; coord(p: number[]): number[]; size(p: number[]): number[] }) => {
          const x = api.value(0);
          const lo = api.coord([x, api.value(1)]);
          const hi = api.coord([x, api.value(2)]);
          const half = Math.min(10, api.size([1, 0])[0] * 0.15);
          const style = { stroke: '#333', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0] - half, y1: lo[1], x2: lo[0] + half, y2: lo[1] }, style },
              { type: 'line', shape: { x1: hi[0] - half, y1: hi[1], x2: hi[0] + half, y2: hi[1] }, style },
            ],
          };
        },
        z: 10,
      },
    ],
  } as EChartsOption;
}

export function clvHistogramOption(c: ClvCharts, f: Formats = activeFormats()): EChartsOption {
  const { edges, counts } = c.clvHistogram;
  const labels = counts.map((_, i) => `${f.count(edges[i])}–${f.count(edges[i + 1])}`);
  return {
    // containLabel keeps the tick labels inside; the margins leave room for the axis names outside them.
    grid: { left: 8, right: 16, top: 28, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => f.count(typeof v === 'number' ? v : null) },
    // Range labels are wide: about eight of them, slanted, and echarts hides any that would still touch (the tooltip names every bin).
    xAxis: { type: 'category', data: labels, name: tr('outcomes.chart.clvAxis'), nameLocation: 'middle', nameGap: 62, axisLabel: { rotate: 45, interval: Math.max(0, Math.ceil(labels.length / 8) - 1), hideOverlap: true, fontSize: 11 } },
    yAxis: { type: 'value', name: tr('outcomes.chart.customersAxis'), minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
    series: [{ type: 'bar', data: counts, barCategoryGap: '5%', itemStyle: { color: '#4a7fd6' } }],
  } as EChartsOption;
}

export function pAliveHeatmapOption(c: ClvCharts, period: string, f: Formats = activeFormats()): EChartsOption {
  const h = c.pAliveHeatmap;
  const data: [number, number, number | '-'][] = [];
  h.cells.forEach((row, i) => row.forEach((v, j) => data.push([j, i, v === null ? '-' : Number(v.toFixed(3))])));
  return {
    // The colour scale stands at the right, clear of the recency axis title under the chart.
    grid: { left: 36, right: 72, top: 12, bottom: 26, containLabel: true },
    tooltip: { formatter: (p: unknown) => {
      const v = (p as { value: [number, number, number | '-'] }).value;
      return `${tr('outcomes.chart.pAliveCell', { frequency: String(h.frequency[v[1]]), recency: String(h.recency[v[0]]), period })}<br/>${tr('outcomes.chart.pAliveTip', { p: v[2] === '-' ? '–' : pct(v[2] as number), count: h.counts[v[1]][v[0]] })}`;
    } },
    xAxis: { type: 'category', data: h.recency, name: tr('outcomes.chart.recencyAxis', { period }), nameLocation: 'middle', nameGap: 50, axisLabel: { rotate: 45, hideOverlap: true, fontSize: 11 } },
    yAxis: { type: 'category', data: h.frequency, name: tr('outcomes.chart.frequencyAxis'), nameLocation: 'middle', nameGap: 34 },
    visualMap: { min: 0, max: 1, calculable: true, formatter: (v: number) => f.number(v, 2), orient: 'vertical', right: 0, top: 'middle', itemHeight: 120, inRange: { color: ['#d9534f', '#f0e442', '#2f9e62'] } },
    series: [{ type: 'heatmap', data, label: { show: false } }],
  } as EChartsOption;
}

/** Calibration: mean predicted vs actual holdout purchases by calibration-period frequency. */
export function calibrationOption(r: ClvResult, f: Formats = activeFormats()): EChartsOption {
  const bins = r.calibration?.bins ?? [];
  return {
    // The legend has the top row to itself: the y axis title stands along the axis, not at its top.
    grid: { left: 36, right: 16, top: 36, bottom: 26, containLabel: true },
    legend: { top: 0, left: 'center' },
    tooltip: { trigger: 'axis', valueFormatter: (v) => f.number(typeof v === 'number' ? v : null, 2) },
    xAxis: { type: 'category', data: bins.map((b) => b.frequency), name: tr('outcomes.chart.calibrationAxis'), nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: tr('outcomes.chart.holdoutAxis'), nameLocation: 'middle', nameGap: 34, axisLabel: { formatter: (v: number) => f.plain(v) } },
    series: [
      { type: 'line', name: tr('outcomes.chart.actual'), data: bins.map((b) => Number(b.actual.toFixed(3))), symbolSize: 8 },
      { type: 'line', name: tr('outcomes.chart.predicted'), data: bins.map((b) => Number(b.predicted.toFixed(3))), lineStyle: { type: 'dashed' }, symbolSize: 8 },
    ],
  } as EChartsOption;
}

/** Group names from the user's data go into tooltip HTML as text. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
