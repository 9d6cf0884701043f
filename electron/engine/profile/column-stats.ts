import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import type { ColumnInfo } from '../../../shared/types/columns';
import type { BooleanColumn, DateColumn, MirrorColumn, NumberColumn } from '../mirror';
import { normaliseName } from '../import/roles';
import { isListed, tallyOfText, topOf, type Tally } from './tally';

export const TOP = 10;
export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];
const DAY_MS = 86_400_000;

export function daysToIso(d: number, datetime: boolean): string {
  const s = new Date(Math.round(d * DAY_MS)).toISOString();
  return datetime ? s.slice(0, 19) : s.slice(0, 10);
}

/** Quantile of sorted values by linear interpolation (type 7, as numpy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function histogram(sorted: Float64Array, bins: number, integer: boolean): { from: number; to: number; count: number }[] {
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [{ from: min, to: max, count: sorted.length }];
  // Whole-number columns with a small range get one bin per value, so counts of 0/1/2 children read naturally.
  const n = integer && max - min + 1 <= bins ? max - min + 1 : bins;
  const width = integer && n === max - min + 1 ? 1 : (max - min) / n;
  const out = Array.from({ length: n }, (_, i) => ({ from: min + i * width, to: i === n - 1 && width !== 1 ? max : min + (i + 1) * width, count: 0 }));
  for (let i = 0; i < sorted.length; i++) {
    const k = Math.min(n - 1, Math.floor((sorted[i] - min) / width));
    out[k].count++;
  }
  return out;
}

/** Where a column's values come from: its column of the columnar copy, or for a text ID column the IDs' tally. */
export type ColumnValues = MirrorColumn | Tally;

const isTally = (v: ColumnValues): v is Tally => !('kind' in v);

/** The non-missing values of a number, date or yes/no column, sorted. */
function sortedValues(v: NumberColumn | DateColumn | BooleanColumn): Float64Array {
  if (v.kind === 'boolean') {
    let zeros = 0;
    let ones = 0;
    for (let i = 0; i < v.values.length; i++) {
      if (v.values[i] === 0) zeros++;
      else if (v.values[i] === 1) ones++;
    }
    return new Float64Array(zeros + ones).fill(1, zeros);
  }
  const src = v.values;
  let n = 0;
  for (let i = 0; i < src.length; i++) if (src[i] === src[i]) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < src.length; i++) if (src[i] === src[i]) out[k++] = src[i];
  return sortInPlace(out);
}

/**
 * Whole numbers within a range of a few times their count (ages, counts, days, amounts in whole units:
 * most columns of a customer file) are sorted by counting, in linear time; the rest by the typed
 * array's sort. Measured at 1M values: 8 ms against 95 ms.
 */
function sortInPlace(a: Float64Array): Float64Array {
  const n = a.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x !== Math.floor(x) || Object.is(x, -0)) return a.sort();
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0 || max - min + 1 > 4 * n + 1024) return a.sort();
  const counts = new Int32Array(max - min + 1);
  for (let i = 0; i < n; i++) counts[a[i] - min]++;
  let k = 0;
  for (let v = 0; v < counts.length; v++) for (let c = counts[v]; c > 0; c--) a[k++] = v + min;
  return a;
}

/** Distinct values of a sorted array (0 and -0 are one value, as in SQLite). */
function distinctSorted(sorted: Float64Array): number {
  let d = sorted.length ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/**
 * Statistics of one column from its non-missing values, read from the columnar copy (mirror/): numbers
 * and dates sorted in a Float64Array, text tallied by value. The same as SQL over the version table,
 * since typed columns hold only their type or NULL (import/convert.ts) and the copy reads them exactly
 * (checked against SQL in test/engine/profile/columnar.test.ts). PII columns never expose single
 * values: no top values, no min/max.
 */
export function columnProfile(
  col: ColumnInfo,
  data: ColumnValues,
  rows: number,
  bins: number,
  cellErrors: number,
  isId = false,
): { profile: ColumnProfile; numeric: Float64Array | null; tally: Tally | null } {
  const base = {
    name: col.name,
    type: col.type,
    role: col.role,
    pii: col.pii,
    sensitive: col.sensitive,
    cellErrors,
  };
  if (!isTally(data) && data.kind !== 'text') {
    const dateType = data.kind === 'date';
    const sorted = sortedValues(data);
    const count = sorted.length;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < count; i++) {
      sum += sorted[i];
      if (sorted[i] === 0) zeros++;
    }
    const mean = count ? sum / count : null;
    let m2 = 0;
    let m3 = 0;
    for (let i = 0; i < count && mean !== null; i++) {
      const d = sorted[i] - mean;
      m2 += d * d;
      m3 += d * d * d;
    }
    const std = count > 1 ? Math.sqrt(m2 / (count - 1)) : null;
    const show = (x: number) => (dateType ? daysToIso(x, col.type === 'datetime') : x);
    const distinct = distinctSorted(sorted);
    const format = numericFormat(col, isId, sorted);
    // A yes/no or two-valued column has no shape to be skewed: its skewness only restates the share of 1s.
    const skewness = format === 'yes_no' || distinct <= 2 ? null : adjustedSkewness(count, m2, m3);
    const top = col.pii || col.type !== 'boolean' ? [] : booleanTop(sorted, zeros);
    return {
      numeric: dateType ? null : sorted,
      tally: null,
      profile: {
        ...base,
        format: dateType ? 'as_is' : format,
        count,
        missing: rows - count,
        missingShare: rows ? (rows - count) / rows : 0,
        distinct,
        min: count && !col.pii ? show(sorted[0]) : null,
        max: count && !col.pii ? show(sorted[count - 1]) : null,
        mean: dateType ? null : mean,
        std: dateType ? null : std,
        median: count ? show(quantile(sorted, 0.5)) : null,
        quantiles: count ? QUANTILES.map((p) => ({ p, value: show(quantile(sorted, p)) })) : [],
        skewness: dateType ? null : skewness,
        zeros: dateType ? 0 : zeros,
        histogram: col.type === 'boolean' ? [] : histogram(sorted, bins, col.type === 'integer' || dateType),
        top,
      },
    };
  }
  const tally = isTally(data) ? data : tallyOfText(data);
  return {
    numeric: null,
    tally,
    profile: {
      ...base,
      format: isId || col.role === 'id' ? 'id' : 'as_is',
      count: tally.count,
      missing: rows - tally.count,
      missingShare: rows ? (rows - tally.count) / rows : 0,
      distinct: tally.distinct,
      min: null,
      max: null,
      mean: null,
      std: null,
      median: null,
      quantiles: [],
      skewness: null,
      zeros: 0,
      histogram: [],
      top: col.pii || !isListed(tally) ? [] : topOf(tally, TOP),
    },
  };
}

/** Top values of a yes/no column (1 and 0), most frequent first, ties by value. */
function booleanTop(sorted: Float64Array, zeros: number): { value: number; count: number }[] {
  const ones = sorted.length - zeros;
  const out = [
    { value: 1, count: ones },
    { value: 0, count: zeros },
  ].filter((t) => t.count > 0);
  return out.sort((a, b) => b.count - a.count || a.value - b.value);
}

/**
 * Adjusted Fisher–Pearson standardised moment coefficient G1 = g1 · √(n(n−1)) / (n−2), with g1 = m3 / m2^1.5
 * from central moments: the estimator pandas' .skew() reports (and Excel's SKEW). Null under 3 values or no spread.
 */
export function adjustedSkewness(n: number, sumSq: number, sumCube: number): number | null {
  if (n < 3 || sumSq <= 0) return null;
  const g1 = sumCube / n / Math.pow(sumSq / n, 1.5);
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Year-like column names (English, German, Polish, Spanish, French, Italian, Dutch after normaliseName). */
const YEAR_NAME = /(^|_)(year|yr|jahr|rok|ano|annee|anno|jaar)(_|$)|^(year|jahr|rok)/;

/**
 * Display format of a number column: identifiers and whole-number years print without separators, 0/1 columns
 * as yes/no counts. A year is a whole-number column named like one whose values lie in 1000–2999.
 */
export function numericFormat(col: ColumnInfo, isId: boolean, sorted: Float64Array): 'number' | 'year' | 'id' | 'yes_no' {
  if (col.type === 'boolean') return 'yes_no';
  if (isId || col.role === 'id') return 'id';
  const n = sorted.length;
  if (n > 0 && sorted[0] >= 0 && sorted[n - 1] <= 1 && sorted.every((v) => v === 0 || v === 1)) return 'yes_no';
  if (col.type === 'integer' && n > 0 && sorted[0] >= 1000 && sorted[n - 1] <= 2999 && YEAR_NAME.test(normaliseName(col.name))) return 'year';
  return 'number';
}

/**
 * The year plausibility is judged against: the latest date in the data's own date columns (not later than the
 * as-of date), or the as-of date's year when the data hold no dates.
 */
export function latestYear(columns: ColumnProfile[], asOf: string): number {
  let latest = '';
  for (const c of columns) if ((c.type === 'date' || c.type === 'datetime') && typeof c.max === 'string' && c.max > latest) latest = c.max;
  const cap = asOf.slice(0, 10);
  return Number((latest && latest.slice(0, 10) < cap ? latest : cap).slice(0, 4));
}
