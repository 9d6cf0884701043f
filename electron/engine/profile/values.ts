import type { Alert, ColumnProfile } from '../../../shared/contract/ns/profile';
import { normaliseName } from '../import/roles';
import { msg, messageLocale } from '../../../shared/i18n/current';
import { formats } from '../../../shared/i18n/format';
import { mCount, mShare } from './message-values';
import { isListed, rareOf, type Tally } from './tally';

/** Tukey's "far out" fences: beyond the quartiles by more than this many interquartile ranges. */
export const FAR_OUT_IQR = 3;
/** A category value held by fewer than this share of the filled rows is rare … */
export const RARE_SHARE = 0.005;
/** … in a column with at most this many values (more, and it is a label rather than a category). */
const RARE_MAX_DISTINCT = 50;
/** A person older than this at the data's own latest date is implausible. */
export const MAX_AGE = 100;
/** The oldest year any year column can plausibly hold (older, and it is a typo or a placeholder). */
const MIN_YEAR = 1900;

const BIRTH_NAME = /(^|_)(birth|born|dob|geburt|geburtsjahr|urodzenia|urodzony|nacimiento|naissance|nascita|geboorte)/;
const SHOWN = 5;

const num = (x: number, format: ColumnProfile['format']) =>
  format === 'year' || format === 'id'
    ? String(x)
    : messageLocale() === 'en' || messageLocale() === 'en-XA'
      ? x.toLocaleString('en-US', { maximumFractionDigits: 2 })
      : formats(messageLocale()).plain(Math.round(x * 100) / 100);

/** Up to SHOWN distinct values, most extreme first, with "…" when there are more. */
function listValues(values: number[], format: ColumnProfile['format']): string {
  const distinct = [...new Set(values)];
  return distinct.slice(0, SHOWN).map((v) => num(v, format)).join(', ') + (distinct.length > SHOWN ? ', …' : '');
}

/**
 * Value-level alerts of a number column from its sorted non-missing values: implausible years (birth years
 * implying an age over 100 at the data's own latest date, years before 1900 or after that date) and far-out
 * values (Tukey: beyond the quartiles by more than 3 interquartile ranges). PII columns name no values.
 */
export function valueAlerts(p: ColumnProfile, sorted: Float64Array | null, refYear: number): Alert[] {
  if (!sorted || sorted.length < 3 || p.format === 'id' || p.format === 'yes_no') return [];
  const n = sorted.length;
  const show = (v: number[]) => (p.pii ? '' : msg('data.alert.valuesShown', { values: listValues(v, p.format) }));
  if (p.format === 'year') {
    const birth = BIRTH_NAME.test(normaliseName(p.name));
    const low = birth ? refYear - MAX_AGE : MIN_YEAR;
    const bad: number[] = [];
    for (let i = 0; i < n && sorted[i] < low; i++) bad.push(sorted[i]);
    for (let i = n - 1; i >= 0 && sorted[i] > refYear; i--) bad.push(sorted[i]);
    if (!bad.length) return [];
    const rule = birth ? msg('data.alert.birthYearRule', { low: String(low), age: MAX_AGE, year: String(refYear) }) : msg('data.alert.yearRule', { min: String(MIN_YEAR), year: String(refYear) });
    return [{ column: p.name, kind: 'implausible', detail: msg('data.alert.implausible', { count: bad.length, n: mCount(bad.length), shown: show(bad), rule }), value: bad.length }];
  }
  const q = (f: number) => {
    const h = (n - 1) * f;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, n - 1)] - sorted[lo]);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  const iqr = q3 - q1;
  // With no spread between the quartiles every other value would count; the zeros alert covers that shape.
  if (!(iqr > 0)) return [];
  const lowFence = q1 - FAR_OUT_IQR * iqr;
  const highFence = q3 + FAR_OUT_IQR * iqr;
  const high: number[] = [];
  const low: number[] = [];
  for (let i = n - 1; i >= 0 && sorted[i] > highFence; i--) high.push(sorted[i]);
  for (let i = 0; i < n && sorted[i] < lowFence; i++) low.push(sorted[i]);
  const count = high.length + low.length;
  if (!count) return [];
  const share = count / n;
  return [
    {
      column: p.name,
      kind: 'outliers',
      detail: msg('data.alert.outliers', {
        count,
        n: mCount(count),
        share: mShare(share, share < 0.01 ? 2 : 1),
        shown: show([...high, ...low]),
        iqr: FAR_OUT_IQR,
        low: num(lowFence, p.format),
        high: num(highFence, p.format),
      }),
      value: count,
    },
  ];
}

/** Rare values of a category column (held by under 0.5 % of its filled rows): typos, jokes or placeholders such as "YOLO". */
export function rareCategoryAlert(p: ColumnProfile, tally: Tally | null): Alert | null {
  if (!tally || !isListed(tally) || (p.type !== 'text' && p.type !== 'category') || p.pii || p.distinct > RARE_MAX_DISTINCT || p.distinct < 3 || p.count < 1 / RARE_SHARE) return null;
  const limit = p.count * RARE_SHARE;
  const rare = rareOf(tally, limit);
  if (!rare.length) return null;
  const rows = rare.reduce((a, r) => a + r.n, 0);
  const shown = rare.slice(0, SHOWN).map((r) => `"${r.value}" (${mCount(r.n)})`).join(', ') + (rare.length > SHOWN ? ', …' : '');
  return {
    column: p.name,
    kind: 'rare_category',
    detail: msg('data.alert.rare', { count: rare.length, n: mCount(rare.length), shown, share: RARE_SHARE * 100, limit: mCount(Math.ceil(limit)) }),
    value: rows,
  };
}
