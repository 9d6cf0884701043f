import type { ColumnType } from '../../../shared/types/columns';
import { daysToIso } from '../../../shared/rules/dates';

/**
 * Number formats of the packaged report, in one place so every section reads the same:
 * thousands separators, two decimals for averages and amounts, one decimal for percentages,
 * dates as ISO calendar dates and differences between dates in days.
 */

/** A number with thousands separators and exactly `digits` decimals ("68,580.37"). */
export function fmtNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '–';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A share (0–1) as a percentage with one decimal ("75.0%"). */
export function fmtPercent(share: number): string {
  return Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : '–';
}

/** Days since 1970-01-01 (how the mirror holds dates) as an ISO date, to the nearest day. */
export function fmtDayNumber(days: number): string {
  return Number.isFinite(days) ? daysToIso(Math.round(days)) : '–';
}

/** A signed difference in days between two dates: "12 days later", "1 day earlier", "same day". */
export function fmtDayDifference(days: number): string {
  if (!Number.isFinite(days)) return '–';
  const d = Math.round(days);
  if (d === 0) return 'same day';
  const a = Math.abs(d);
  return `${a.toLocaleString('en-US')} day${a === 1 ? '' : 's'} ${d > 0 ? 'later' : 'earlier'}`;
}

/**
 * A column's average as the reader thinks of it: the share of yes for a yes/no column (the mean of 0/1),
 * the average date for a date (from days since epoch), the mean with two decimals otherwise.
 */
export function fmtAverage(value: number, type: ColumnType): string {
  if (type === 'boolean') return `${fmtPercent(value)} yes`;
  if (type === 'date' || type === 'datetime') return `mean ${fmtDayNumber(value)}`;
  return `mean ${fmtNumber(value)}`;
}

/** How an effect size is named in the report's tables. */
export function effectLabel(kind: 'cohen_d' | 'cohen_h' | 'cramers_v'): string {
  return kind === 'cohen_d' ? "Cohen's d" : kind === 'cohen_h' ? "Cohen's h" : "Cramér's V";
}
