/**
 * Small-cell suppression: a count of customers between 1 and `min - 1` could point at
 * individuals, so tables print "< min" instead and charts draw no bar for it. Zero is
 * shown as zero (no one can be identified in an empty group). Anything computed from a
 * suppressed group (a share, a mean) is suppressed with it.
 */
import { rfmt } from './format';

export interface Suppression {
  min: number;
}

export function isSuppressed(count: number, s: Suppression): boolean {
  return count > 0 && count < s.min;
}

/** A count as printed in a report. */
export function fmtCount(count: number, s: Suppression): string {
  return isSuppressed(count, s) ? `< ${s.min}` : rfmt().count(count);
}

/** A statistic of a group (share, mean) as printed: hidden when the group itself is suppressed. */
export function fmtStat(value: number | null, groupSize: number, s: Suppression, digits = 1, suffix = ''): string {
  if (isSuppressed(groupSize, s)) return '–';
  if (value === null || !Number.isFinite(value)) return '–';
  // A percentage is written the reader's way ("12.5%", "12,5 %").
  if (suffix === '%') return rfmt().percent(value / 100, digits);
  return `${rfmt().number(value, digits)}${suffix}`;
}

export function fmtShare(part: number, whole: number, s: Suppression): string {
  if (isSuppressed(part, s) || whole === 0) return '–';
  return rfmt().percent(part / whole);
}
