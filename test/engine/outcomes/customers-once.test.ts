import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const DEMO = path.resolve(__dirname, '../../../assets/demo/customers.csv');

/**
 * Response rates on a customers file count customers, as the column header says: the demo lists 13 customers
 * twice (2,013 rows, 2,000 customers), and each counts once, by the latest row. Checked against the demo file
 * read independently (the last row of each ID, as pandas' drop_duplicates(keep='last') does).
 */
describe('response analysis on a customers file', () => {
  it('counts each customer once, by the latest row, and says how many earlier rows were left out', async () => {
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: DEMO, name: 'customers' })).status.state).toBe('done');
    const { default: fs } = await import('node:fs');
    const lines = fs.readFileSync(DEMO, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const latest = new Map<string, string[]>();
    for (const cells of lines) latest.set(cells[0], cells);
    const byLifestyle = new Map<string, { n: number; pos: number }>();
    for (const cells of latest.values()) {
      const lifestyle = cells[cells.length - 3];
      const g = byLifestyle.get(lifestyle) ?? { n: 0, pos: 0 };
      g.n++;
      g.pos += cells[cells.length - 1] === 'yes' ? 1 : 0;
      byLifestyle.set(lifestyle, g);
    }

    const r = await api.outcomes.response({ dataset: 'customers', outcome: 'last_campaign_response', grouping: { by: 'lifestyle' } });
    expect(r.unit).toBe('customers');
    expect(r.base.n).toBe(latest.size);
    expect(latest.size).toBe(2000);
    expect(r.warnings.join(' ')).toContain('13 earlier rows of customers listed more than once were left out');
    for (const g of r.groups) expect([g.group, g.n, g.positives]).toEqual([g.group, byLifestyle.get(g.group)!.n, byLifestyle.get(g.group)!.pos]);
    // The planted story: premium customers answer far more often than occasional ones.
    const rate = (name: string) => r.groups.find((g) => g.group === name)!.rate;
    expect(rate('premium')).toBeGreaterThan(0.25);
    expect(rate('occasional')).toBeLessThan(0.1);
    expect(r.overall?.p).toBeLessThan(1e-6);
    await api.workspace.close({});
  }, 60_000);
});
