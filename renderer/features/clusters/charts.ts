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

/** Cluster × feature z-scores (diverging colours, clipped at ±2 sd). */
export function heatmapOption(run: ClusterRun): EChartsOption {
  const data: [number, number, number][] = [];
  run.heatmap.z.forEach((row, c) => row.forEach((z, f) => data.push([f, c, Math.round(z * 100) / 100])));
  const features = run.heatmap.features.length;
  return {
    tooltip: { position: 'top' },
    // containLabel sizes the margins to the labels; the colour scale stands at the right, clear of the feature names.
    grid: { left: 8, right: 80, top: 12, bottom: 8, containLabel: true },
    // Every feature is named; long names are cut to a width with an ellipsis and shown in full on hover.
    xAxis: { type: 'category', data: run.heatmap.features, axisLabel: { rotate: features > 8 ? 45 : features > 4 ? 30 : 0, interval: 0, width: features > 4 ? 130 : 160, overflow: 'truncate' }, tooltip: { show: true } },
    yAxis: { type: 'category', data: run.clusters.map((c) => `${c.cluster}. ${c.name}`), inverse: true, axisLabel: { width: 200, overflow: 'truncate' }, tooltip: { show: true } },
    visualMap: { min: -2, max: 2, calculable: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 100, inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] } },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10 } }],
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
