import type { ColumnType } from '../../../shared/types/columns';
import { isIdentifierName } from './roles';
import {
  dateOrderEvidence,
  isCompactDate,
  hasLeadingZero,
  looksLikeDate,
  looksLikeDateTime,
  parseBoolean,
  parseDateTime,
  parseNumber,
  type DateOrder,
  type Decimal,
} from './values';

/** Markers that mean "no value" in typed (non-text) columns. */
const MISSING_MARKERS = new Set(['na', 'n/a', '#n/a', 'null', 'nan', 'none', '-', '?', 'brak', 'nd', 'n.d.', 'k.a.', 'nc']);

export function isMissing(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // Hot path: values starting with a digit or sign are never markers (checked once per cell of every import).
  if ((c >= 48 && c <= 57) || c === 43) return false;
  return (s.length <= 5 && MISSING_MARKERS.has(s.toLowerCase())) || s.trim().length === 0;
}

export interface Locale {
  decimal: Decimal;
  dateOrder: DateOrder | null;
  dateOrderAmbiguous: boolean;
}

const COMMA_DECIMAL_RE = /^[-+]?(\d{1,3}(\.\d{3})+,\d+|\d+,\d{1,2}|\d+,\d{4,}|\d{1,3}( \d{3})+,\d+)$/;
const DOT_DECIMAL_RE = /^[-+]?(\d{1,3}(,\d{3})+\.\d+|\d+\.\d{1,2}|\d+\.\d{4,}|\d{1,3}( \d{3})+\.\d+)$/;

/** What the user's language writes by default: the tie-breaker when a file gives no evidence either way. */
export interface LocaleHint {
  decimal: Decimal;
  /** Day/month order of the language's short dates; null when it writes the year first (Chinese), which says nothing about d/m vs m/d. */
  dateOrder: 'dmy' | 'mdy' | null;
}

/** The number and date conventions of a BCP 47 language tag (`pl`, `fr`, `en-US`), from Intl; null for a tag Intl does not know. */
export function localeHint(tag: string | undefined): LocaleHint | null {
  if (!tag) return null;
  try {
    const decimalPart = new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    const order = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(Date.UTC(2026, 10, 25)))
      .map((p) => p.type)
      .filter((t) => t === 'day' || t === 'month' || t === 'year')
      .join(',');
    return {
      decimal: decimalPart === ',' ? ',' : '.',
      dateOrder: order === 'day,month,year' ? 'dmy' : order === 'month,day,year' ? 'mdy' : null,
    };
  } catch {
    return null;
  }
}

/**
 * Decide decimal mark and date order from every cell of the sample that gives evidence. `hint` (the user's
 * language) only breaks ties: a file whose numbers or dates show their convention is read by it.
 */
export function inferLocale(rows: string[][], delimiter: string, forced: { decimal?: Decimal; dateOrder?: DateOrder }, hint: LocaleHint | null = null): Locale {
  let comma = 0;
  let dot = 0;
  let dmy = 0;
  let mdy = 0;
  let dated = 0;
  let sep = '';
  for (const r of rows) {
    for (const raw of r) {
      const s = raw.trim();
      if (s.length === 0 || s.length > 30) continue;
      const c = s.charCodeAt(0);
      if (!((c >= 48 && c <= 57) || c === 45 || c === 43)) continue;
      if (COMMA_DECIMAL_RE.test(s)) comma++;
      else if (DOT_DECIMAL_RE.test(s)) dot++;
      const ev = dateOrderEvidence(s);
      if (ev === 'none') continue;
      dated++;
      if (!sep) sep = /\d([./-])/.exec(s)?.[1] ?? '';
      if (ev === 'dmy') dmy++;
      else if (ev === 'mdy') mdy++;
    }
  }
  const decimal: Decimal = forced.decimal ?? (comma > dot ? ',' : dot > comma ? '.' : (hint?.decimal ?? '.'));
  if (forced.dateOrder) return { decimal, dateOrder: forced.dateOrder, dateOrderAmbiguous: false };
  if (dated === 0) return { decimal, dateOrder: null, dateOrderAmbiguous: false };
  if (dmy > 0 || mdy > 0) return { decimal, dateOrder: dmy >= mdy ? 'dmy' : 'mdy', dateOrderAmbiguous: dmy > 0 && mdy > 0 };
  // No day above 12 anywhere: the convention of the separator and the locale decides, and we say so. Dotted
  // and dashed d-m-y dates, decimal commas and semicolons are European; only slashes with points are open,
  // and there the user's language decides (a Polish or French user writes 03/04 for the 3rd of April).
  const guess: DateOrder = sep === '/' && decimal === '.' && delimiter !== ';' ? (hint?.dateOrder ?? 'mdy') : 'dmy';
  return { decimal, dateOrder: guess, dateOrderAmbiguous: true };
}

/** Share of non-missing sample values that must fit a type for the column to get it (the rest become cell errors). */
const FIT = 0.98;

export interface InferredColumn {
  type: ColumnType;
  distinct: number;
  nonMissing: number;
}

/** The narrowest type that fits (almost) all sample values of a column; identifier-like columns stay text. */
export function inferColumnType(name: string, values: string[], locale: Locale): InferredColumn {
  const seen = new Set<string>();
  let n = 0;
  let ints = 0;
  let nums = 0;
  let bools = 0;
  let dates = 0;
  let datetimes = 0;
  let withTime = 0;
  let leadingZeros = 0;
  let compactDates = 0;
  // Values that are neither numbers nor dates. Once more than (1 − FIT) of all values are, and not every
  // value is a yes/no word, no typed result is possible: the column is category or text, decided by the
  // distinct values alone, so the remaining values skip the number and date tests (the planning hot spot).
  const maxMisfits = (1 - FIT) * values.length;
  let misfits = 0;
  let typed = true;
  for (const raw of values) {
    const s = raw.trim();
    if (isMissing(s)) continue;
    n++;
    if (seen.size <= 1000) seen.add(s);
    if (!typed) continue;
    // Boolean needs every value to be a yes/no word: after the first that is not, stop asking.
    if (bools === n - 1 && parseBoolean(s) !== undefined) bools++;
    const num = parseNumber(s, locale.decimal);
    if (!Number.isNaN(num)) {
      nums++;
      if (Number.isInteger(num) && !s.includes(locale.decimal) && Math.abs(num) <= Number.MAX_SAFE_INTEGER) ints++;
      if (hasLeadingZero(s) && !s.includes(locale.decimal)) leadingZeros++;
      if (isCompactDate(s)) compactDates++;
      continue;
    }
    // Shape decides the type; values impossible in the chosen day/month order become cell errors.
    if (looksLikeDate(s)) dates++;
    else if (looksLikeDateTime(s)) {
      datetimes++;
      withTime++;
    } else if (++misfits > maxMisfits && bools < n) typed = false;
  }
  const distinct = seen.size;
  const result = (type: ColumnType): InferredColumn => ({ type, distinct, nonMissing: n });
  if (n === 0) return result('text');
  const fits = (k: number) => k >= n * FIT;
  const lowerDistinct = new Set([...seen].map((v) => v.toLowerCase()));
  if (bools === n && lowerDistinct.size <= 2 && !(ints === n && isIdentifierName(name))) return result('boolean');
  // Values decide; the name only breaks the tie whole numbers leave (a count, or a code such as a postal code
  // or an order number): decimal numbers are numbers whatever the column is called, leading zeros are codes.
  const decimals = fits(nums) && !fits(ints);
  if (leadingZeros > 0 || (isIdentifierName(name) && nums > 0 && !decimals)) return result(distinct <= categoryLimit(n) && !isIdentifierName(name) ? 'category' : 'text');
  // Every value a yyyymmdd date (19970101): a date column, not numbers in the twenty millions.
  if (compactDates === n && !isIdentifierName(name)) return result('date');
  if (fits(ints)) return result('integer');
  if (fits(nums)) return result('number');
  if (fits(dates + datetimes)) return result(withTime > 0 ? 'datetime' : 'date');
  return result(distinct <= categoryLimit(n) && !isIdentifierName(name) ? 'category' : 'text');
}

function categoryLimit(n: number): number {
  // Low cardinality: at most 50 values, and values repeat (at most a fifth of the rows are distinct).
  return Math.min(50, Math.max(2, Math.floor(n / 5)));
}

/**
 * Whether the first record is a header: some column whose other values are typed has a
 * first value that is not of that type, or (all text) its values are distinct, non-empty and non-numeric.
 */
export function looksLikeHeader(first: string[], rest: string[][], locale: Locale): boolean {
  if (first.length === 0 || first.every((v) => v.trim() === '')) return false;
  const numericFirst = first.filter((v) => !Number.isNaN(parseNumber(v.trim(), locale.decimal)) || looksLikeDate(v.trim())).length;
  if (rest.length === 0) return numericFirst === 0;
  let typedMismatch = 0;
  let typedMatch = 0;
  const probe = rest.slice(0, 1000);
  for (let c = 0; c < first.length; c++) {
    const col = probe.map((r) => r[c] ?? '');
    const t = inferColumnType('', col, locale).type;
    if (t === 'text' || t === 'category') continue;
    const v = first[c].trim();
    const fitsType =
      t === 'boolean'
        ? parseBoolean(v) !== undefined
        : t === 'date' || t === 'datetime'
          ? parseDateTime(v, locale.dateOrder ?? 'ymd') !== null
          : !Number.isNaN(parseNumber(v, locale.decimal));
    if (fitsType) typedMatch++;
    else typedMismatch++;
  }
  if (typedMismatch > 0) return true;
  if (typedMatch > 0) return false;
  const distinct = new Set(first.map((v) => v.trim().toLowerCase()));
  return numericFirst === 0 && distinct.size === first.length && first.every((v) => v.trim() !== '');
}
