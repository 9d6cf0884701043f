import type { ColumnType } from '../../../shared/types/columns';
import { daysToIso } from '../../../shared/rules/dates';
import { messageLocale, msg } from '../../../shared/i18n/current';
import { formats, type Formats } from '../../../shared/i18n/format';

/**
 * Number formats of the packaged report, in one place so every section reads the same: in the report's
 * language (the message language while it is built, see build.ts), thousands separators, two decimals for
 * averages and amounts, one decimal for percentages, calendar dates and differences between dates in days.
 */

/** The report language's formats (numbers, percentages, dates). */
export function rfmt(): Formats {
  return formats(messageLocale());
}

/** A number with thousands separators and exactly `digits` decimals ("68,580.37", "68 580,37"). */
export function fmtNumber(x: number, digits = 2): string {
  return rfmt().number(x, digits);
}

/** A share (0–1) as a percentage with one decimal ("75.0%", "75,0 %"). */
export function fmtPercent(share: number): string {
  return rfmt().percent(share);
}

/**
 * A calendar date (ISO) as the report's reader writes it. English reports keep ISO dates (unambiguous for an
 * international reader, and what the report always printed); Polish "07.07.2022", French "07/07/2022",
 * Chinese "2022年7月7日". Anything that is not an ISO date is returned as it is.
 */
export function reportDate(iso: string): string {
  return messageLocale() === 'en' ? iso : rfmt().date(iso);
}

/** Days since 1970-01-01 (how the mirror holds dates) as a date, to the nearest day. */
export function fmtDayNumber(days: number): string {
  return Number.isFinite(days) ? reportDate(daysToIso(Math.round(days))) : '–';
}

/** A signed difference in days between two dates: "12 days later", "1 day earlier", "same day". */
export function fmtDayDifference(days: number): string {
  if (!Number.isFinite(days)) return '–';
  const d = Math.round(days);
  if (d === 0) return msg('report.format.sameDay');
  return msg(d > 0 ? 'report.format.daysLater' : 'report.format.daysEarlier', { count: Math.abs(d) });
}

/**
 * A column's average as the reader thinks of it: the share of yes for a yes/no column (the mean of 0/1),
 * the average date for a date (from days since epoch), the mean with two decimals otherwise.
 */
export function fmtAverage(value: number, type: ColumnType): string {
  if (type === 'boolean') return msg('report.format.shareYes', { share: fmtPercent(value) });
  if (type === 'date' || type === 'datetime') return msg('report.format.mean', { value: fmtDayNumber(value) });
  return msg('report.format.mean', { value: fmtNumber(value) });
}

/** How an effect size is named in the report's tables. */
export function effectLabel(kind: 'cohen_d' | 'cohen_h' | 'cramers_v'): string {
  return kind === 'cohen_d' ? msg('report.format.cohenD') : kind === 'cohen_h' ? msg('report.format.cohenH') : msg('report.format.cramersV');
}
