import { describe, expect, it } from 'vitest';
import { describeRule, shiftBack, validateRule, type RuleField, type RuleNode } from '../../../shared/rules';

const FIELDS: RuleField[] = [
  { name: 'total_spend', type: 'number' },
  { name: 'lifestyle', type: 'category' },
  { name: 'last_order_date', type: 'date' },
  { name: 'consent', type: 'boolean' },
];

function messages(rule: unknown): string[] {
  const r = validateRule(rule, FIELDS);
  return r.ok ? [] : r.issues.map((i) => i.message);
}

describe('rule validation', () => {
  it('accepts every operator with a fitting value', () => {
    const rule = {
      all: [
        { field: 'total_spend', op: 'between', value: [100, 500] },
        { any: [{ field: 'lifestyle', op: 'in', value: ['eco-conscious', 'premium'] }, { field: 'lifestyle', op: 'starts_with', value: 'eco' }] },
        { not: { field: 'last_order_date', op: 'within_last', value: { amount: 90, unit: 'days' } } },
        { field: 'consent', op: 'is_true' },
        { field: 'lifestyle', op: 'is_empty' },
      ],
    };
    expect(validateRule(rule, FIELDS).ok).toBe(true);
  });

  it('names the place and the problem', () => {
    expect(messages({ all: [{ field: 'spend', op: 'gt', value: 1 }] })).toEqual(['at all[0]: unknown field "spend"']);
    expect(messages({ any: [{ field: 'total_spend', op: 'contains', value: 'x' }] })).toEqual([
      'at any[0]: operator "contains" does not apply to number field "total_spend" (use one of eq, neq, lt, lte, gt, gte, between, is_empty, is_not_empty)',
    ]);
    expect(messages({ field: 'total_spend', op: 'gt', value: '500' })).toEqual(['operator "gt" on "total_spend" needs a number, got "500"']);
    expect(messages({ field: 'total_spend', op: 'between', value: [5, 1] })).toEqual(['"between" on "total_spend": low 5 is above high 1']);
    expect(messages({ field: 'last_order_date', op: 'on', value: '2024-02-30' })).toEqual(['operator "on" on "last_order_date" needs an ISO date (yyyy-mm-dd), got "2024-02-30"']);
    expect(messages({ field: 'last_order_date', op: 'within_last', value: { amount: 3, unit: 'fortnights' } })[0]).toMatch(/needs \{"amount"/);
    expect(messages({ field: 'consent', op: 'is_true', value: 1 })).toEqual(['operator "is_true" takes no value']);
    expect(messages({ field: 'lifestyle', op: 'in', value: [] })).toEqual(['operator "in" on "lifestyle" needs a non-empty list of texts']);
    expect(messages({ all: [{ nonsense: 1 }] })[0]).toMatch(/not a valid rule node/);
    expect(messages('x OR 1=1')[0]).toMatch(/a rule must be an object/);
  });
});

describe('rule description', () => {
  it('reads as plain language with groups in parentheses', () => {
    const rule: RuleNode = {
      all: [
        { field: 'total_spend', op: 'gt', value: 500 },
        { any: [{ field: 'lifestyle', op: 'eq', value: 'eco-conscious' }, { field: 'lifestyle', op: 'eq', value: 'premium' }] },
        { field: 'last_order_date', op: 'within_last', value: { amount: 90, unit: 'days' } },
      ],
    };
    expect(describeRule(rule)).toBe('total spend is more than 500 and (lifestyle is eco-conscious or lifestyle is premium) and last order date is within the last 90 days');
    expect(describeRule({ field: 'lifestyle', op: 'not_in', value: ['a', 'b', 'c'] })).toBe('lifestyle is neither a, b nor c');
    expect(describeRule({ all: [] })).toBe('everyone');
    expect(describeRule({ not: { rfm: 'Lost' } })).toBe('not in RFM segment "Lost"');
  });

  it('counts months and years on the calendar', () => {
    expect(shiftBack('2024-03-31', 1, 'months')).toBe('2024-02-29');
    expect(shiftBack('2024-02-29', 1, 'years')).toBe('2023-02-28');
    expect(shiftBack('2024-01-10', 2, 'weeks')).toBe('2023-12-27');
    expect(shiftBack('2024-01-10', 90, 'days')).toBe('2023-10-12');
  });
});
