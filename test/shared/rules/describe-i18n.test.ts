import { afterEach, describe, expect, it } from 'vitest';
import { describeRule, operatorLabel, speaker, validateRule, type RuleNode } from '../../../shared/rules';
import { setMessageLocale } from '../../../shared/i18n/current';

const NBSP = /[\u00a0\u202f]/g;
const rule: RuleNode = {
  all: [
    { field: 'total_spend', op: 'gt', value: 12345.5 },
    { any: [{ field: 'last_order', op: 'before', value: '2024-01-31' }, { field: 'city', op: 'in', value: ['Kraków', 'Łódź', 'Gdańsk'] }] },
    { field: 'last_order', op: 'more_than_ago', value: { amount: 5, unit: 'weeks' } },
  ],
};

describe('rule descriptions in the reader’s language', () => {
  afterEach(() => setMessageLocale('en'));

  it('Polish: whole messages, Polish numbers, dates and plural forms', () => {
    setMessageLocale('pl');
    // Polish groups thousands from five digits on (CLDR): 1234,5 but 12 345,5.
    expect(describeRule(rule).replace(NBSP, ' ')).toBe('total spend to więcej niż 12 345,5 i (last order przed 31.01.2024 lub city to Kraków, Łódź lub Gdańsk) i last order ponad 5 tygodni temu');
    const ago = (amount: number) => describeRule({ field: 'd', op: 'more_than_ago', value: { amount, unit: 'weeks' } });
    expect([1, 2, 5, 22].map(ago)).toEqual(['d ponad 1 tydzień temu', 'd ponad 2 tygodnie temu', 'd ponad 5 tygodni temu', 'd ponad 22 tygodnie temu']);
    const orders = (value: number) => describeRule({ history: { transactions: 'orders', measure: 'count', op: 'gte', value, within_last: { amount: 90, unit: 'days' } } });
    expect([1, 2, 5, 22].map(orders)).toEqual([
      'co najmniej 1 zamówienie w ciągu ostatnich 90 dni',
      'co najmniej 2 zamówienia w ciągu ostatnich 90 dni',
      'co najmniej 5 zamówień w ciągu ostatnich 90 dni',
      'co najmniej 22 zamówienia w ciągu ostatnich 90 dni',
    ]);
    expect(operatorLabel('gte')).toBe('co najmniej');
    const check = validateRule({ all: [{ field: 'nope', op: 'eq', value: 1 }] }, []);
    expect(check.ok ? [] : check.issues.map((i) => i.message)).toEqual(['w all[0]: nieznane pole „nope”']);
  });

  it('an explicit language wins over the process’s, and stored English stays byte-identical', () => {
    setMessageLocale('zh-CN');
    expect(describeRule(rule, 'en')).toBe('total spend is more than 12345.5 and (last order is before 2024-01-31 or city is Kraków, Łódź or Gdańsk) and last order is more than 5 weeks ago');
    expect(describeRule({ any: [{ field: 'a', op: 'gt', value: 1 }, { field: 'b', op: 'is_empty' }] })).toBe('a大于 1或b为空');
    expect(speaker('fr').num(1234.5).replace(NBSP, ' ')).toBe('1 234,5');
  });
});
