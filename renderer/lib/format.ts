import type { Cell, ColumnType } from '../../shared/types/columns';
import { activeFormats, activeLocale, tr } from '../i18n/active';

/** How a stored cell reads in the UI; missing values are shown as an em dash, never as an empty string. */
export function formatCell(v: Cell, type?: ColumnType): string {
  if (v === null) return '—';
  if (typeof v === 'number') {
    if (type === 'boolean') return v ? tr('common.yes') : tr('common.no');
    return activeFormats().plain(v);
  }
  if (type === 'date' || type === 'datetime') return fmtStoredDate(v);
  return v;
}

/**
 * A stored ISO date or date-time as the reader writes dates (05.12.2026, 2026年12月5日); English keeps the stored
 * ISO text, which sorts and compares at a glance. Sorting and filtering always use the stored value.
 */
export function fmtStoredDate(iso: string): string {
  return activeLocale() === 'en' || activeLocale() === 'en-XA' ? iso : activeFormats().date(iso);
}

export function isNumericType(type: ColumnType | undefined): boolean {
  return type === 'integer' || type === 'number';
}

export function pct(share: number): string {
  return activeFormats().percent(share, share > 0 && share < 0.001 ? 2 : 1);
}

/*
 * Display numbers (profile statistics, outcome tables and captions), one format everywhere and the same as the
 * packaged report: thousands separators, two decimals for amounts and averages, whole numbers for counts, one
 * decimal for percentages. Not for the data table's cells, which show stored values at full precision (formatCell).
 */
/** A number with thousands separators and exactly `digits` decimals ("-115,364.7"); '–' when not finite. */
export function fmtNumber(x: number | null | undefined, digits: number): string {
  return activeFormats().number(x, digits);
}

/** An amount or an average: two decimals with separators ("68,580.37"); tiny non-zero values keep two significant digits ("0.0031"). */
export function fmtAmount(x: number | null | undefined): string {
  return activeFormats().amount(x);
}

/** A count: a whole number with separators ("14,963"), rounded when a model predicts a fractional one. */
export function fmtCount(x: number | null | undefined): string {
  return activeFormats().count(x);
}

/** A share (0–1) as a percentage with one decimal ("69.6%"). */
export function fmtPercent(share: number | null | undefined): string {
  return activeFormats().percent(share);
}

/**
 * A profile statistic of a column: counts-like values of an integer column as whole numbers, other numbers
 * as amounts (two decimals); dates, text and missing values as the table shows them.
 */
export function fmtStat(v: Cell, type: ColumnType, kind: 'value' | 'average' = 'value'): string {
  if (typeof v !== 'number' || type === 'boolean' || !isNumericType(type)) return formatCell(v, type);
  return kind === 'value' && type === 'integer' && Number.isInteger(v) ? fmtCount(v) : fmtAmount(v);
}
