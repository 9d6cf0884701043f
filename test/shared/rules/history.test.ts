import { describe, expect, it } from 'vitest';
import { describeRule, historyWindow, MAX_DEPTH, RuleSchema, validateRule, type RuleNode } from '../../../shared/rules';

const h = (x: Record<string, unknown>): RuleNode => ({ history: { transactions: 'orders', ...x } }) as RuleNode;

describe('order-history conditions in shared/rules', () => {
  it('read as plain language', () => {
    expect(describeRule(h({ measure: 'count', within_last: { amount: 90, unit: 'days' }, op: 'gte', value: 3 }))).toBe('at least 3 orders in the last 90 days');
    expect(describeRule(h({ measure: 'count', within_last: { amount: 180, unit: 'days' }, op: 'eq', value: 0 }))).toBe('no order in the last 180 days');
    expect(describeRule(h({ measure: 'count', within_last: { amount: 180, unit: 'days' }, op: 'lt', value: 1 }))).toBe('no order in the last 180 days');
    expect(describeRule(h({ measure: 'count', where: { field: 'category', op: 'eq', value: 'Wine' }, between: ['2024-01-01', '2024-12-31'], op: 'gte', value: 2 }))).toBe(
      'bought category Wine at least twice between 2024-01-01 and 2024-12-31',
    );
    expect(describeRule(h({ measure: 'count', where: { field: 'category', op: 'eq', value: 'Wine' }, op: 'eq', value: 0 }))).toBe('never bought category Wine');
    expect(describeRule(h({ measure: 'sum', within_last: { amount: 12, unit: 'months' }, op: 'gt', value: 500 }))).toBe('spent more than 500 in the last 12 months');
    expect(describeRule(h({ measure: 'avg', op: 'between', value: [20, 50] }))).toBe('average order value between 20 and 50 (customers without orders have none)');
    expect(describeRule(h({ measure: 'distinct', of: 'product_id', within_last: { amount: 1, unit: 'years' }, op: 'gte', value: 5 }))).toBe('at least 5 different product id in the last 1 year');
    expect(describeRule({ all: [h({ measure: 'count', op: 'gte', value: 1 }), { field: 'country', op: 'eq', value: 'Germany' }] })).toBe('at least 1 order and country is Germany');
  });

  it('are checked by the one schema', () => {
    const issues = (x: Record<string, unknown>) => {
      const r = validateRule(h(x), []);
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(issues({ measure: 'count', op: 'gte', value: 1 })).toEqual([]);
    expect(issues({ measure: 'median', op: 'gte', value: 1 }).join()).toMatch(/measure/);
    expect(issues({ measure: 'count', op: 'gte', value: [1, 2] }).join()).toMatch(/takes \[low, high\]/);
    expect(issues({ measure: 'count', op: 'between', value: [3, 2] }).join()).toMatch(/3 is more than 2/);
    expect(issues({ measure: 'count', op: 'gte', value: 1, between: ['2024-05-01', '2024-01-01'] }).join()).toMatch(/2024-05-01 is after 2024-01-01/);
    expect(issues({ measure: 'count', op: 'gte', value: 1, within_last: { amount: -1, unit: 'days' } }).length).toBeGreaterThan(0);
    expect(issues({ measure: 'count', op: 'gte', value: 1, extra: 1 }).length).toBeGreaterThan(0);
  });

  it('count their line filter in the nesting limit', () => {
    let where: RuleNode = { field: 'x', op: 'eq', value: 1 };
    for (let i = 0; i < MAX_DEPTH + 5; i++) where = { not: where };
    const r = RuleSchema.safeParse(h({ measure: 'count', where, op: 'gte', value: 1 }));
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/history\.where.*nested more than/);
  });

  it('count days up to the as-of date, never after it', () => {
    expect(historyWindow({ within_last: { amount: 3, unit: 'months' } }, '2024-05-31')).toEqual({ from: '2024-02-29', to: '2024-05-31' });
    expect(historyWindow({ between: ['2024-01-01', '2024-12-31'] }, '2024-06-30')).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(historyWindow({}, '2024-06-30')).toEqual({ from: null, to: '2024-06-30' });
  });
});
