import { messageLocale } from '../../../shared/i18n/current';
import { formats } from '../../../shared/i18n/format';

/*
 * Numbers, shares and dates inside the engine's messages. English keeps the engine's long-standing text
 * (scripts and tests match it, and the CLI is always English); the app's other languages get their
 * readers' decimal marks, grouping and dates.
 */
const english = () => messageLocale() === 'en' || messageLocale() === 'en-XA';

/** A count: "1234" in English (as always), grouped elsewhere ("1 234"). */
export function mCount(n: number): string {
  return english() ? String(n) : formats(messageLocale()).count(n);
}

/** A count grouped in every language ("2,000", "2 000"). */
export function mCountGrouped(n: number): string {
  return english() ? n.toLocaleString('en-US') : formats(messageLocale()).count(n);
}

/** A share 0–1 as a percentage with `digits` decimals ("17.6%", "17,6 %"). */
export function mShare(x: number, digits: number): string {
  return english() ? `${(100 * x).toFixed(digits)}%` : formats(messageLocale()).percent(x, digits);
}

/** A number with exactly `digits` decimals ("0.93", "0,93"). */
export function mFixed(x: number, digits: number): string {
  return english() ? x.toFixed(digits) : formats(messageLocale()).number(x, digits);
}

/** An ISO date: as stored in English, the reader's date format elsewhere. */
export function mDate(iso: string): string {
  return english() ? iso : formats(messageLocale()).date(iso);
}

/** A percentage already rounded by the caller (12.3 → "12.3%" in English, "12,3 %" in French). */
export function mPercent(pct: number): string {
  return english() ? `${pct}%` : formats(messageLocale()).percent(pct / 100, Number.isInteger(pct) ? 0 : 1);
}
