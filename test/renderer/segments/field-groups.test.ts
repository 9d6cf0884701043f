import { describe, expect, it } from 'vitest';
import { fieldGroups, segmentFromOption, segmentGroup, segmentOption } from '../../../renderer/lib/field-groups';
import type { FieldSummary } from '../../../shared/contract/ns/segments';

const f = (name: string, source: string | undefined, role: FieldSummary['role'] = 'behavioural'): FieldSummary => ({
  name,
  type: 'number',
  role,
  sensitive: false,
  missing: 0,
  min: null,
  max: null,
  histogram: [],
  categories: [],
  distinct: 0,
  source,
});

const FIELDS = [
  f('cluster_3', 'cluster:3', 'other'),
  f('p_alive', 'clv'),
  f('country', 'customers', 'geographic'),
  f('annual_income', 'customers', 'demographic'),
  f('total_spend', 'orders:orders'),
  f('rfm_segment', 'rfm'),
  f('spend', 'customers', 'behavioural'),
];

describe('field picker groups', () => {
  it('orders groups by source: customer columns (by role), order history, RFM, lifetime value, clusters', () => {
    const g = fieldGroups(FIELDS, '');
    expect(g.map((x) => x.label)).toEqual(['customer columns', 'order history (orders)', 'RFM', 'lifetime value', 'clusters']);
    expect(g[0].fields.map((x) => x.name)).toEqual(['spend', 'annual_income', 'country']);
  });

  it('search narrows by name or by group label, and keeps the chosen field', () => {
    expect(fieldGroups(FIELDS, 'SPEND').flatMap((x) => x.fields.map((y) => y.name))).toEqual(['spend', 'total_spend']);
    expect(fieldGroups(FIELDS, 'lifetime').flatMap((x) => x.fields.map((y) => y.name))).toEqual(['p_alive']);
    expect(fieldGroups(FIELDS, 'zzz', 'country').flatMap((x) => x.fields.map((y) => y.name))).toEqual(['country']);
  });

  it('a field without a source is a customer column (an older engine)', () => {
    expect(fieldGroups([f('x', undefined)], '')[0].label).toBe('customer columns');
  });

  it('other saved segments come as their own group, searchable, and their options are told apart from columns', () => {
    const segs = [{ name: 'Champions DE', size: 120 }, { name: 'Lapsed', size: 40 }];
    expect(segmentGroup(segs, '')?.label).toBe('other segments');
    expect(segmentGroup(segs, 'champ')?.segments.map((s) => s.name)).toEqual(['Champions DE']);
    // Searching for the group's label lists them all; a query matching nothing keeps only the chosen one.
    expect(segmentGroup(segs, 'other seg')?.segments).toHaveLength(2);
    expect(segmentGroup(segs, 'zzz', segmentOption('Lapsed'))?.segments.map((s) => s.name)).toEqual(['Lapsed']);
    expect(segmentGroup(segs, 'zzz')).toBeNull();
    expect(segmentGroup([], '')).toBeNull();
    expect(segmentFromOption(segmentOption('Lapsed'))).toBe('Lapsed');
    expect(segmentFromOption('Lapsed')).toBeNull();
  });
});
