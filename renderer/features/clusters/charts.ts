import type { EChartsOption } from 'echarts';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import type { ClusterMapData } from './slice';

/** Inertia (elbow) and silhouette per k, with the recommended k marked. */
export function kChartOption(run: ClusterRun): EChartsOption {
  const ks = run.kScores.map((s) => String(s.k));
  const mark = run.recommendedK === null ? undefined : { symbol: 'pin', data: [{ name: 'recommended', coord: [String(run.recommendedK), run.kScores.find((s) => s.k === run.recommendedK)?.silhouette ?? 0] }] };
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Inertia', 'Silhouette'] },
    grid: { left: 60, right: 60, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: ks, name: 'k' },
    yAxis: [
      { type: 'value', name: 'Inertia', scale: true },
      { type: 'value', name: 'Silhouette', min: -0.1, max: 1 },
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
  return {
    tooltip: { position: 'top' },
    grid: { left: 180, right: 30, top: 20, bottom: 90 },
    xAxis: { type: 'category', data: run.heatmap.features, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'category', data: run.clusters.map((c) => `${c.cluster}. ${c.name}`), inverse: true },
    visualMap: { min: -2, max: 2, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] } },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10 } }],
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
