import { compileSql } from '../../../electron/engine/segments/sql';
import { checkRule, expandRule, sqlEnv } from '../../../electron/engine/segments/resolve';
import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { customerDataSets } from '../../helpers/data';
import { sharedData } from '../../helpers/tmp';
import { openWorkspaceDb } from '../../../electron/engine/db/open';

const bank = sharedData('bank-full.csv');

describe.skipIf(!bank)('response analysis on bank-full.csv (skipped: ../shared/data/bank-full.csv absent)', () => {
  it('rates, Wilson intervals and lifts by job match an independent computation', async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: bank!, name: 'bank' });
    expect(imp.status.state).toBe('done');
    const res = await api.outcomes.response({ dataset: 'bank', outcome: 'y', grouping: { by: 'job' } });

    // Independent: parse the file ourselves and compute every number from the counts.
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(bank!, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true });
    const counts = new Map<string, { n: number; pos: number }>();
    let pos = 0;
    for (const row of parsed.data) {
      const c = counts.get(row.job) ?? { n: 0, pos: 0 };
      c.n++;
      if (row.y === 'yes') {
        c.pos++;
        pos++;
      }
      counts.set(row.job, c);
    }
    const N = parsed.data.length;
    // The import stores yes/no columns as booleans.
    expect(res.positive).toBe('true');
    expect(res.base).toEqual({ n: N, positives: pos, rate: pos / N });
    expect(pos).toBe(5289);
    expect(res.groups.length).toBe(counts.size);
    const z = 1.959963984540054;
    for (const g of res.groups) {
      const c = counts.get(g.group)!;
      expect(g.n).toBe(c.n);
      expect(g.positives).toBe(c.pos);
      const p = c.pos / c.n;
      expect(g.rate).toBeCloseTo(p, 12);
      // Wilson (1927) in its textbook form.
      const centre = (p + (z * z) / (2 * c.n)) / (1 + (z * z) / c.n);
      const half = ((z / (1 + (z * z) / c.n)) * Math.sqrt((p * (1 - p)) / c.n + (z * z) / (4 * c.n * c.n)));
      expect(g.ciLow).toBeCloseTo(centre - half, 10);
      expect(g.ciHigh).toBeCloseTo(centre + half, 10);
      expect(g.lift!).toBeCloseTo(p / (pos / N), 10);
      expect(g.pValue).toBeGreaterThanOrEqual(0);
      expect(g.pValue).toBeLessThanOrEqual(1);
    }
    // Sorted by lift; students and retirees respond best in this data set.
    const lifts = res.groups.map((g) => g.lift!);
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
    expect(res.groups[0].group).toBe('student');
    expect(res.note).toContain('12 groups');
    engine.close();
  }, 120_000);

  it('rejects an outcome column that is not binary, naming the column', async () => {
    const { engine, api } = await engineWithWorkspace();
    await runJob(engine, api, 'import', { path: bank!, name: 'bank' });
    await expect(api.outcomes.response({ dataset: 'bank', outcome: 'job', grouping: { by: 'marital' } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(api.outcomes.response({ dataset: 'bank', outcome: 'y', positive: 'maybe', grouping: { by: 'marital' } })).rejects.toThrow(/no value "maybe"/);
    engine.close();
  }, 120_000);
});

describe.each(customerDataSets())('CLV job on the orders of $label', ({ customers, orders }) => {
  it('fits, stores per-customer results as view clv_orders, and is sane', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    if (customers) expect((await runJob(engine, api, 'import', { path: customers, name: 'customers' })).status.state).toBe('done');
    const imp = await runJob(engine, api, 'import', { path: orders, name: 'orders', as: 'transactions', ...(customers ? { link: 'customers' } : {}) });
    expect(imp.status.state).toBe('done');
    const { status, result } = await runJob(engine, api, 'clv', { transactions: 'orders', asOf: '2026-06-30', period: 'weeks', horizon: 26 });
    expect(status.error).toBeUndefined();
    expect(status.state).toBe('done');
    expect(result.customers).toBeGreaterThan(1000);
    expect(result.bgnbd.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(result.bgnbd[k]).toBeGreaterThan(0);
    expect(result.gammaGamma).not.toBeNull();
    expect(result.calibration).not.toBeNull();
    expect(result.view).toBe('clv_orders');

    const db = openWorkspaceDb(file, { migrate: false });
    const rows = db.prepare('SELECT id, frequency, recency, T, monetary, p_alive, expected_purchases, expected_spend, clv FROM clv_orders').all() as Record<string, number | string>[];
    db.close();
    expect(rows.length).toBe(result.customers);
    for (const r of rows.slice(0, 2000)) {
      expect(r.p_alive as number).toBeGreaterThanOrEqual(0);
      expect(r.p_alive as number).toBeLessThanOrEqual(1);
      expect(r.recency as number).toBeLessThanOrEqual(r.T as number);
      expect(r.expected_purchases as number).toBeGreaterThanOrEqual(0);
      if (r.clv !== null) expect(r.clv as number).toBeGreaterThanOrEqual(0);
    }
    // Customers who bought often and recently are worth more than one-off buyers.
    const mean = (f: (r: Record<string, number | string>) => boolean) => {
      const s = rows.filter(f);
      return s.reduce((t, r) => t + (r.expected_purchases as number), 0) / s.length;
    };
    expect(mean((r) => (r.frequency as number) >= 5)).toBeGreaterThan(mean((r) => r.frequency === 0));

    const stored = await api.outcomes.clv({ transactions: 'orders' });
    expect(stored?.result.customers).toBe(result.customers);
    expect(stored?.charts.clvHistogram.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    if (customers) {
      // "Create segment: top 20% by CLV" saves a segment of the linked customer dataset.
      const withClv = rows.filter((r) => r.clv !== null).length;
      const top = await api.outcomes.clvSegment({ transactions: 'orders', kind: 'top20' });
      expect(top.dataset).toBe('customers');
      expect(top.size).toBe(Math.ceil(0.2 * withClv));
      const threshold = Math.min(...rows.filter((r) => r.clv !== null).sort((a, b) => (b.clv as number) - (a.clv as number)).slice(0, top.size).map((r) => r.clv as number));
      expect(stored!.charts.clvTop20Threshold).toBeCloseTo(threshold, 6);
      const churned = rows.filter((r) => (r.p_alive as number) < 0.3).length;
      if (churned > 0) expect((await api.outcomes.clvSegment({ transactions: 'orders', kind: 'likelyChurned' })).size).toBe(churned);
      // CLV results are a rule condition like any other: the live count (mirror) and the SQL compiler agree with the view.
      const rule = { all: [{ clv: { field: 'p_alive', op: 'lt', value: 0.5 } }, { clv: { field: 'expected_purchases', op: 'between', value: [0.5, 50] } }] } as const;
      const expected = rows.filter((r) => (r.p_alive as number) < 0.5 && (r.expected_purchases as number) >= 0.5 && (r.expected_purchases as number) <= 50).length;
      const live = await api.segments.count({ dataset: 'customers', rule });
      expect(live.count).toBe(expected);
      expect(live.description).toContain('probability of being active (CLV model) is less than 0.5');
      const ws = engine.ctx.ws();
      const { where, params } = compileSql(expandRule(ws, 'customers', checkRule(ws, 'customers', rule)), sqlEnv(ws, 'customers', ws.asOfDate()));
      const table = ws.db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'customers'").pluck().get() as string;
      expect(ws.db.prepare(`SELECT count(*) FROM "${table}" WHERE ${where}`).pluck().get(...params)).toBe(expected);
      await expect(api.segments.count({ dataset: 'customers', rule: { clv: { field: 'clv', op: 'between', value: 3 } } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    engine.close();
  }, 180_000);

  it('a cancelled fit leaves the workspace as before', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    await runJob(engine, api, 'import', { path: orders, name: 'orders', as: 'transactions' });
    const { jobId } = await api.jobs.start({ kind: 'clv', params: { transactions: 'orders', asOf: '2026-06-30' } });
    const ended = new Promise<string>((resolve) => {
      engine.onEvent((e) => {
        if (e.type === 'job' && e.job.jobId === jobId && e.job.state !== 'running') resolve(e.job.state);
      });
    });
    engine.onEvent((e) => {
      if (e.type === 'job' && e.job.jobId === jobId && e.job.phase === 'fitting BG/NBD') void api.jobs.cancel({ jobId });
    });
    expect(await ended).toBe('cancelled');
    const db = openWorkspaceDb(file, { migrate: false });
    expect((db.prepare('SELECT count(*) AS n FROM clv_scores').get() as { n: number }).n).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'clv_orders'").get()).toBeUndefined();
    db.close();
    engine.close();
  }, 180_000);
});
