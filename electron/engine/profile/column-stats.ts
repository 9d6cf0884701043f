import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import type { ColumnInfo } from '../../../shared/types/columns';
import { quoteIdent, type Db } from '../db/open';
import { normaliseName } from '../import/roles';

const TOP = 10;
const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];
const DAY_MS = 86_400_000;

export function isoToDays(v: string): number {
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v}Z`);
  return t / DAY_MS;
}

function daysToIso(d: number, datetime: boolean): string {
  const s = new Date(Math.round(d * DAY_MS)).toISOString();
  return datetime ? s.slice(0, 19) : s.slice(0, 10);
}

/** Quantile of sorted values by linear interpolation (type 7, as numpy's default). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function histogram(sorted: Float64Array, bins: number, integer: boolean): { from: number; to: number; count: number }[] {
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

export interface NumericSummary {
  values: Float64Array;
}

/**
 * Statistics of one column computed from its non-missing values (one query per column, sorted in a
 * Float64Array for numbers and dates; grouped in SQL for text). PII columns never expose single values:
 * no top values, no min/max.
 */
export function columnProfile(
  db: Db,
  table: string,
  col: ColumnInfo,
  rows: number,
  bins: number,
  cellErrors: number,
  isId = false,
): { profile: ColumnProfile; numeric: Float64Array | null } {
  const q = quoteIdent(col.name);
  const t = quoteIdent(table);
  const base = {
    name: col.name,
    type: col.type,
    role: col.role,
    pii: col.pii,
    sensitive: col.sensitive,
    cellErrors,
  };
  const numericType = col.type === 'integer' || col.type === 'number' || col.type === 'boolean';
  const dateType = col.type === 'date' || col.type === 'datetime';
  if (numericType || dateType) {
    const raw = db.prepare(`SELECT ${q} FROM ${t} WHERE ${q} IS NOT NULL`).pluck().all() as (number | string)[];
    const values = new Float64Array(raw.length);
    let k = 0;
    for (const v of raw) {
      const x = dateType ? isoToDays(String(v)) : typeof v === 'number' ? v : Number(v);
      if (!Number.isNaN(x)) values[k++] = x;
    }
    const sorted = values.subarray(0, k).sort();
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
    const distinct = (db.prepare(`SELECT count(DISTINCT ${q}) AS n FROM ${t}`).get() as { n: number }).n;
    const format = numericFormat(col, isId, sorted);
    // A yes/no or two-valued column has no shape to be skewed: its skewness only restates the share of 1s.
    const skewness = format === 'yes_no' || distinct <= 2 ? null : adjustedSkewness(count, m2, m3);
    const top = col.pii || col.type !== 'boolean' ? [] : topValues(db, t, q);
    return {
      numeric: dateType ? null : sorted,
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
  const agg = db.prepare(`SELECT count(${q}) AS count, count(DISTINCT ${q}) AS distinct_ FROM ${t}`).get() as { count: number; distinct_: number };
  return {
    numeric: null,
    profile: {
      ...base,
      format: isId || col.role === 'id' ? 'id' : 'as_is',
      count: agg.count,
      missing: rows - agg.count,
      missingShare: rows ? (rows - agg.count) / rows : 0,
      distinct: agg.distinct_,
      min: null,
      max: null,
      mean: null,
      std: null,
      median: null,
      quantiles: [],
      skewness: null,
      zeros: 0,
      histogram: [],
      top: col.pii ? [] : topValues(db, t, q),
    },
  };
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
function numericFormat(col: ColumnInfo, isId: boolean, sorted: Float64Array): 'number' | 'year' | 'id' | 'yes_no' {
  if (col.type === 'boolean') return 'yes_no';
  if (isId || col.role === 'id') return 'id';
  const n = sorted.length;
  if (n > 0 && sorted[0] >= 0 && sorted[n - 1] <= 1 && sorted.every((v) => v === 0 || v === 1)) return 'yes_no';
  if (col.type === 'integer' && n > 0 && sorted[0] >= 1000 && sorted[n - 1] <= 2999 && YEAR_NAME.test(normaliseName(col.name))) return 'year';
  return 'number';
}

function topValues(db: Db, t: string, q: string): { value: string | number | null; count: number }[] {
  return db.prepare(`SELECT ${q} AS value, count(*) AS count FROM ${t} WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY count DESC, value LIMIT ${TOP}`).all() as {
    value: string | number;
    count: number;
  }[];
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
