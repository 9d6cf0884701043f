import type { EChartsOption } from 'echarts';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import type { ClusterMapData } from '../../store/clusters';
import { activeFormats, tr } from '../../i18n/active';
import type { Formats } from '../../../shared/i18n/format';

/** Inertia (elbow) and silhouette per k, with the recommended k marked. */
/** `f`: the window's number formats (the chart is remade when they change). */
export function kChartOption(run: ClusterRun, f: Formats = activeFormats()): EChartsOption {
  const ks = run.kScores.map((s) => String(s.k));
  const inertia = tr('clusters.kchart.inertia');
  const silhouette = tr('clusters.kchart.silhouette');
  const mark = run.recommendedK === null ? undefined : { symbol: 'pin', data: [{ name: tr('clusters.kchart.recommended'), coord: [String(run.recommendedK), run.kScores.find((s) => s.k === run.recommendedK)?.silhouette ?? 0] }] };
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? f.number(v, 2) : String(v ?? '–')) },
    // The legend has the top row to itself (echarts 6 puts it at the bottom, over the k ticks); the axis
    // titles stand along their axes, outside the tick labels that containLabel keeps in the chart.
    legend: { data: [inertia, silhouette], top: 0, left: 'center' },
    grid: { left: 30, right: 30, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: ks, name: tr('clusters.kchart.kAxis'), nameLocation: 'middle', nameGap: 26 },
    yAxis: [
      { type: 'value', name: inertia, scale: true, nameLocation: 'middle', nameGap: 48, axisLabel: { formatter: (v: number) => f.plain(v) } },
      { type: 'value', name: silhouette, min: -0.1, max: 1, nameLocation: 'middle', nameGap: 36, axisLabel: { formatter: (v: number) => f.plain(v) } },
    ],
    series: [
      { name: inertia, type: 'line', data: run.kScores.map((s) => round(s.inertia)) },
      { name: silhouette, type: 'line', yAxisIndex: 1, data: run.kScores.map((s) => s.silhouette), markPoint: mark },
    ],
  };
}

/** One scatter series per cluster in echarts' large mode; point values carry the row for tooltips. */
export function mapOption(run: ClusterRun, map: ClusterMapData, tooltip: EChartsOption['tooltip'], f: Formats): EChartsOption {
  const names = new Map(run.clusters.map((c) => [c.cluster, c.name]));
  const byCluster = new Map<number, [number, number, number][]>();
  for (let i = 0; i < map.x.length; i++) {
    const c = map.cluster[i];
    let list = byCluster.get(c);
    if (!list) byCluster.set(c, (list = []));
    list.push([map.x[i], map.y[i], map.row[i]]);
  }
  const pct = (x: number) => f.percent(x, 0);
  return {
    tooltip,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: tr('clusters.map.pc', { n: 1, share: pct(map.explained[0]) }), scale: true, splitLine: { show: false }, axisLabel: { formatter: (v: number) => f.plain(v) } },
    yAxis: { type: 'value', name: tr('clusters.map.pc', { n: 2, share: pct(map.explained[1]) }), scale: true, splitLine: { show: false }, axisLabel: { formatter: (v: number) => f.plain(v) } },
    animation: false,
    series: [...byCluster.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([c, data]) => ({
        name: tr('clusters.map.series', { cluster: c, name: names.get(c) ?? tr('clusters.map.unnamed', { cluster: c }) }),
        type: 'scatter' as const,
        large: true,
        largeThreshold: 2000,
        symbolSize: map.shown > 20_000 ? 2 : 5,
        data,
      })),
  };
}

/** Colour bounds: number columns at ±2 (standardised), category values at ±20 percentage points. */
export const HEAT_BOUNDS = { effect: 2, points: 20 } as const;

/** A heatmap cell's label: "+0.45" for a standardised difference, "+12 pp" for a share difference (in the window's language). */
export function heatLabel(value: number, kind: 'effect' | 'points', f: Formats = activeFormats()): string {
  // The sign follows the shown (rounded) number: −0.3 pp reads "0 pp", not "−0 pp".
  const shown = kind === 'points' ? Math.round(value) : Math.round(value * 100) / 100;
  const sign = shown > 0 ? '+' : shown < 0 ? '−' : '';
  return kind === 'points' ? tr('clusters.heat.pp', { value: `${sign}${f.count(Math.abs(shown))}` }) : `${sign}${f.number(Math.abs(shown), 2)}`;
}

/**
 * Cluster × column heatmap. Number columns show the card's effect (how different from the rest, standardised);
 * category values ("feature = value") show share in the cluster minus share among everyone, in percentage points.
 * Each kind has its own series and colour scale, so 12 pp and 0.12 sd never share one colour.
 */
export function heatmapOption(run: ClusterRun, f: Formats = activeFormats()): EChartsOption {
  const kinds = run.heatmap.kinds ?? run.heatmap.features.map(() => 'effect' as const);
  const byKind = { effect: [] as [number, number, number][], points: [] as [number, number, number][] };
  run.heatmap.z.forEach((row, c) => row.forEach((z, f) => byKind[kinds[f] ?? 'effect'].push([f, c, kinds[f] === 'points' ? Math.round(z * 10) / 10 : Math.round(z * 100) / 100])));
  const features = run.heatmap.features.length;
  const colors = ['#2166ac', '#f7f7f7', '#b2182b'];
  const hasPoints = byKind.points.length > 0;
  const effectName = tr('clusters.heat.effectSeries');
  const pointsName = tr('clusters.heat.pointsSeries');
  const series: NonNullable<EChartsOption['series']> = [
    {
      type: 'heatmap',
      name: effectName,
      data: byKind.effect,
      label: { show: true, fontSize: 10, formatter: (p: { value: unknown }) => heatLabel(Number((p.value as number[])[2]), 'effect', f) },
    },
  ];
  if (hasPoints)
    series.push({
      type: 'heatmap',
      name: pointsName,
      data: byKind.points,
      label: { show: true, fontSize: 10, formatter: (p: { value: unknown }) => heatLabel(Number((p.value as number[])[2]), 'points', f) },
    });
  const scale = (i: number, kind: 'effect' | 'points', top: string | number) => ({
    seriesIndex: i,
    min: -HEAT_BOUNDS[kind],
    max: HEAT_BOUNDS[kind],
    calculable: false,
    orient: 'vertical' as const,
    right: 0,
    top,
    itemHeight: hasPoints ? 44 : 100,
    itemWidth: 14,
    textGap: 4,
    text: kind === 'points' ? [tr('clusters.heat.pp', { value: `+${HEAT_BOUNDS.points}` }), tr('clusters.heat.pp', { value: `−${HEAT_BOUNDS.points}` })] : [`+${HEAT_BOUNDS.effect}`, `−${HEAT_BOUNDS.effect}`],
    inRange: { color: colors },
  });
  return {
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const { value, seriesIndex } = p as { value: number[]; seriesIndex: number };
        const col = run.heatmap.features[value[0]];
        const cl = run.clusters[value[1]];
        const kind = seriesIndex === 1 ? 'points' : 'effect';
        const line = tr(kind === 'points' ? 'clusters.heat.pointsTip' : 'clusters.heat.effectTip', { column: esc(col ?? ''), value: heatLabel(value[2], kind, f) });
        return `${cl ? esc(cl.name) : ''}<br>${line}`;
      },
    },
    // containLabel sizes the margins to the labels; the colour scales stand at the right, clear of the feature names.
    grid: { left: 8, right: 90, top: 12, bottom: 8, containLabel: true },
    // Every feature is named; long names are cut to a width with an ellipsis and shown in full on hover.
    xAxis: { type: 'category', data: run.heatmap.features, axisLabel: { rotate: features > 8 ? 45 : features > 4 ? 30 : 0, interval: 0, width: features > 4 ? 150 : 160, overflow: 'truncate' }, tooltip: { show: true } },
    yAxis: { type: 'category', data: run.clusters.map((c) => tr('clusters.map.series', { cluster: c.cluster, name: c.name })), inverse: true, axisLabel: { width: 200, overflow: 'truncate' }, tooltip: { show: true } },
    visualMap: hasPoints ? [scale(0, 'effect', 0), scale(1, 'points', '52%')] : [scale(0, 'effect', 'middle')],
    series,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
/** Names from the user's data go into tooltip HTML as text. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
