import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

describe('exports and outcomes read customer-view columns (demo)', () => {
  it('export --columns total_spend,p_alive,rfm_segment writes the view values of each exported customer; response --by rfm_segment groups by the view; the fairness audit reads rules on view fields', async () => {
    const { engine, api, dir, file } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' })).status.state).toBe('done');
    await api.rfm.compute({ transactions: 'orders' });
    expect((await runJob(engine, api, 'clv', { transactions: 'orders' })).status.state).toBe('done');
    await api.segments.save({ dataset: 'customers', name: 'germany', rule: { field: 'country', op: 'eq', value: 'Germany' } });
    const out = path.join(dir, 'germany.csv');
    const ex = await runJob(engine, api, 'export', {
      dataset: 'customers',
      source: { kind: 'segment', name: 'germany' },
      columns: ['customer_id', 'total_spend', 'p_alive', 'country', 'rfm_segment'],
      out,
    });
    expect(ex.status.error).toBeUndefined();
    expect(ex.result.columns).toEqual(['customer_id', 'total_spend', 'p_alive', 'country', 'rfm_segment']);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const db = new Database(file, { readonly: true });
    // Independent: consenting customers of Germany, one per ID, their values straight from the view.
    const want = db
      .prepare("SELECT customer_id, total_spend, p_alive, rfm_segment FROM c360_customers WHERE country = 'Germany' AND marketing_consent = 1 ORDER BY customer_id")
      .all() as { customer_id: string; total_spend: number; p_alive: number | null; rfm_segment: string | null }[];
    expect(parsed.length).toBe(want.length);
    expect(ex.result.rows).toBe(want.length);
    const got = new Map(parsed.map((r) => [r.customer_id, r]));
    for (const w of want) {
      const g = got.get(w.customer_id)!;
      expect(g, w.customer_id).toBeDefined();
      expect(Number(g.total_spend)).toBeCloseTo(w.total_spend, 6);
      if (w.p_alive === null) expect(g.p_alive).toBe('');
      else expect(Number(g.p_alive)).toBeCloseTo(w.p_alive, 9);
      expect(g.rfm_segment).toBe(w.rfm_segment ?? '');
      expect(g.country).toBe('Germany');
    }
    // The export picker offers every view column the file does not have, unticked, in the view's order.
    const picker = await api.exports.columns({ dataset: 'customers' });
    const own = new Set((db.prepare("SELECT name FROM pragma_table_info((SELECT table_name FROM dataset_versions WHERE dataset = 'customers' ORDER BY version DESC LIMIT 1))").pluck().all() as string[]));
    const viewOnly = (db.prepare("SELECT name FROM pragma_table_info('c360_customers')").pluck().all() as string[]).filter((n) => !own.has(n));
    expect(viewOnly).toEqual(expect.arrayContaining(['total_spend', 'p_alive', 'rfm_segment']));
    const offered = picker.columns.filter((c) => !own.has(c.name));
    expect(offered.map((c) => c.name)).toEqual(viewOnly);
    expect(offered.every((c) => !c.selected && !c.pii)).toBe(true);
    // Default columns are unchanged (the file's non-PII columns only).
    const plain = await runJob(engine, api, 'export', { dataset: 'customers', source: { kind: 'segment', name: 'germany' }, out: path.join(dir, 'plain.csv') });
    expect(plain.result.columns).not.toContain('total_spend');

    const resp = await api.outcomes.response({ dataset: 'customers', outcome: 'marketing_consent', positive: 'true', grouping: { by: 'rfm_segment' } });
    // Each customer once, by the latest row: the customer view holds exactly those rows.
    const t = db
      .prepare("SELECT coalesce(rfm_segment, '(missing)') AS g, count(marketing_consent) AS n, sum(marketing_consent) AS pos FROM c360_customers GROUP BY 1")
      .all() as { g: string; n: number; pos: number }[];
    expect(resp.groups.length).toBe(t.length);
    for (const row of t) {
      const g = resp.groups.find((x) => x.group === row.g)!;
      expect(g, row.g).toBeDefined();
      expect([g.n, g.positives]).toEqual([row.n, row.pos]);
    }
    // The fairness audit of a segment defined on customer-view fields selects the same customers as SQL over the view.
    const rule = { all: [{ field: 'p_alive', op: 'gt', value: 0.5 }, { field: 'rfm_segment', op: 'eq', value: 'Champions' }] };
    const audit = await api.fairness.audit({ dataset: 'customers', rule });
    expect(audit.selected).toBe(db.prepare("SELECT count(*) FROM c360_customers WHERE p_alive > 0.5 AND rfm_segment = 'Champions'").pluck().get());
    expect(audit.selected).toBeGreaterThan(0);
    db.close();
  }, 180_000);
});
