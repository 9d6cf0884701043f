import type { ColumnRole, ColumnType } from '../../../shared/types/columns';
import { formats } from '../../../shared/i18n/format';
import { messageLocale, msg } from '../../../shared/i18n/current';
import { sharedFloat64 } from './parallel';
import type { Space } from './space';
import { medianInPlace, selectInPlace } from '../stats/select';

/** One dataset column as clustering reads it. Dates arrive as days before the as-of date. */
export type RawColumn = {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  sensitive: boolean;
  pii: boolean;
} & ({ kind: 'numeric'; values: Float64Array } | { kind: 'category'; codes: Int32Array; labels: string[] });

export type Scale = 'standard' | 'robust' | 'none';
export type TransformMode = 'auto' | 'none';

export interface PreparedFeature {
  name: string;
  kind: 'numeric' | 'category';
  type: ColumnType;
  role: ColumnRole;
  transform: 'log1p' | 'none';
  missing: number;
  missingShare: number;
  /** The value missing cells were given (median / most frequent). */
  imputed: number | string | null;
  /** Scaling applied after the transform: (v − center) / scale. */
  center: number;
  scale: number;
  skewness: number | null;
  labels?: string[];
}

export interface Prepared {
  space: Space;
  features: PreparedFeature[];
  /** Numeric features in original units after imputation (explanations speak in these). */
  numeric: { name: string; values: Float64Array }[];
  categories: { name: string; codes: Int32Array; labels: string[] }[];
  notes: string[];
  excluded: { name: string; reason: string }[];
  n: number;
}

/** Sample skewness above which a non-negative column gets log1p under transform=auto. */
export const SKEW_LIMIT = 1;

/**
 * Turns raw columns into the clustering space: impute (median / most frequent, share reported),
 * log1p strongly right-skewed non-negative columns, scale, and keep categories as codes.
 * Sensitive columns are left out unless `includeSensitive`, with a note saying so.
 */
export function prepareFeatures(cols: RawColumn[], opts: { scale: Scale; transform: TransformMode; includeSensitive: boolean }): Prepared {
  const notes: string[] = [];
  const excluded: Prepared['excluded'] = [];
  const used = cols.filter((c) => {
    if (c.sensitive && !opts.includeSensitive) {
      excluded.push({ name: c.name, reason: msg('clusters.notes.sensitiveReason') });
      return false;
    }
    return true;
  });
  if (excluded.length) notes.push(msg('clusters.notes.leftOutSensitive', { count: excluded.length, columns: excluded.map((e) => e.name).join(', ') }));
  const sensitiveUsed = used.filter((c) => c.sensitive).map((c) => c.name);
  if (sensitiveUsed.length)
    notes.push(msg('clusters.notes.usedSensitive', { count: sensitiveUsed.length, columns: sensitiveUsed.join(', ') }));
  if (used.length === 0) throw new Error('no features left to cluster on');
  const n = used[0].kind === 'numeric' ? used[0].values.length : used[0].codes.length;
  const features: PreparedFeature[] = [];
  const numeric: Prepared['numeric'] = [];
  const categories: Prepared['categories'] = [];
  const scaledCols: Float64Array[] = [];

  for (const c of used) {
    if (c.kind === 'numeric') {
      const values = c.values.slice();
      let missing = 0;
      for (let i = 0; i < n; i++) if (Number.isNaN(values[i])) missing++;
      if (missing === n) throw new Error(`column "${c.name}" has no values to cluster on`);
      // Only a column with gaps needs its median (for them): 6 medians of 1M values were 0.47 s of a run.
      const med = missing ? median(values) : NaN;
      if (missing) for (let i = 0; i < n; i++) if (Number.isNaN(values[i])) values[i] = med;
      numeric.push({ name: c.name, values });
      const skew = skewness(values);
      let min = Infinity;
      for (let i = 0; i < n; i++) if (values[i] < min) min = values[i];
      const log = opts.transform === 'auto' && min >= 0 && skew > SKEW_LIMIT;
      const t = log ? values.map(Math.log1p) : values.slice();
      const { center, scale } = scaling(t, opts.scale);
      for (let i = 0; i < n; i++) t[i] = (t[i] - center) / scale;
      scaledCols.push(t);
      features.push({
        name: c.name,
        kind: 'numeric',
        type: c.type,
        role: c.role,
        transform: log ? 'log1p' : 'none',
        missing,
        missingShare: missing / n,
        imputed: missing ? med : null,
        center,
        scale,
        skewness: Number.isFinite(skew) ? skew : null,
      });
      if (log) notes.push(msg('clusters.notes.skewed', { column: c.name, skew: formats(messageLocale()).number(skew, 1) }));
      if (missing) notes.push(msg('clusters.notes.missingMedian', { column: c.name, count: missing, share: pct(missing / n), median: fmt(med) }));
    } else {
      const codes = c.codes.slice();
      const counts = new Float64Array(c.labels.length);
      let missing = 0;
      for (let i = 0; i < n; i++) {
        if (codes[i] < 0) missing++;
        else counts[codes[i]]++;
      }
      if (missing === n) throw new Error(`column "${c.name}" has no values to cluster on`);
      let mode = 0;
      for (let v = 1; v < counts.length; v++) if (counts[v] > counts[mode]) mode = v;
      if (missing) for (let i = 0; i < n; i++) if (codes[i] < 0) codes[i] = mode;
      categories.push({ name: c.name, codes, labels: c.labels });
      features.push({
        name: c.name,
        kind: 'category',
        type: c.type,
        role: c.role,
        transform: 'none',
        missing,
        missingShare: missing / n,
        imputed: missing ? c.labels[mode] : null,
        center: 0,
        scale: 1,
        skewness: null,
        labels: c.labels,
      });
      if (missing) notes.push(msg('clusters.notes.missingMode', { column: c.name, count: missing, share: pct(missing / n), value: c.labels[mode] }));
    }
  }

  const d = scaledCols.length;
  // Shared memory: the clustering kernels read it from every core without copying (parallel.ts).
  const num = sharedFloat64(n * d);
  for (let t = 0; t < d; t++) {
    const col = scaledCols[t];
    for (let i = 0; i < n; i++) num[i * d + t] = col[i];
  }
  const dc = categories.length;
  let cat: Int32Array | null = null;
  if (dc) {
    cat = new Int32Array(n * dc);
    for (let t = 0; t < dc; t++) for (let i = 0; i < n; i++) cat[i * dc + t] = categories[t].codes[i];
    notes.push(msg('clusters.notes.categories', { columns: categories.map((c) => c.name).join(', ') }));
  }
  // Huang's rule of thumb: a mismatch weighs about half a numeric standard deviation squared.
  const meanSd = d ? scaledCols.reduce((s, col) => s + Math.sqrt(variance(col)), 0) / d : 1;
  const gamma = 0.5 * (meanSd || 1) ** 2;
  return { space: { num: { data: num, n, d }, cat, dc, gamma }, features, numeric, categories, notes, excluded, n };
}

function scaling(v: Float64Array, scale: Scale): { center: number; scale: number } {
  if (scale === 'none') return { center: 0, scale: 1 };
  if (scale === 'robust') {
    const scratch = v.slice();
    const q = (p: number) => selectInPlace(scratch, Math.min(scratch.length - 1, Math.floor(p * (scratch.length - 1))));
    const iqr = q(0.75) - q(0.25);
    return { center: q(0.5), scale: iqr > 0 ? iqr : Math.sqrt(variance(v)) || 1 };
  }
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  return { center: mean, scale: Math.sqrt(variance(v)) || 1 };
}

export function median(v: Float64Array): number {
  return medianInPlace(v.filter((x) => !Number.isNaN(x)));
}

function variance(v: Float64Array): number {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length || 1;
  let s = 0;
  for (const x of v) s += (x - mean) ** 2;
  return s / (v.length || 1);
}

function skewness(v: Float64Array): number {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let m2 = 0;
  let m3 = 0;
  for (const x of v) {
    const z = x - mean;
    m2 += z * z;
    m3 += z * z * z;
  }
  m2 /= v.length;
  m3 /= v.length;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

const pct = (x: number) => formats(messageLocale()).percent(x, 1);
const fmt = (x: number) => (Math.abs(x) >= 100 ? formats(messageLocale()).count(x) : formats(messageLocale()).plain(Math.round(x * 100) / 100));
