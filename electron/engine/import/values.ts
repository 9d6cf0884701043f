/**
 * Cell converters: raw text → stored value. These run once per cell of every import
 * (tens of millions of calls for a large file), so they are hand-written regex/char code
 * checks rather than a general parsing library; the import benchmark covers them.
 */

export type Decimal = '.' | ',';
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** Returned by a converter when the text does not fit the column's type. */
export const BAD: unique symbol = Symbol('bad');
export type Converted = string | number | null | typeof BAD;

const INT_RE = /^[-+]?\d+$/;
const DOT_NUM_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DOT_GROUPED_RE = /^[-+]?\d{1,3}([, \u00a0\u202f]\d{3})+(\.\d+)?$/;
const COMMA_NUM_RE = /^[-+]?(\d+,?\d*|,\d+)$/;
const COMMA_GROUPED_RE = /^[-+]?\d{1,3}([. \u00a0\u202f']\d{3})+(,\d+)?$/;
const GROUP_CHARS_RE = /[, .\u00a0\u202f']/g;

/** An integer written without leading zeros (leading zeros mean an identifier: keep as text). */
export function isPlainInteger(s: string): boolean {
  if (!INT_RE.test(s)) return false;
  const digits = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? s.slice(1) : s;
  return (digits.length === 1 || digits.charCodeAt(0) !== 48) && digits.length <= 15;
}

export function hasLeadingZero(s: string): boolean {
  return s.length > 1 && s.charCodeAt(0) === 48 && s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57;
}

/** Digits with at most one '.', optionally signed: the common case, checked without a regex (import hot path). */
function plainDotDecimal(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) i++;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** Parse a number written with the given decimal mark, with optional thousands grouping; NaN when it is not one. */
export function parseNumber(s: string, decimal: Decimal): number {
  if (decimal === '.') {
    if (plainDotDecimal(s) || DOT_NUM_RE.test(s)) return Number(s);
    if (DOT_GROUPED_RE.test(s)) {
      const [int, frac] = s.split('.');
      return Number(int.replace(GROUP_CHARS_RE, '') + (frac !== undefined ? `.${frac}` : ''));
    }
    return NaN;
  }
  if (COMMA_NUM_RE.test(s)) return Number(s.replace(',', '.'));
  if (COMMA_GROUPED_RE.test(s)) {
    const [int, frac] = s.split(',');
    return Number(int.replace(GROUP_CHARS_RE, '') + (frac !== undefined ? `.${frac}` : ''));
  }
  return NaN;
}

const TRUE_WORDS = ['true', 'yes', 'y', 't', '1', 'tak', 'prawda', 'oui', 'vrai', 'ja', 'wahr', 'si', 'sí', 'verdadero'];
const FALSE_WORDS = ['false', 'no', 'n', 'f', '0', 'nie', 'fałsz', 'falsz', 'non', 'faux', 'nein', 'falsch', 'falso'];
const BOOLS = new Map<string, number>([...TRUE_WORDS.map((w) => [w, 1] as const), ...FALSE_WORDS.map((w) => [w, 0] as const)]);

/** 1, 0, or undefined when the word is not a boolean in any of the supported languages. */
export function parseBoolean(s: string): number | undefined {
  return BOOLS.get(s.length <= 10 ? s.toLowerCase() : '');
}

const ISO_DATE_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DMY_RE = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const ISO_DT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return y >= 1000 && y <= 9999;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function iso(y: number, m: number, d: number): string | null {
  return validDate(y, m, d) ? `${y}-${p2(m)}-${p2(d)}` : null;
}

function fullYear(y: string): number {
  const n = Number(y);
  // Two-digit years: 00-69 → 2000s, 70-99 → 1900s (the POSIX strptime pivot).
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** Already yyyy-mm-dd and valid: returned as is, without allocating (the common case in exports). */
function isoAsIs(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (const i of ISO_DIGITS) {
    const d = digit(s, i);
    if (d < 0 || d > 9) return false;
  }
  return validDate(digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3), digit(s, 5) * 10 + digit(s, 6), digit(s, 8) * 10 + digit(s, 9));
}

/** ISO yyyy-mm-dd for a date in the given order, or null. */
export function parseDate(s: string, order: DateOrder): string | null {
  if (isoAsIs(s)) return s;
  if (isCompactDate(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  let m = ISO_DATE_RE.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (order === 'ymd') return null;
  m = DMY_RE.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const y = fullYear(m[4]);
  return order === 'dmy' ? iso(y, b, a) : iso(y, a, b);
}

/** ISO yyyy-mm-ddThh:mm:ss for a date-time (offsets converted to UTC), or null. */
export function parseDateTime(s: string, order: DateOrder): string | null {
  const m = ISO_DT_RE.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, zone] = m;
    if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) return null;
    if (!zone) return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}`;
    const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 19);
  }
  const sp = s.indexOf(' ');
  if (sp < 0) {
    const d = parseDate(s, order);
    return d === null ? null : `${d}T00:00:00`;
  }
  const date = parseDate(s.slice(0, sp), order);
  const t = TIME_RE.exec(s.slice(sp + 1).trim());
  if (date === null || !t || Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3] ?? 0) > 59) return null;
  return `${date}T${p2(Number(t[1]))}:${t[2]}:${t[3] ?? '00'}`;
}

/** What the first two numbers of a d/m/y-like date tell about the order: 'dmy', 'mdy', or null when both fit. */
export function dateOrderEvidence(s: string): 'dmy' | 'mdy' | 'none' | null {
  const datePart = s.includes(' ') ? s.slice(0, s.indexOf(' ')) : s;
  const m = DMY_RE.exec(datePart);
  if (!m) return 'none';
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return null;
}

/** yyyymmdd with a valid date between 1900 and 2099 (logs and mainframe exports write dates so). */
export function isCompactDate(s: string): boolean {
  if (s.length !== 8 || !/^(19|20)\d{6}$/.test(s)) return false;
  return validDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

export function looksLikeDate(s: string): boolean {
  return ISO_DATE_RE.test(s) || DMY_RE.test(s);
}

export function looksLikeDateTime(s: string): boolean {
  if (ISO_DT_RE.test(s)) return true;
  const sp = s.indexOf(' ');
  return sp > 0 && looksLikeDate(s.slice(0, sp)) && TIME_RE.test(s.slice(sp + 1).trim());
}
