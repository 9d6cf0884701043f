import { intlTag, type UiLocale } from './locales';

/**
 * Numbers, percentages and dates as a reader of `locale` writes them: decimal comma and spaced thousands in
 * Polish and French, dd.mm.yyyy in Polish, yyyy年m月d日 in Chinese. One set of rules for the app and the report;
 * exports keep machine formats (they are read by programs).
 */
export interface Formats {
  /** Thousands separators and exactly `digits` decimals; '–' when not finite. */
  number(x: number | null | undefined, digits: number): string;
  /** An amount or an average: two decimals; tiny non-zero values keep two significant digits. */
  amount(x: number | null | undefined): string;
  /** A whole number with separators (rounded when a model predicts a fractional one). */
  count(x: number | null | undefined): string;
  /** A share (0–1) as a percentage with one decimal ("69.6%", "69,6%"). */
  percent(share: number | null | undefined, digits?: number): string;
  /** A stored value at full precision (up to six decimals). */
  plain(x: number): string;
  /** An ISO date ("2026-12-05" or a datetime) in the reader's way; anything else is returned as it is. */
  date(iso: string | null | undefined): string;
}

const DATE_OPTIONS: Record<string, Intl.DateTimeFormatOptions> = {
  en: { year: 'numeric', month: 'short', day: 'numeric' },
  pl: { year: 'numeric', month: '2-digit', day: '2-digit' },
  fr: { year: 'numeric', month: '2-digit', day: '2-digit' },
  'zh-CN': { year: 'numeric', month: 'long', day: 'numeric' },
};

const made = new Map<string, Formats>();

export function formats(locale: UiLocale): Formats {
  const tag = intlTag(locale);
  let f = made.get(tag);
  if (f) return f;
  const fixed = new Map<number, Intl.NumberFormat>();
  const fixedFormat = (digits: number): Intl.NumberFormat => {
    let nf = fixed.get(digits);
    if (!nf) fixed.set(digits, (nf = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
    return nf;
  };
  const small = new Intl.NumberFormat(tag, { maximumSignificantDigits: 2 });
  const plain = new Intl.NumberFormat(tag, { maximumFractionDigits: 6 });
  const pct = new Map<number, Intl.NumberFormat>();
  // Dates are calendar dates: formatted in UTC so no time zone moves them a day.
  const dateFormat = new Intl.DateTimeFormat(tag, { ...(DATE_OPTIONS[tag] ?? DATE_OPTIONS.en), timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { ...(DATE_OPTIONS[tag] ?? DATE_OPTIONS.en), hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const finite = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);
  f = {
    number: (x, digits) => (finite(x) ? fixedFormat(digits).format(x) : '–'),
    amount: (x) => (!finite(x) ? '–' : x !== 0 && Math.abs(x) < 0.005 ? small.format(x) : fixedFormat(2).format(x)),
    count: (x) => (finite(x) ? fixedFormat(0).format(Math.round(x)) : '–'),
    percent: (share, digits = 1) => {
      if (!finite(share)) return '–';
      let pf = pct.get(digits);
      if (!pf) pct.set(digits, (pf = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })));
      return pf.format(share);
    },
    plain: (x) => plain.format(x),
    date: (iso) => {
      if (!iso) return '–';
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
      if (!m) return iso;
      const [, y, mo, d, h, mi, s] = m;
      const when = new Date(Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0));
      if (Number.isNaN(when.getTime())) return iso;
      return h ? dateTimeFormat.format(when) : dateFormat.format(when);
    },
  };
  made.set(tag, f);
  return f;
}
