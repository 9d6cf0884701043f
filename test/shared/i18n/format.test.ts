import { describe, expect, it } from 'vitest';
import { formats } from '../../../shared/i18n/format';
import { matchLocale } from '../../../shared/i18n/locales';

describe('locale formats', () => {
  it('writes numbers as each language does', () => {
    expect(formats('en').amount(1234567.891)).toBe('1,234,567.89');
    expect(formats('pl').amount(1234567.891)).toBe('1\u00a0234\u00a0567,89');
    expect(formats('fr').amount(1234567.891)).toBe('1\u202f234\u202f567,89');
    expect(formats('zh-CN').amount(1234567.891)).toBe('1,234,567.89');
    expect(formats('pl').percent(0.696)).toBe('69,6%');
    expect(formats('fr').percent(0.696)).toBe('69,6\u00a0%');
    expect(formats('en').count(14962.6)).toBe('14,963');
    expect(formats('en').amount(Number.NaN)).toBe('–');
  });

  it('writes calendar dates as each language does, never a day off', () => {
    expect(formats('pl').date('2026-12-05')).toBe('05.12.2026');
    expect(formats('fr').date('2026-12-05')).toBe('05/12/2026');
    expect(formats('zh-CN').date('2026-12-05')).toBe('2026年12月5日');
    expect(formats('en').date('2026-12-05')).toBe('Dec 5, 2026');
    expect(formats('pl').date('2026-01-01T23:30:00')).toBe('01.01.2026, 23:30');
    expect(formats('pl').date('not a date')).toBe('not a date');
  });

  it('follows the system language to a catalogue it has', () => {
    expect(matchLocale(['pl-PL', 'en'])).toBe('pl');
    expect(matchLocale(['de-DE', 'fr-CA'])).toBe('fr');
    expect(matchLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(matchLocale(['zh_CN'])).toBe('zh-CN');
    expect(matchLocale(['zh-TW', 'en-GB'])).toBe('en');
    expect(matchLocale([null, 'de'])).toBe('en');
  });
});
