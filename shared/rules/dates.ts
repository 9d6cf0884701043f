/** Units of a relative date ("30 days before the as-of date"). */
export const DATE_UNITS = ['days', 'weeks', 'months', 'years'] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date (yyyy-mm-dd), or null when it is not a real calendar date. */
export function isoToDays(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

export function daysToIso(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar date `amount` units before `asOf` (ISO). Months and years move the calendar
 * and clamp to the month's last day (31 March minus one month is 28/29 February), as people
 * count "the last 3 months".
 */
export function shiftBack(asOf: string, amount: number, unit: DateUnit): string {
  const base = isoToDays(asOf);
  if (base === null) throw new Error(`as-of date "${asOf}" is not an ISO date (yyyy-mm-dd)`);
  if (unit === 'days') return daysToIso(base - amount);
  if (unit === 'weeks') return daysToIso(base - 7 * amount);
  const d = new Date(base * DAY_MS);
  const months = unit === 'months' ? amount : amount * 12;
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return daysToIso(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)) / DAY_MS);
}
