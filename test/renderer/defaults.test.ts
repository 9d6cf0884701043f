import { describe, expect, it } from 'vitest';
import { defaultGroupBy, groupByChoices, revenueChoices, type RevenueColumn } from '../../renderer/lib/group-by';

/**
 * The marketing file's columns as the import classifies them (type, role, PII, sensitive; constant as
 * clusters.features reports it): test/engine/outcomes/defaults.test.ts and test/e2e/defaults.e2e.ts check the
 * same choices on the real file.
 */
const col = (name: string, type: RevenueColumn['type'], role: RevenueColumn['role'], extra: Partial<RevenueColumn> = {}): RevenueColumn => ({ name, type, role, pii: false, ...extra });
const marketing: RevenueColumn[] = [
  col('ID', 'text', 'id'),
  col('Year_Birth', 'integer', 'demographic', { sensitive: true }),
  col('Education', 'category', 'demographic'),
  col('Marital_Status', 'category', 'demographic', { sensitive: true }),
  col('Income', 'integer', 'demographic', { sensitive: true }),
  col('Kidhome', 'integer', 'demographic'),
  col('Teenhome', 'integer', 'demographic'),
  col('Dt_Customer', 'date', 'behavioural'),
  col('Recency', 'integer', 'behavioural'),
  col('MntWines', 'integer', 'behavioural'),
  col('MntFruits', 'integer', 'behavioural'),
  col('NumWebPurchases', 'integer', 'behavioural'),
  col('AcceptedCmp3', 'boolean', 'behavioural'),
  col('Z_CostContact', 'integer', 'behavioural', { constant: true }),
  col('Z_Revenue', 'integer', 'behavioural', { constant: true }),
  col('Response', 'boolean', 'behavioural'),
];

describe('pickers default to sensible columns (issue #17 item 6)', () => {
  it('revenue: the money spent; never recency, the birth year, children, income, the ID or a constant', () => {
    expect(revenueChoices(marketing)).toEqual(['MntWines', 'MntFruits']);
    // Without money-like names, every behavioural number (still never a demographic, sensitive or constant one).
    expect(revenueChoices(marketing.filter((c) => !c.name.startsWith('Mnt')))).toEqual(['Recency', 'NumWebPurchases']);
  });

  it('revenue on the demo: its only number is income (sensitive), so nothing is offered', () => {
    const demo: RevenueColumn[] = [
      col('customer_id', 'text', 'id'),
      col('email', 'text', 'contact', { pii: true }),
      col('annual_income', 'integer', 'demographic', { sensitive: true }),
      col('total_spend', 'number', 'other', { pii: true }),
    ];
    expect(revenueChoices(demo)).toEqual([]);
  });

  it('compare by: never the ID; the default is a category that is not sensitive', () => {
    const choices = groupByChoices(marketing);
    expect(choices.columns).not.toContain('ID');
    expect(choices.columns).toEqual(['Education', 'AcceptedCmp3', 'Response', 'Marital_Status']);
    expect(defaultGroupBy(choices, 'Response')).toBe('Education');
  });
});
