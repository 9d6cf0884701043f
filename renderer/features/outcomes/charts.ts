import type { EChartsOption } from '../../charts/EChart';
import type { ClvCharts, ClvResult, ResponseResult } from '../../../shared/contract/ns/outcomes';

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '–' : `${(100 * x).toFixed(digits)}%`;
}

/**
 * Response rate per group (already sorted by lift) as bars with 95% Wilson whiskers and the
 * base rate as a dashed line: a whisker that stays clear of the line is a difference, not noise.
 */
export function responseChartOption(r: ResponseResult): EChartsOption {
  const names = r.groups.map((g) => g.group);
  return {
    grid: { left: 56, right: 96, top: 24, bottom: 64 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: unknown) => {
        const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const g = r.groups[i];
        return g ? `${g.group}<br/>rate ${pct(g.rate)} (95% ${pct(g.ciLow)}–${pct(g.ciHigh)})<br/>n = ${g.n.toLocaleString()}, lift ${g.lift?.toFixed(2) ?? '–'}` : '';
      },
    },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) }, max: (v: { max: number }) => Math.min(1, Math.max(v.max * 1.1, 0.05)) },
    series: [
      {
        type: 'bar',
        name: 'rate',
        data: r.groups.map((g) => ({ value: g.rate, itemStyle: { color: g.ciLow > r.base.rate ? '#2f9e62' : g.ciHigh < r.base.rate ? '#d9534f' : '#4a7fd6' } })),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#888' },
          label: { formatter: `base ${pct(r.base.rate)}`, position: 'end' },
          data: [{ yAxis: r.base.rate }],
        },
      },
      {
        type: 'custom',
        name: '95% interval',
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

export function clvHistogramOption(c: ClvCharts): EChartsOption {
  const { edges, counts } = c.clvHistogram;
  const labels = counts.map((_, i) => `${edges[i].toFixed(0)}–${edges[i + 1].toFixed(0)}`);
  return {
    grid: { left: 56, right: 24, top: 16, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, name: 'CLV', nameLocation: 'middle', nameGap: 40, axisLabel: { interval: 4 } },
    yAxis: { type: 'value', name: 'customers' },
    series: [{ type: 'bar', data: counts, barCategoryGap: '5%', itemStyle: { color: '#4a7fd6' } }],
  } as EChartsOption;
}

export function pAliveHeatmapOption(c: ClvCharts, period: string): EChartsOption {
  const h = c.pAliveHeatmap;
  const data: [number, number, number | '-'][] = [];
  h.cells.forEach((row, i) => row.forEach((v, j) => data.push([j, i, v === null ? '-' : Number(v.toFixed(3))])));
  return {
    grid: { left: 64, right: 24, top: 16, bottom: 80 },
    tooltip: { formatter: (p: unknown) => {
      const v = (p as { value: [number, number, number | '-'] }).value;
      return `frequency ${h.frequency[v[1]]}, recency ${h.recency[v[0]]} ${period}<br/>P(alive) ${v[2] === '-' ? '–' : pct(v[2] as number)} (${h.counts[v[1]][v[0]]} customers)`;
    } },
    xAxis: { type: 'category', data: h.recency, name: `recency (${period})`, nameLocation: 'middle', nameGap: 36, axisLabel: { rotate: 30 } },
    yAxis: { type: 'category', data: h.frequency, name: 'frequency' },
    visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#d9534f', '#f0e442', '#2f9e62'] } },
    series: [{ type: 'heatmap', data, label: { show: false } }],
  } as EChartsOption;
}

/** Calibration: mean predicted vs actual holdout purchases by calibration-period frequency. */
export function calibrationOption(r: ClvResult): EChartsOption {
  const bins = r.calibration?.bins ?? [];
  return {
    grid: { left: 56, right: 24, top: 32, bottom: 48 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: bins.map((b) => b.frequency), name: 'purchases in calibration period', nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: 'holdout purchases' },
    series: [
      { type: 'line', name: 'actual', data: bins.map((b) => Number(b.actual.toFixed(3))), symbolSize: 8 },
      { type: 'line', name: 'predicted (BG/NBD)', data: bins.map((b) => Number(b.predicted.toFixed(3))), lineStyle: { type: 'dashed' }, symbolSize: 8 },
    ],
  } as EChartsOption;
}
