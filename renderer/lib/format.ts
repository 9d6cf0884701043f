import type { Cell, ColumnType } from '../../shared/types/columns';

const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/** How a stored cell reads in the UI; missing values are shown as an em dash, never as an empty string. */
export function formatCell(v: Cell, type?: ColumnType): string {
  if (v === null) return '—';
  if (typeof v === 'number') {
    if (type === 'boolean') return v ? 'yes' : 'no';
    return num.format(v);
  }
  return v;
}

export function isNumericType(type: ColumnType | undefined): boolean {
  return type === 'integer' || type === 'number';
}

export function pct(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;
}

/*
 * Display numbers (profile statistics, outcome tables and captions), one format everywhere and the same as the
 * packaged report: thousands separators, two decimals for amounts and averages, whole numbers for counts, one
 * decimal for percentages. Not for the data table's cells, which show stored values at full precision (formatCell).
 */
const fixed = new Map<number, Intl.NumberFormat>();
function fixedFormat(digits: number): Intl.NumberFormat {
  let f = fixed.get(digits);
  if (!f) fixed.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/** A number with thousands separators and exactly `digits` decimals ("-115,364.7"); '–' when not finite. */
export function fmtNumber(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : fixedFormat(digits).format(x);
}

/** An amount or an average: two decimals with separators ("68,580.37"); tiny non-zero values keep two significant digits ("0.0031"). */
export function fmtAmount(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x !== 0 && Math.abs(x) < 0.005 ? small.format(x) : fixedFormat(2).format(x);
}

/** A count: a whole number with separators ("14,963"), rounded when a model predicts a fractional one. */
export function fmtCount(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : fixedFormat(0).format(Math.round(x));
}

/** A share (0–1) as a percentage with one decimal ("69.6%"). */
export function fmtPercent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${fixedFormat(1).format(100 * share)}%`;
}

/**
 * A profile statistic of a column: counts-like values of an integer column as whole numbers, other numbers
 * as amounts (two decimals); dates, text and missing values as the table shows them.
 */
export function fmtStat(v: Cell, type: ColumnType, kind: 'value' | 'average' = 'value'): string {
  if (typeof v !== 'number' || type === 'boolean' || !isNumericType(type)) return formatCell(v, type);
  return kind === 'value' && type === 'integer' && Number.isInteger(v) ? fmtCount(v) : fmtAmount(v);
}
