import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { wilsonInterval } from '../../../electron/engine/outcomes/proportions';

/**
 * A campaign-responses file linked to customers by ID (customer, campaign, sent date,
 * responded yes/no, revenue): each row is one customer × campaign; groups come from the
 * file itself (campaign), from the linked customers (region), or from saved segments.
 */
describe('response analysis of a campaign-responses file', () => {
  it('groups responses by their own column, a linked customer column and saved segments', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const customers = ['customer_id,region'];
    const responses = ['customer_id,campaign,sent_date,responded,revenue'];
    const truth = new Map<string, { n: number; pos: number }>();
    const count = (k: string, pos: boolean) => {
      const c = truth.get(k) ?? { n: 0, pos: 0 };
      c.n++;
      c.pos += pos ? 1 : 0;
      truth.set(k, c);
    };
    for (let i = 1; i <= 300; i++) {
      const id = `C${String(i).padStart(4, '0')}`;
      const region = i % 3 === 0 ? 'north' : 'south';
      customers.push(`${id},${region}`);
      for (const [k, campaign] of ['spring', 'autumn'].entries()) {
        const pos = (i * 7 + k * 3) % 10 < (region === 'north' ? 4 : 2);
        responses.push(`${id},${campaign},2025-0${3 + 6 * k}-01,${pos ? 'yes' : 'no'},${pos ? (10 + (i % 5)).toFixed(2) : '0'}`);
        count(`campaign:${campaign}`, pos);
        count(`region:${region}`, pos);
      }
    }
    fs.writeFileSync(path.join(dir, 'customers.csv'), `${customers.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'responses.csv'), `${responses.join('\n')}\n`);
    expect((await runJob(engine, api, 'import', { path: path.join(dir, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
    const imp = await runJob(engine, api, 'import', {
      path: path.join(dir, 'responses.csv'),
      name: 'responses',
      as: 'transactions',
      link: 'customers',
      transactionColumns: { customer: 'customer_id', date: 'sent_date' },
    });
    expect(imp.status.error).toBeUndefined();

    const byCampaign = await api.outcomes.response({ dataset: 'responses', outcome: 'responded', revenue: 'revenue', grouping: { by: 'campaign' } });
    expect(byCampaign.base.n).toBe(600);
    for (const g of byCampaign.groups) {
      const t = truth.get(`campaign:${g.group}`)!;
      expect([g.n, g.positives]).toEqual([t.n, t.pos]);
      expect(g.ciLow).toBeCloseTo(wilsonInterval(t.pos, t.n).low, 12);
      expect(g.revenuePerCustomer).toBeGreaterThan(0);
    }

    const byRegion = await api.outcomes.response({ dataset: 'responses', outcome: 'responded', grouping: { by: 'region' } });
    expect(byRegion.groups.map((g) => g.group)).toEqual(['north', 'south']);
    for (const g of byRegion.groups) expect([g.n, g.positives]).toEqual([truth.get(`region:${g.group}`)!.n, truth.get(`region:${g.group}`)!.pos]);

    await api.segments.save({ dataset: 'customers', name: 'north', rule: { field: 'region', op: 'eq', value: 'north' } });
    const bySegment = await api.outcomes.response({ dataset: 'responses', outcome: 'responded', grouping: { segments: ['north'] } });
    expect([bySegment.groups[0].n, bySegment.groups[0].positives]).toEqual([truth.get('region:north')!.n, truth.get('region:north')!.pos]);
    engine.close();
  }, 60_000);
});
