import { afterEach, describe, expect, it } from 'vitest';
import { CONVENTIONS, conventions, conventionsText, type ConventionId } from '../../shared/conventions';
import { DEFAULT_RETURNS_POLICY, RETURNS_POLICIES, RETURNS_POLICY_TEXT } from '../../shared/contract/orders';
import { TESTS_HELP } from '../../shared/contract/stats';
import { setMessageLocale, withMessageLocale } from '../../shared/i18n/current';

const ALL = Object.keys(CONVENTIONS) as ConventionId[];

afterEach(() => setMessageLocale('en'));

describe('conventions in the message language', () => {
  it('English keeps the contract\'s returns policies and tests texts word for word', () => {
    const returns = `${RETURNS_POLICIES.map((p) => `${p}${p === DEFAULT_RETURNS_POLICY ? ' (the default)' : ''}: ${RETURNS_POLICY_TEXT[p]}`).join('. ')}.`;
    expect(CONVENTIONS.returns.text).toBe(`One policy for RFM, lifetime value and order history. ${returns}`);
    expect(CONVENTIONS.tests.text).toBe(TESTS_HELP.replace(/^Tests: e/, 'E'));
    expect(CONVENTIONS.orderHistory.text).toContain(`under the ${DEFAULT_RETURNS_POLICY} policy`);
  });

  it('setMessageLocale("pl") gives Polish texts, and English comes back identical', () => {
    const english = conventionsText(ALL);
    expect(english).toMatch(/^As-of date: Dates are measured from an as-of date\./);

    setMessageLocale('pl');
    expect(CONVENTIONS.asOf.title).toBe('Data odniesienia');
    expect(CONVENTIONS.consent.text).toContain('zgody');
    expect(conventions(['tests'])[0].text).toContain('200\u00a0000');
    const polish = conventionsText(ALL);
    expect(polish).not.toBe(english);
    for (const c of conventions(ALL)) expect(c.text).not.toBe(withMessageLocale('en', () => c.text));

    setMessageLocale('en');
    expect(conventionsText(ALL)).toBe(english);
  });

  it('every language has a title and text for every convention, without unfilled placeholders', () => {
    for (const locale of ['en', 'pl', 'fr', 'zh-CN'] as const) {
      withMessageLocale(locale, () => {
        for (const c of conventions(ALL)) {
          expect(c.title.length, locale).toBeGreaterThan(0);
          expect(c.text, locale).not.toMatch(/[{}]/);
        }
      });
    }
  });
});
