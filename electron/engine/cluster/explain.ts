import type { ColumnType } from '../../../shared/types/columns';
import { daysToIso, isoToDays } from '../../../shared/rules/dates';
import type { Prepared } from './prepare';
import { msg } from '../../../shared/i18n/current';
import { formats } from '../../../shared/i18n/format';
import { translator, type Translator } from '../../../shared/i18n/translator';
import { medianInPlace } from '../stats/select';

/** Stored explanations are English (the CLI's JSON); the app re-says them in the reader's language from the numbers. */
const EN = translator('en');

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
    heatCols.push(type === 'date' || type === 'datetime' ? EN.t('clusters.explain.daysSince', { column: col.name }) : col.name);
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
        text: numericText(col.name, types.get(col.name) ?? 'number', mean, restMean, asOfDay, EN),
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
            text: categoryText(col.name, col.labels[v], share, restShare, pAll > 0 ? share / pAll : 0, EN),
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
    let name = typical ? msg('clusters.name.typical') : ranked.slice(0, 2).filter((e, i) => i === 0 || Math.abs(e.effect) >= 0.3).map((e) => nameOf(e, types.get(e.feature))).join(' · ');
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen) name = msg('clusters.name.numbered', { name, n: seen + 1 });
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

/** A feature's difference in words, in the translator's language (runs store the English text; the app re-says it from the numbers). */
export function effectText(e: FeatureEffect, type: ColumnType | undefined, asOf: string | null | undefined, tr: Translator): string {
  if (e.kind === 'category') return categoryText(e.feature, e.value ?? '', e.share ?? 0, e.restShare ?? 0, e.lift ?? 0, tr);
  return numericText(e.feature, type ?? 'number', e.mean ?? NaN, e.restMean ?? NaN, asOf ? isoToDays(asOf.slice(0, 10)) : null, tr);
}

function numericText(feature: string, type: ColumnType, mean: number, rest: number, asOfDay: number | null, tr: Translator): string {
  const f = formats(tr.locale);
  const pc = (x: number) => (Number.isFinite(x) ? f.percent(x, 1) : '–');
  if (type === 'boolean') {
    // Yes/no columns are clustered as 0/1: the mean is the share of yes.
    const values = { feature, share: pc(mean), rest: pc(rest) };
    if (Math.abs(mean - rest) < 0.0005) return tr.t('clusters.explain.boolSame', values);
    return tr.t(mean > rest ? 'clusters.explain.boolMore' : 'clusters.explain.boolLess', values);
  }
  if (type === 'date' || type === 'datetime') {
    // Dates are days before the as-of date: fewer days = more recent. English keeps ISO dates (the CLI's and the tests' text).
    const day = (d: number) => (tr.locale === 'en' ? daysToIso(d) : f.date(daysToIso(d)));
    if (asOfDay !== null && Number.isFinite(mean) && Number.isFinite(rest)) {
      const diff = Math.round(rest - mean);
      const values = { feature, date: day(Math.round(asOfDay - mean)), restDate: day(Math.round(asOfDay - rest)), days: Math.abs(diff) };
      if (diff === 0) return tr.t('clusters.explain.dateSame', values);
      return tr.t(diff > 0 ? 'clusters.explain.dateRecent' : 'clusters.explain.dateOlder', values);
    }
    const values = { feature, ago: duration(mean, tr), restAgo: duration(rest, tr) };
    if (Math.abs(mean - rest) < 1) return tr.t('clusters.explain.agoSame', values);
    return tr.t(mean < rest ? 'clusters.explain.agoRecent' : 'clusters.explain.agoOlder', values);
  }
  // Averages in prose: whole numbers with thousands separators from 100 up, one decimal below.
  const avg = (x: number) => (!Number.isFinite(x) ? '–' : Math.abs(x) >= 100 ? f.count(x) : f.number(x, 1));
  const values = { feature, mean: avg(mean), rest: avg(rest) };
  if (mean > 0 && rest > 0) {
    const ratio = mean / rest;
    if (ratio >= 1.25) return tr.t('clusters.explain.numTimes', { ...values, ratio: f.number(ratio, 1) });
    if (ratio <= 0.8) return tr.t('clusters.explain.numLowerPct', { ...values, pct: f.percent(Math.round((1 - ratio) * 100) / 100, 0) });
  }
  if (Math.abs(mean - rest) < 1e-9) return tr.t('clusters.explain.numSame', values);
  return tr.t(mean > rest ? 'clusters.explain.numHigher' : 'clusters.explain.numLower', values);
}

function categoryText(feature: string, value: string, share: number, rest: number, lift: number, tr: Translator): string {
  const f = formats(tr.locale);
  const values = { feature, value, share: f.percent(share, 1), rest: f.percent(rest, 1), lift: f.number(lift, 1) };
  return tr.t(share >= 0.5 ? 'clusters.explain.catMostly' : 'clusters.explain.catOver', values);
}

/** A suggested name in the process's language: it becomes the cluster's name (data the user may rename). */
function nameOf(e: FeatureEffect, type: ColumnType | undefined): string {
  if (e.kind === 'category') return msg((e.share ?? 0) >= 0.5 ? 'clusters.name.mostly' : 'clusters.name.more', { value: e.value ?? '' });
  if (type === 'boolean') {
    const yes = e.mean ?? 0;
    if (yes >= 0.9) return msg('clusters.name.yes', { feature: e.feature });
    if (yes <= 0.1) return msg('clusters.name.no', { feature: e.feature });
    return msg(e.effect > 0 ? 'clusters.name.moreYes' : 'clusters.name.fewerYes', { feature: e.feature });
  }
  if (type === 'date' || type === 'datetime') return msg(e.effect < 0 ? 'clusters.name.later' : 'clusters.name.earlier', { feature: e.feature });
  return msg(e.effect > 0 ? 'clusters.name.high' : 'clusters.name.low', { feature: e.feature });
}

function clusterMedians(v: Float64Array, labels: Int32Array, sizes: Float64Array, k: number): { cluster: number[]; rest: number[] } {
  // Each cluster's values and the rest's, split into scratch arrays and selected in place (stats/select.ts):
  // k linear passes rather than sorting every group and the whole column (1.4 s for 6 features at 1M).
  const n = v.length;
  const own = new Float64Array(n);
  const others = new Float64Array(n);
  const cluster: number[] = [];
  const rest: number[] = [];
  for (let c = 0; c < k; c++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] === c) own[a++] = v[i];
      else others[b++] = v[i];
    }
    if (a !== sizes[c]) throw new Error(`cluster ${c}: ${a} members counted, ${sizes[c]} expected`);
    cluster.push(medianInPlace(own, a));
    rest.push(medianInPlace(others, b));
  }
  return { cluster, rest };
}

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0);
const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : 0);
/** Days as a human duration: "12 days", "5 months", "3.4 years". */
function duration(days: number, tr: Translator): string {
  if (!Number.isFinite(days)) return '–';
  const a = Math.abs(days);
  const sign = days < 0 ? '−' : '';
  if (a < 60) return sign + tr.t('clusters.explain.days', { n: Math.round(a) });
  if (a < 730) return sign + tr.t('clusters.explain.months', { n: Math.round(a / 30.44) });
  return sign + tr.t('clusters.explain.years', { n: Math.round((a / 365.25) * 10) / 10 });
}
