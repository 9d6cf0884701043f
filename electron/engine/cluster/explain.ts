import type { ColumnType } from '../../../shared/types/columns';
import { daysToIso, isoToDays } from '../../../shared/rules/dates';
import type { Prepared } from './prepare';

/** Below this absolute effect size for its strongest feature a cluster is named "Typical customers". */
const TYPICAL_BELOW = 0.5;

export interface FeatureEffect {
  feature: string;
  kind: 'numeric' | 'category';
  /**
   * Numeric effects are in clustering units: a yes/no column's mean is the share of yes (0–1),
   * a date's mean and median are days before the run's as-of date.
   */
  /** Standardised mean difference (numbers) or standardised difference of shares of `value` (categories). */
  effect: number;
  /**
   * Categories: share of `value` in the cluster minus its share among everyone, in percentage points.
   * This is the number the card and the heatmap show for a category (a standardised share difference reads like a z-score but is not one).
   */
  points?: number;
  text: string;
  mean?: number;
  median?: number;
  restMean?: number;
  restMedian?: number;
  value?: string;
  share?: number;
  restShare?: number;
  lift?: number;
}

export interface ClusterExplanation {
  cluster: number;
  name: string;
  size: number;
  share: number;
  top: { feature: string; effect: number; text: string; points?: number }[];
  features: FeatureEffect[];
}

/** What a heatmap column's numbers are: a number column's standardised difference, or a category value's share difference. */
export type HeatKind = 'effect' | 'points';

export interface Explanation {
  clusters: ClusterExplanation[];
  /**
   * Cluster × column values for the heatmap. Number columns ('effect'): the card's effect, cluster vs the rest in pooled
   * standard deviations. Category values ('points', one column per value, named "feature = value"): share in the
   * cluster minus share among everyone, in percentage points.
   */
  heatmap: { features: string[]; z: number[][]; kinds: HeatKind[] };
}

/** At most this many values of one category get a heatmap column: those whose shares differ most between clusters. */
const MAX_HEAT_VALUES = 6;

/**
 * What distinguishes each cluster from the rest, in original units: effect sizes, plain-language
 * differences ("3.1× more than the rest"), and a suggested name from the strongest two.
 * Yes/no columns read as shares of yes; dates (clustered as days before `asOf`) read as calendar
 * dates when `asOf` is given, as durations ("2.9 years ago") otherwise.
 */
export function explainClusters(p: Prepared, labels: Int32Array, k: number, asOf?: string): Explanation {
  const asOfDay = asOf ? isoToDays(asOf.slice(0, 10)) : null;
  const n = labels.length;
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const types = new Map(p.features.map((f) => [f.name, f.type]));
  const perCluster: FeatureEffect[][] = Array.from({ length: k }, () => []);
  const heatCols: string[] = [];
  const heatKinds: HeatKind[] = [];
  const heat: number[][] = Array.from({ length: k }, () => []);

  for (const col of p.numeric) {
    const v = col.values;
    const sum = new Float64Array(k);
    const sq = new Float64Array(k);
    let tot = 0;
    let totSq = 0;
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      sum[l] += v[i];
      sq[l] += v[i] * v[i];
      tot += v[i];
      totSq += v[i] * v[i];
    }
    const medians = clusterMedians(v, labels, sizes, k);
    // Dates are clustered as days before the as-of date; say so where the sign matters.
    const type = types.get(col.name);
    heatCols.push(type === 'date' || type === 'datetime' ? `days since ${col.name}` : col.name);
    heatKinds.push('effect');
    for (let c = 0; c < k; c++) {
      const nc = sizes[c];
      const nr = n - nc;
      const mean = nc ? sum[c] / nc : NaN;
      const restMean = nr ? (tot - sum[c]) / nr : NaN;
      const varC = nc > 1 ? (sq[c] - nc * mean * mean) / (nc - 1) : 0;
      const varR = nr > 1 ? (totSq - sq[c] - nr * restMean * restMean) / (nr - 1) : 0;
      const pooled = Math.sqrt(Math.max(0, ((nc - 1) * varC + (nr - 1) * varR) / Math.max(1, nc + nr - 2)));
      const effect = pooled > 0 && nr > 0 ? (mean - restMean) / pooled : 0;
      // The heatmap shows the card's number, so a column never reads as two different sizes of difference.
      heat[c].push(round(effect));
      perCluster[c].push({
        feature: col.name,
        kind: 'numeric',
        effect: round(effect),
        text: numericText(col.name, types.get(col.name) ?? 'number', mean, restMean, asOfDay),
        mean: round(mean),
        median: round(medians.cluster[c]),
        restMean: round(restMean),
        restMedian: round(medians.rest[c]),
      });
    }
  }

  for (const col of p.categories) {
    const L = col.labels.length;
    const counts = new Float64Array(k * L);
    const all = new Float64Array(L);
    for (let i = 0; i < n; i++) {
      counts[labels[i] * L + col.codes[i]]++;
      all[col.codes[i]]++;
    }
    // Percentage points of each value per cluster: share in the cluster minus share among everyone.
    const points = (c: number, v: number) => (sizes[c] ? round1((100 * counts[c * L + v]) / sizes[c] - (100 * all[v]) / n) : 0);
    for (let c = 0; c < k; c++) {
      let best: FeatureEffect | null = null;
      for (let v = 0; v < L; v++) {
        if (all[v] === 0) continue;
        const pAll = all[v] / n;
        const share = sizes[c] ? counts[c * L + v] / sizes[c] : 0;
        const restShare = n - sizes[c] ? (all[v] - counts[c * L + v]) / (n - sizes[c]) : 0;
        const sd = Math.sqrt(pAll * (1 - pAll));
        const effect = sd > 0 ? (share - restShare) / sd : 0;
        if (!best || effect > best.effect) {
          best = {
            feature: col.name,
            kind: 'category',
            effect: round(effect),
            points: points(c, v),
            value: col.labels[v],
            share: round(share),
            restShare: round(restShare),
            lift: round(pAll > 0 ? share / pAll : 0),
            text: categoryText(col.name, col.labels[v], share, restShare, pAll),
          };
        }
      }
      if (best) perCluster[c].push(best);
    }
    // One heatmap column per value (the values that differ most between clusters, in the category's own order).
    const spread = (v: number) => Math.max(...Array.from({ length: k }, (_, c) => Math.abs(points(c, v))));
    const shown = Array.from({ length: L }, (_, v) => v)
      .filter((v) => all[v] > 0)
      .sort((a, b) => spread(b) - spread(a) || a - b)
      .slice(0, MAX_HEAT_VALUES)
      .sort((a, b) => a - b);
    for (const v of shown) {
      heatCols.push(`${col.name} = ${col.labels[v]}`);
      heatKinds.push('points');
      for (let c = 0; c < k; c++) heat[c].push(points(c, v));
    }
  }

  const names = new Map<string, number>();
  const clusters = perCluster.map((effects, c) => {
    const ranked = [...effects].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
    const top = ranked.filter((e, i) => i === 0 || Math.abs(e.effect) >= 0.2).slice(0, 3);
    // A cluster whose strongest difference is small is the "middle" group, not "low X".
    const typical = !ranked.length || Math.abs(ranked[0].effect) < TYPICAL_BELOW;
    let name = typical ? 'Typical customers' : ranked.slice(0, 2).filter((e, i) => i === 0 || Math.abs(e.effect) >= 0.3).map((e) => nameOf(e, types.get(e.feature))).join(' · ');
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen) name = `${name} (${seen + 1})`;
    return {
      cluster: c,
      name,
      size: sizes[c],
      share: round(sizes[c] / n),
      top: top.map((e) => ({ feature: e.feature, effect: e.effect, text: e.text, ...(e.points === undefined ? {} : { points: e.points }) })),
      features: effects,
    };
  });
  return { clusters, heatmap: { features: heatCols, z: heat, kinds: heatKinds } };
}

function numericText(feature: string, type: ColumnType, mean: number, rest: number, asOfDay: number | null): string {
  if (type === 'boolean') {
    // Yes/no columns are clustered as 0/1: the mean is the share of yes.
    const vs = `(${pc(mean)} yes vs ${pc(rest)} of the rest)`;
    if (Math.abs(mean - rest) < 0.0005) return `${feature} as often yes as the rest ${vs}`;
    return `${feature} ${mean > rest ? 'more often' : 'less often'} yes ${vs}`;
  }
  if (type === 'date' || type === 'datetime') {
    // Dates are days before the as-of date: fewer days = more recent.
    if (asOfDay !== null && Number.isFinite(mean) && Number.isFinite(rest)) {
      const diff = Math.round(rest - mean);
      const vs = `(avg ${daysToIso(Math.round(asOfDay - mean))} vs ${daysToIso(Math.round(asOfDay - rest))} for the rest, ${days(Math.abs(diff))} ${diff >= 0 ? 'later' : 'earlier'})`;
      if (diff === 0) return `${feature} about as recent as the rest (avg ${daysToIso(Math.round(asOfDay - mean))} vs ${daysToIso(Math.round(asOfDay - rest))} for the rest)`;
      return `${feature} ${diff > 0 ? 'more recent' : 'longer ago'} ${vs}`;
    }
    const ago = `(avg ${duration(mean)} ago vs ${duration(rest)} for the rest)`;
    if (Math.abs(mean - rest) < 1) return `${feature} about as recent as the rest ${ago}`;
    return `${feature} ${mean < rest ? 'more recent' : 'longer ago'} ${ago}`;
  }
  const vs = `(avg ${fmt(mean)} vs ${fmt(rest)} for the rest)`;
  if (mean > 0 && rest > 0) {
    const ratio = mean / rest;
    if (ratio >= 1.25) return `${feature} ${ratio.toFixed(1)}× higher ${vs}`;
    if (ratio <= 0.8) return `${feature} ${Math.round((1 - ratio) * 100)}% lower ${vs}`;
  }
  if (Math.abs(mean - rest) < 1e-9) return `${feature} same as the rest ${vs}`;
  return `${feature} ${mean > rest ? 'higher' : 'lower'} ${vs}`;
}

function categoryText(feature: string, value: string, share: number, rest: number, all: number): string {
  if (share >= 0.5) return `mostly ${feature} = ${value} (${pc(share)} vs ${pc(rest)} of the rest)`;
  return `${feature} = ${value} over-represented ${(all > 0 ? share / all : 0).toFixed(1)}× (${pc(share)} vs ${pc(rest)} of the rest)`;
}

function nameOf(e: FeatureEffect, type: ColumnType | undefined): string {
  if (e.kind === 'category') return (e.share ?? 0) >= 0.5 ? `Mostly ${e.value}` : `More ${e.value}`;
  if (type === 'boolean') {
    const yes = e.mean ?? 0;
    if (yes >= 0.9) return `${e.feature} yes`;
    if (yes <= 0.1) return `${e.feature} no`;
    return `${e.effect > 0 ? 'More' : 'Fewer'} ${e.feature} yes`;
  }
  if (type === 'date' || type === 'datetime') return `${e.effect < 0 ? 'Later' : 'Earlier'} ${e.feature}`;
  return `${e.effect > 0 ? 'High' : 'Low'} ${e.feature}`;
}

function clusterMedians(v: Float64Array, labels: Int32Array, sizes: Float64Array, k: number): { cluster: number[]; rest: number[] } {
  const groups = Array.from({ length: k }, (_, c) => new Float64Array(sizes[c]));
  const fill = new Int32Array(k);
  for (let i = 0; i < v.length; i++) groups[labels[i]][fill[labels[i]]++] = v[i];
  const sorted = groups.map((g) => g.sort());
  const all = v.slice().sort();
  const med = (s: Float64Array) => (s.length ? (s.length % 2 ? s[s.length >> 1] : (s[(s.length >> 1) - 1] + s[s.length >> 1]) / 2) : NaN);
  // The rest's median from the whole and the cluster's sorted values, without materialising "rest".
  const restMedian = (c: number): number => {
    const own = sorted[c];
    const m = all.length - own.length;
    if (m <= 0) return NaN;
    const kth = (r: number) => {
      // r-th smallest of all \ own: walk both sorted arrays.
      let i = 0;
      let j = 0;
      let seen = -1;
      while (i < all.length) {
        if (j < own.length && all[i] === own[j]) {
          i++;
          j++;
          continue;
        }
        seen++;
        if (seen === r) return all[i];
        i++;
      }
      return NaN;
    };
    return m % 2 ? kth(m >> 1) : (kth((m >> 1) - 1) + kth(m >> 1)) / 2;
  };
  return { cluster: sorted.map(med), rest: sorted.map((_, c) => restMedian(c)) };
}

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0);
const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : 0);
/** Averages in prose: whole numbers with thousands separators from 100 up, one decimal below. */
const fmt = (x: number) =>
  !Number.isFinite(x) ? '–' : Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A share (0–1) as a percentage with one decimal. */
const pc = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–');
const days = (d: number) => `${d.toLocaleString('en-US')} day${d === 1 ? '' : 's'}`;

/** Days as a human duration: "12 days", "5 months", "3.4 years". */
function duration(days: number): string {
  if (!Number.isFinite(days)) return '–';
  const a = Math.abs(days);
  const sign = days < 0 ? '−' : '';
  if (a < 60) return `${sign}${Math.round(a)} days`;
  if (a < 730) return `${sign}${Math.round(a / 30.44)} months`;
  return `${sign}${(a / 365.25).toFixed(1)} years`;
}
