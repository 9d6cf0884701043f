import type * as Echarts from 'echarts';
import { lazyRequire } from '../lazy-require';
import { isSuppressed, type Suppression } from './suppress';
import { CHART_FONT_FAMILY } from './fonts';
import { msg } from '../../../shared/i18n/current';
import { rfmt } from './format';

const PALETTE = ['#2f6db5', '#e07b39', '#3a9d6a', '#c8455a', '#7d5ab5', '#b59a2f', '#2fa7b5', '#8c6d5a', '#5a6d8c', '#b52f8f'];
/** The report's embedded fonts (see fonts.ts), so chart labels in Polish or Chinese draw as the text does. */
const FONT = CHART_FONT_FAMILY;

/**
 * Renders an echarts option to an SVG string with echarts' server-side renderer, so the
 * report needs no script. echarts numbers its SVG class names with a process-wide counter
 * and ids (zr0-cls-3, zr1-c0, …); we renumber them per chart so the same report is byte-identical
 * whenever it is built. The renderer's hover styles are dropped (staticSvg).
 */
export function renderSvg(option: Echarts.EChartsOption, width: number, height: number, index: number): string {
  const chart = lazyRequire<typeof Echarts>('echarts').init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT }, ...option });
    return renumber(staticSvg(chart.renderToSVGString()), index);
  } finally {
    chart.dispose();
  }
}

/**
 * The SVG without zrender's CSS hover rules (`.zr0-cls-3:hover { cursor:pointer; fill:… }`). A printed
 * report has nothing to hover or click, and zrender derives the hover fill by lightening the normal
 * fill: for a gradient (the heatmap's visualMap bar) that is an object, written as `fill:[object Object]`.
 */
export function staticSvg(svg: string): string {
  return svg
    .replace(/\.[\w-]+:hover\s*\{[^}]*\}\s*/g, '')
    .replace(/<style>\s*<!\[CDATA\[\s*\]\]>\s*<\/style>/g, '')
    .replace(/<style>\s*<\/style>/g, '');
}

/** zr<N>-cls-<M>, zr<N>-c<M>, zr<N>-g<M> … → c<index>-cls-<k> with k counted from 0 in order of appearance. */
function renumber(svg: string, index: number): string {
  const seen = new Map<string, string>();
  const next = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)/g, (whole, kind: string) => {
    let name = seen.get(whole);
    if (!name) {
      const k = next.get(kind) ?? 0;
      next.set(kind, k + 1);
      name = `c${index}-${kind}${k}`;
      seen.set(whole, name);
    }
    return name;
  });
}

/** Axis ticks in the report language's number format ("1,000", "1000", "-2,5"). */
function axisNumber(v: number): string {
  return rfmt().plain(v);
}

export interface Bar {
  label: string;
  count: number;
}

/**
 * A bar chart of customer counts. A suppressed group gets no bar and the label "< min",
 * so the picture says no more than the table beside it.
 */
export function countBars(bars: Bar[], s: Suppression, opts: { title?: string; horizontal?: boolean; width?: number; height?: number; index: number }): string {
  const data = bars.map((b) =>
    isSuppressed(b.count, s)
      ? { value: 0, label: { show: true, formatter: `< ${s.min}` }, itemStyle: { color: '#c9ced6' } }
      : { value: b.count, label: { show: true, formatter: rfmt().count(b.count) } },
  );
  const cats = bars.map((b) => b.label);
  const catAxis = { type: 'category' as const, data: cats, axisLabel: { interval: 0, width: opts.horizontal ? 180 : 110, overflow: 'truncate' as const, rotate: opts.horizontal || cats.length <= 6 ? 0 : 35 } };
  const valAxis = { type: 'value' as const, minInterval: 1, axisLabel: { formatter: axisNumber } };
  const h = opts.height ?? (opts.horizontal ? Math.max(160, 26 * bars.length + 60) : 280);
  return renderSvg(
    {
      title: opts.title ? { text: opts.title, left: 0, textStyle: { fontSize: 13 } } : undefined,
      grid: { left: opts.horizontal ? 195 : 50, right: 40, top: opts.title ? 40 : 20, bottom: opts.horizontal ? 30 : 70 },
      xAxis: opts.horizontal ? valAxis : catAxis,
      yAxis: opts.horizontal ? { ...catAxis, inverse: true } : valAxis,
      series: [{ type: 'bar', data, label: { show: true, position: opts.horizontal ? 'right' : 'top', fontSize: 10 } }],
    },
    opts.width ?? 680,
    h,
    opts.index,
  );
}

export interface HeatCell {
  row: number;
  col: number;
  /** Shown value; null = suppressed or missing (drawn empty, labelled "–"). */
  value: number | null;
}

/** A heatmap (e.g. cluster × feature, z-scores), values labelled in the cells. */
export function heatmap(rows: string[], cols: string[], cells: HeatCell[], opts: { index: number; min: number; max: number; width?: number; unit?: 'pp' }): string {
  const data = cells.map((c) => (c.value === null ? { value: [c.col, c.row, '-'], label: { formatter: '–' } } : { value: [c.col, c.row, c.value] }));
  return renderSvg(
    {
      // Column names ("Marital_Status = Together") need room at 35°; the colour scale stands below them, with its ends labelled.
      grid: { left: 230, right: 20, top: 20, bottom: 150 },
      xAxis: { type: 'category', data: cols, axisLabel: { interval: 0, rotate: 35, width: 150, overflow: 'truncate' } },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { width: 215, overflow: 'truncate' } },
      visualMap: {
        min: opts.min,
        max: opts.max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        text: [fmtHeat(opts.max, opts.unit), fmtHeat(opts.min, opts.unit)],
        inRange: { color: ['#2f6db5', '#f4f4f4', '#c8455a'] },
      },
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 9, formatter: (p: { value: unknown }) => fmtHeat((p.value as unknown[])[2], opts.unit) } }],
    },
    opts.width ?? 680,
    Math.max(220, 30 * rows.length + 190),
    opts.index,
  );
}

/** Standardised values with one decimal; percentage points signed and whole ("+12 pp"). */
function fmtHeat(v: unknown, unit?: 'pp'): string {
  if (typeof v !== 'number') return '–';
  if (unit !== 'pp') return rfmt().number(v, 1);
  const r = Math.round(v);
  return msg('report.charts.points', { value: `${r > 0 ? '+' : r < 0 ? '−' : ''}${rfmt().count(Math.abs(r))}` });
}

export interface ScatterGroup {
  name: string;
  points: [number, number][];
}

/** A 2-D map of groups (clusters on their first two principal components). */
export function scatterMap(groups: ScatterGroup[], opts: { index: number; xName: string; yName: string }): string {
  return renderSvg(
    {
      legend: { top: 0, left: 0, right: 0, itemGap: 18 },
      grid: { left: 50, right: 20, top: 70, bottom: 40 },
      xAxis: { type: 'value', name: opts.xName, nameLocation: 'middle', nameGap: 25, scale: true, axisLabel: { formatter: axisNumber } },
      yAxis: { type: 'value', name: opts.yName, nameLocation: 'middle', nameGap: 35, scale: true, axisLabel: { formatter: axisNumber } },
      series: groups.map((g) => ({ type: 'scatter', name: g.name, data: g.points, symbolSize: 4, large: g.points.length > 2000 })),
    },
    680,
    420,
    opts.index,
  );
}
