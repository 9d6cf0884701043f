import type { ColumnInfo } from '../../../shared/types/columns';
import type { MirrorColumn, TextColumn } from '../mirror';
import { BOOL_MISSING } from '../mirror';
import type { AgeReading } from '../../../shared/contract/ns/fairness';
import { agesFromBirthYears, readAgeColumn } from './ages';

/** A column turned into groups: one code per row (-1 = missing) and the label of each code. */
export interface Coded {
  codes: Int32Array;
  labels: string[];
  /** How numbers were grouped, in words ("age bands", "quartiles"), or null for categories. */
  binning: string | null;
  /** How an age column was read, when the reader should know (ambiguous, or chosen by the user). */
  note?: string;
}

/** Text columns with more levels keep the most frequent ones and pool the rest, so tables stay readable. */
export const MAX_LEVELS = 50;
/** Numbers with at most this many distinct values (0/1 flags, counts of children) are treated as categories. */
const FEW_VALUES = 10;

const AGE_BANDS: [number, string][] = [
  [18, 'under 18'],
  [25, '18–24'],
  [35, '25–34'],
  [45, '35–44'],
  [55, '45–54'],
  [65, '55–64'],
  [Infinity, '65+'],
];

const byLabel = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** A mirror text column's codes, relabelled in sorted order; beyond `maxLevels` the rarest pool into "(other)". */
export function codeText(col: Pick<TextColumn, 'codes' | 'dictionary' | 'counts'>, maxLevels = MAX_LEVELS): Coded {
  const order = col.dictionary.map((_, i) => i);
  let kept = order;
  const pooled = order.length > maxLevels;
  if (pooled) kept = [...order].sort((a, b) => col.counts[b] - col.counts[a]).slice(0, maxLevels - 1);
  kept.sort((a, b) => byLabel(col.dictionary[a], col.dictionary[b]));
  const remap = new Int32Array(col.dictionary.length).fill(kept.length);
  kept.forEach((old, i) => (remap[old] = i));
  const codes = new Int32Array(col.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = col.codes[i] < 0 ? -1 : remap[col.codes[i]];
  const labels = kept.map((k) => col.dictionary[k]);
  if (pooled) labels.push('(other)');
  return { codes, labels, binning: pooled ? `the ${maxLevels - 1} most frequent values, the rest pooled` : null };
}

function codeBoolean(values: Uint8Array): Coded {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = values[i] === BOOL_MISSING ? -1 : values[i];
  return { codes, labels: ['no', 'yes'], binning: null };
}

function fmt(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Numbers taking few distinct values become one group per value. */
function codeFewNumbers(values: Float64Array): Coded | null {
  const distinct = new Set<number>();
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    distinct.add(v);
    if (distinct.size > FEW_VALUES) return null;
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const index = new Map(sorted.map((v, i) => [v, i]));
  const codes = Int32Array.from(values, (v) => (Number.isNaN(v) ? -1 : (index.get(v) as number)));
  return { codes, labels: sorted.map(fmt), binning: null };
}

/** Proleptic Gregorian y/m/d of a day number (days since 1970-01-01), Hinnant's civil_from_days. */
function civil(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Whole years between two day numbers (a birthday counts from that day). */
export function ageInYears(birthDay: number, asOfDay: number): number {
  return agesAt(Float64Array.of(birthDay), asOfDay)[0];
}

/** Ages at the as-of date of every birth day number (NaN stays NaN); the as-of date is split once. */
function agesAt(birthDays: Float64Array, asOfDay: number): Float64Array {
  const [ay, am, ad] = civil(Math.floor(asOfDay));
  const asOfMd = am * 100 + ad;
  const out = new Float64Array(birthDays.length);
  for (let i = 0; i < birthDays.length; i++) {
    const b = birthDays[i];
    if (Number.isNaN(b)) {
      out[i] = NaN;
      continue;
    }
    const [by, bm, bd] = civil(Math.floor(b));
    out[i] = ay - by - (asOfMd < bm * 100 + bd ? 1 : 0);
  }
  return out;
}

export function ageBands(ages: Float64Array): Coded {
  const codes = new Int32Array(ages.length);
  const uppers = AGE_BANDS.map(([u]) => u);
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i];
    if (Number.isNaN(a)) {
      codes[i] = -1;
      continue;
    }
    let c = 0;
    while (a >= uppers[c]) c++;
    codes[i] = c;
  }
  return { codes, labels: AGE_BANDS.map(([, l]) => l), binning: 'age bands' };
}

/** Two significant digits, so band edges read like "40,000" rather than "40,213.7". */
function nice(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.round(x / p) * p;
}

/** Quartile bands with rounded edges; duplicate edges (heavily tied data) collapse into fewer bands. */
export function quantileBands(values: Float64Array, bands = 4): Coded {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const codes = new Int32Array(values.length).fill(-1);
  if (sorted.length === 0) return { codes, labels: [], binning: 'quartiles' };
  const edges: number[] = [];
  for (let q = 1; q < bands; q++) {
    const e = nice(sorted[Math.floor((q * sorted.length) / bands)]);
    if (e > sorted[0] && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  const labels = edges.length === 0 ? [`${fmt(sorted[0])}–${fmt(sorted[sorted.length - 1])}`] : [`under ${fmt(edges[0])}`];
  for (let i = 1; i < edges.length; i++) labels.push(`${fmt(edges[i - 1])} to under ${fmt(edges[i])}`);
  if (edges.length > 0) labels.push(`${fmt(edges[edges.length - 1])} and over`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    let c = 0;
    while (c < edges.length && v >= edges[c]) c++;
    codes[i] = c;
  }
  return { codes, labels, binning: edges.length + 1 === bands ? 'quartiles' : `${edges.length + 1} bands` };
}

function yearGroups(days: Float64Array): Coded {
  const years = Float64Array.from(days, (d) => (Number.isNaN(d) ? NaN : civil(Math.floor(d))[0]));
  const few = codeFewNumbers(years);
  return few ? { ...few, binning: 'years' } : { ...quantileBands(years), binning: 'year bands' };
}

/**
 * Any column as groups (for a sensitive attribute, or a categorical side of an association):
 * categories as they are; ages in the usual bands, from a birth date, a birth year (ages at the as-of
 * date; see ages.ts for how ages and birth years are told apart, `reading` overrides) or ages
 * themselves; numbers with few values one group each, otherwise quartiles; other dates by year.
 */
export function groupColumn(info: Pick<ColumnInfo, 'name' | 'sensitiveCategory'>, col: MirrorColumn, asOfDay: number, maxLevels = MAX_LEVELS, reading?: AgeReading): Coded {
  switch (col.kind) {
    case 'text':
      return codeText(col, maxLevels);
    case 'boolean':
      return codeBoolean(col.values);
    case 'date':
      if (info.sensitiveCategory === 'age') return ageBands(agesAt(col.values, asOfDay));
      return yearGroups(col.values);
    case 'number': {
      if (info.sensitiveCategory === 'age') {
        const year = civil(Math.floor(asOfDay))[0];
        const r = readAgeColumn(info.name, col.values, year, reading);
        const note = r.note === null ? {} : { note: r.note };
        if (r.reading === 'birth-year') return { ...ageBands(agesFromBirthYears(col.values, year)), binning: `age bands (age reached in ${year}, from birth years)`, ...note };
        const few = codeFewNumbers(col.values);
        return { ...(few ?? ageBands(col.values)), ...note };
      }
      const few = codeFewNumbers(col.values);
      if (few) return few;
      return quantileBands(col.values);
    }
  }
}
