import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import { suggestFeatures } from '../../../electron/engine/cluster/columns';
import type { ColumnInfo } from '../../../shared/types/columns';
import { engineWithDemoCustomers, runJob } from '../../helpers/engine';


const col = (name: string, type: ColumnInfo['type'], role: ColumnInfo['role'], extra: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name, type, role, pii: false, sensitive: false, sensitiveCategory: null, missing: 0, ...extra,
});

describe('suggested clustering features', () => {
  it('numbers and dates of behaviour, at most two behaviour/lifestyle categories with few values; never sensitive, PII, geography or consent', () => {
    const s = suggestFeatures([
      { col: col('visits', 'integer', 'behavioural'), distinct: null, unusable: null },
      { col: col('last_order', 'date', 'behavioural'), distinct: null, unusable: null },
      { col: col('income', 'number', 'demographic', { sensitive: true, sensitiveCategory: 'financial' }), distinct: null, unusable: null },
      { col: col('plan', 'category', 'behavioural'), distinct: 8, unusable: null },
      { col: col('channel', 'category', 'psychographic'), distinct: 3, unusable: null },
      { col: col('style', 'category', 'psychographic'), distinct: 5, unusable: null },
      { col: col('one_value', 'category', 'psychographic'), distinct: 1, unusable: null },
      { col: col('hobby', 'text', 'psychographic'), distinct: 40, unusable: null },
      { col: col('country', 'category', 'geographic'), distinct: 4, unusable: null },
      { col: col('consent', 'category', 'consent'), distinct: 2, unusable: null },
      { col: col('gender', 'category', 'demographic', { sensitive: true, sensitiveCategory: 'gender' }), distinct: 2, unusable: null },
      { col: col('nick', 'category', 'psychographic', { pii: true }), distinct: 2, unusable: null },
      { col: col('notes', 'text', 'behavioural'), distinct: 900, unusable: '900 distinct values' },
    ]);
    expect([...s].sort()).toEqual(['channel', 'last_order', 'style', 'visits']);
  });

  describe.sequential('on the demo customers', () => {
    let engine: Engine;
    let api: Api;
    beforeAll(async () => {
      ({ engine, api } = await engineWithDemoCustomers());
    });
    afterAll(() => engine.close());

    it('pre-ticks signup_date, lifestyle and preferred_channel, not annual_income, gender, birth_date, country or consent; they cluster', async () => {
      const f = await api.clusters.features({ dataset: 'customers' });
      const suggested = f.filter((c) => c.suggested).map((c) => c.name);
      expect(suggested.sort()).toEqual(['lifestyle', 'preferred_channel', 'signup_date']);
      expect(f.find((c) => c.name === 'annual_income')?.sensitive).toBe(true);
      const r = await runJob(engine, api, 'cluster', { dataset: 'customers', features: suggested, k: 3, seed: 1, stabilityRounds: 0 });
      expect(r.status.error).toBeUndefined();
      expect(r.result.k).toBe(3);
    });
  });
});
