import type { EChartsOption } from 'echarts';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import type { ClusterMapData } from '../../store/clusters';

/** Inertia (elbow) and silhouette per k, with the recommended k marked. */
export function kChartOption(run: ClusterRun): EChartsOption {
  const ks = run.kScores.map((s) => String(s.k));
  const mark = run.recommendedK === null ? undefined : { symbol: 'pin', data: [{ name: 'recommended', coord: [String(run.recommendedK), run.kScores.find((s) => s.k === run.recommendedK)?.silhouette ?? 0] }] };
  return {
    tooltip: { trigger: 'axis' },
    // The legend has the top row to itself (echarts 6 puts it at the bottom, over the k ticks); the axis
    // titles stand along their axes, outside the tick labels that containLabel keeps in the chart.
    legend: { data: ['Inertia', 'Silhouette'], top: 0, left: 'center' },
    grid: { left: 30, right: 30, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: ks, name: 'k (number of clusters)', nameLocation: 'middle', nameGap: 26 },
    yAxis: [
      { type: 'value', name: 'Inertia', scale: true, nameLocation: 'middle', nameGap: 48 },
      { type: 'value', name: 'Silhouette', min: -0.1, max: 1, nameLocation: 'middle', nameGap: 36 },
    ],
    series: [
      { name: 'Inertia', type: 'line', data: run.kScores.map((s) => round(s.inertia)) },
      { name: 'Silhouette', type: 'line', yAxisIndex: 1, data: run.kScores.map((s) => s.silhouette), markPoint: mark },
    ],
  };
}

/** One scatter series per cluster in echarts' large mode; point values carry the row for tooltips. */
export function mapOption(run: ClusterRun, map: ClusterMapData, tooltip: EChartsOption['tooltip']): EChartsOption {
  const names = new Map(run.clusters.map((c) => [c.cluster, c.name]));
  const byCluster = new Map<number, [number, number, number][]>();
  for (let i = 0; i < map.x.length; i++) {
    const c = map.cluster[i];
    let list = byCluster.get(c);
    if (!list) byCluster.set(c, (list = []));
    list.push([map.x[i], map.y[i], map.row[i]]);
  }
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return {
    tooltip,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: `PC1 (${pct(map.explained[0])})`, scale: true, splitLine: { show: false } },
    yAxis: { type: 'value', name: `PC2 (${pct(map.explained[1])})`, scale: true, splitLine: { show: false } },
    animation: false,
    series: [...byCluster.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([c, data]) => ({
        name: `${c}. ${names.get(c) ?? `Cluster ${c}`}`,
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

/** A heatmap cell's label: "+0.45" for a standardised difference, "+12 pp" for a share difference. */
export function heatLabel(value: number, kind: 'effect' | 'points'): string {
  // The sign follows the shown (rounded) number: −0.3 pp reads "0 pp", not "−0 pp".
  const shown = kind === 'points' ? Math.round(value) : Math.round(value * 100) / 100;
  const sign = shown > 0 ? '+' : shown < 0 ? '−' : '';
  return kind === 'points' ? `${sign}${Math.abs(shown)} pp` : `${sign}${Math.abs(shown).toFixed(2)}`;
}

/**
 * Cluster × column heatmap. Number columns show the card's effect (how different from the rest, standardised);
 * category values ("feature = value") show share in the cluster minus share among everyone, in percentage points.
 * Each kind has its own series and colour scale, so 12 pp and 0.12 sd never share one colour.
 */
export function heatmapOption(run: ClusterRun): EChartsOption {
  const kinds = run.heatmap.kinds ?? run.heatmap.features.map(() => 'effect' as const);
  const byKind = { effect: [] as [number, number, number][], points: [] as [number, number, number][] };
  run.heatmap.z.forEach((row, c) => row.forEach((z, f) => byKind[kinds[f] ?? 'effect'].push([f, c, kinds[f] === 'points' ? Math.round(z * 10) / 10 : Math.round(z * 100) / 100])));
  const features = run.heatmap.features.length;
  const colors = ['#2166ac', '#f7f7f7', '#b2182b'];
  const hasPoints = byKind.points.length > 0;
  const series: NonNullable<EChartsOption['series']> = [
    {
      type: 'heatmap',
      name: 'how different from the rest (standardised)',
      data: byKind.effect,
      label: { show: true, fontSize: 10, formatter: (p: { value: unknown }) => heatLabel(Number((p.value as number[])[2]), 'effect') },
    },
  ];
  if (hasPoints)
    series.push({
      type: 'heatmap',
      name: 'share in the cluster minus share among everyone (percentage points)',
      data: byKind.points,
      label: { show: true, fontSize: 10, formatter: (p: { value: unknown }) => heatLabel(Number((p.value as number[])[2]), 'points') },
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
    text: kind === 'points' ? [`+${HEAT_BOUNDS.points} pp`, `−${HEAT_BOUNDS.points} pp`] : [`+${HEAT_BOUNDS.effect}`, `−${HEAT_BOUNDS.effect}`],
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
        return kind === 'points'
          ? `${cl ? cl.name : ''}<br>${col}: ${heatLabel(value[2], 'points')} (share in the cluster minus share among everyone)`
          : `${cl ? cl.name : ''}<br>${col}: ${heatLabel(value[2], 'effect')} (how different from the rest, standardised)`;
      },
    },
    // containLabel sizes the margins to the labels; the colour scales stand at the right, clear of the feature names.
    grid: { left: 8, right: 90, top: 12, bottom: 8, containLabel: true },
    // Every feature is named; long names are cut to a width with an ellipsis and shown in full on hover.
    xAxis: { type: 'category', data: run.heatmap.features, axisLabel: { rotate: features > 8 ? 45 : features > 4 ? 30 : 0, interval: 0, width: features > 4 ? 150 : 160, overflow: 'truncate' }, tooltip: { show: true } },
    yAxis: { type: 'category', data: run.clusters.map((c) => `${c.cluster}. ${c.name}`), inverse: true, axisLabel: { width: 200, overflow: 'truncate' }, tooltip: { show: true } },
    visualMap: hasPoints ? [scale(0, 'effect', 0), scale(1, 'points', '52%')] : [scale(0, 'effect', 'middle')],
    series,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
