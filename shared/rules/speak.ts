import type { MessageId } from '../i18n/catalogue';
import { messageLocale } from '../i18n/current';
import { formats } from '../i18n/format';
import type { UiLocale } from '../i18n/locales';
import { translator, type MessageValues } from '../i18n/translator';

/**
 * What a rule description is written with: one language's messages and its way of writing numbers and
 * dates. English keeps the values exactly as the rule holds them ("1234.5", "2024-01-31"): saved segments,
 * the audit log and the CLI store English descriptions, and they must not change. Other languages write
 * them as their readers do ("1 234,5", "31.01.2024").
 */
export interface Speaker {
  readonly locale: UiLocale;
  t(id: MessageId, values?: MessageValues): string;
  /** A number from a rule. */
  num(x: number): string;
  /** A count the description adds ("8 other values"): grouped as the language groups thousands. */
  count(x: number): string;
  /** An ISO date from a rule (anything else is returned as it is). */
  date(iso: string): string;
  /** A value of any kind: numbers and ISO dates formatted, text as it is. */
  value(v: unknown): string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const made = new Map<UiLocale, Speaker>();

/** The speaker of `locale` (default: the process's message language). */
export function speaker(locale: UiLocale = messageLocale()): Speaker {
  let s = made.get(locale);
  if (s) return s;
  const tr = translator(locale);
  const machine = locale === 'en' || locale === 'en-XA';
  const f = formats(locale);
  const num = (x: number): string => (machine || !Number.isFinite(x) ? String(x) : f.plain(x));
  const date = (iso: string): string => (machine || !ISO_DAY.test(iso) ? iso : f.date(iso));
  s = {
    locale,
    t: tr.t,
    num,
    count: (x) => (machine ? x.toLocaleString('en-US') : f.count(x)),
    date,
    value: (v) => (typeof v === 'number' ? num(v) : typeof v === 'string' ? date(v) : String(v)),
  };
  made.set(locale, s);
  return s;
}

/** "90 days" for a relative date, in the case a language needs after "within the last" (`inLast`) or before "ago". */
export function periodText(s: Speaker, v: { amount: number; unit: string }, context: 'inLast' | 'ago'): string {
  return s.t(context === 'inLast' ? 'rules.period.inLast' : 'rules.period.ago', { unit: v.unit, count: v.amount, n: s.num(v.amount) });
}

/** Joins parts with a connective message ("{left} and {right}"), left to right, so "a and b and c". */
export function joinWith(s: Speaker, id: MessageId, parts: readonly string[]): string {
  return parts.reduce((left, right) => s.t(id, { left, right }));
}
