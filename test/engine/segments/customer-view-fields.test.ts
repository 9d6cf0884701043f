import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import { compileSql } from '../../../electron/engine/segments/sql';
import { expandRule, sqlEnv } from '../../../electron/engine/segments/resolve';
import { versionTable } from '../../../electron/engine/workspace/catalog';
import { quoteIdent } from '../../../electron/engine/db/open';
import type { RuleNode } from '../../../shared/rules';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { rng } from './fixture';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

/** The demo (customers + linked orders) with an RFM run, a lifetime-value fit and a clustering run. */
async function demo(): Promise<{ engine: Engine; api: Api; file: string; run: number }> {
  const w = await engineWithWorkspace();
  expect((await runJob(w.engine, w.api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
  expect((await runJob(w.engine, w.api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' })).status.state).toBe('done');
  await w.api.rfm.compute({ transactions: 'orders' });
  expect((await runJob(w.engine, w.api, 'clv', { transactions: 'orders' })).status.state).toBe('done');
  const c = await runJob(w.engine, w.api, 'cluster', { dataset: 'customers', features: ['annual_income'], k: 3, seed: 1, stabilityRounds: 0 });
  expect(c.status.state).toBe('done');
  return { ...w, run: c.result.run };
}

type Gen = { rule: RuleNode; sql: string; params: (string | number)[] };

/**
 * Random rules over customer-view fields (and a file column), each with its own SQL written by hand
 * against the view c360_customers: the reference that does not go through the rule compiler.
 */
function generator(db: Database.Database, run: number) {
  const r = rng(7);
  const values = (col: string) => db.prepare(`SELECT DISTINCT ${quoteIdent(col)} FROM c360_customers WHERE ${quoteIdent(col)} IS NOT NULL ORDER BY 1`).pluck().all() as (string | number)[];
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const numbers = ['p_alive', 'predicted_clv', 'total_spend', 'orders_count', 'avg_order_value', 'days_since_last_order', 'tenure_days', 'expected_purchases_365d', 'rfm_r', 'rfm_m', 'annual_income'];
  const cats = ['rfm_segment', `cluster_${run}`, 'country'];
  const dates = ['last_order_date', 'first_order_date', 'expected_next_order_date'];
  const cache = new Map<string, (string | number)[]>();
  const vals = (c: string) => cache.get(c) ?? (cache.set(c, values(c)), cache.get(c)!);
  const leaf = (): Gen => {
    const k = r();
    if (k < 0.45) {
      const f = pick(numbers);
      const v = pick(vals(f)) as number;
      const op = pick(['gt', 'gte', 'lt', 'lte'] as const);
      const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
      return { rule: { field: f, op, value: v }, sql: `(${quoteIdent(f)} IS NOT NULL AND ${quoteIdent(f)} ${sym} ?)`, params: [v] };
    }
    if (k < 0.7) {
      const f = pick(cats);
      const vs = [...new Set([pick(vals(f)), pick(vals(f))])] as string[];
      return { rule: { field: f, op: 'in', value: vs }, sql: `(${quoteIdent(f)} IS NOT NULL AND ${quoteIdent(f)} IN (${vs.map(() => '?').join(', ')}))`, params: vs };
    }
    if (k < 0.8) {
      const f = pick(cats);
      const v = pick(vals(f)) as string;
      return { rule: { field: f, op: 'neq', value: v }, sql: `(${quoteIdent(f)} IS NOT NULL AND ${quoteIdent(f)} <> ?)`, params: [v] };
    }
    if (k < 0.9) {
      const f = pick(dates);
      const v = String(pick(vals(f))).slice(0, 10);
      const op = pick(['before', 'after'] as const);
      return { rule: { field: f, op, value: v }, sql: `(${quoteIdent(f)} IS NOT NULL AND substr(${quoteIdent(f)}, 1, 10) ${op === 'before' ? '<' : '>'} ?)`, params: [v] };
    }
    const f = pick([...numbers, ...dates, 'rfm_segment']);
    const empty = r() < 0.5;
    return { rule: { field: f, op: empty ? 'is_empty' : 'is_not_empty' }, sql: `(${quoteIdent(f)} IS ${empty ? '' : 'NOT '}NULL)`, params: [] };
  };
  const node = (depth: number): Gen => {
    const k = r();
    if (depth >= 2 || k < 0.4) return leaf();
    if (k < 0.55) {
      const g = node(depth + 1);
      return { rule: { not: g.rule }, sql: `(NOT ${g.sql})`, params: g.params };
    }
    const kids = Array.from({ length: 2 + Math.floor(r() * 2) }, () => node(depth + 1));
    const and = k < 0.8;
    return {
      rule: and ? { all: kids.map((x) => x.rule) } : { any: kids.map((x) => x.rule) },
      sql: `(${kids.map((x) => x.sql).join(and ? ' AND ' : ' OR ')})`,
      params: kids.flatMap((x) => x.params),
    };
  };
  return () => node(0);
}

describe('customer-view fields as rule conditions (demo)', () => {
  it('the builder offers them grouped by source, with summaries', async () => {
    const { api, run } = await demo();
    const { fields } = await api.segments.fields({ dataset: 'customers' });
    const source = (n: string) => fields.find((f) => f.name === n)?.source;
    expect(source('country')).toBe('customers');
    expect(source('total_spend')).toBe('orders:orders');
    expect(source('rfm_segment')).toBe('rfm');
    expect(source('p_alive')).toBe('clv');
    expect(source(`cluster_${run}`)).toBe(`cluster:${run}`);
    // The ID is the file's own column, not offered twice.
    expect(fields.filter((f) => f.name === 'customer_id')).toHaveLength(1);
    const seg = fields.find((f) => f.name === 'rfm_segment')!;
    expect(seg.categories.map((c) => c.value)).toContain('Champions');
  }, 120_000);

  it('live counts (mirror), the compiled SQL and saved segments equal a SQL COUNT over c360_customers on 300 random rules', async () => {
    const { engine, api, file, run } = await demo();
    const db = new Database(file, { readonly: true });
    const ws = engine.ctx.ws();
    const gen = generator(db, run);
    const env = sqlEnv(ws, 'customers', ws.meta('as_of') ?? '2025-07-01');
    const table = quoteIdent(versionTable(ws.db, 'customers'));
    let nonTrivial = 0;
    for (let i = 0; i < 300; i++) {
      const g = gen();
      const want = db.prepare(`SELECT count(*) FROM c360_customers WHERE ${g.sql}`).pluck().get(...g.params) as number;
      const live = await api.segments.count({ dataset: 'customers', rule: g.rule });
      expect(live.count, JSON.stringify(g.rule)).toBe(want);
      const c = compileSql(expandRule(ws, 'customers', g.rule), env);
      const viaSql = ws.db.prepare(`SELECT count(DISTINCT ${env.idExpr}) FROM ${table} WHERE ${c.where}`).pluck().get(...c.params) as number;
      expect(viaSql, JSON.stringify(g.rule)).toBe(want);
      if (want > 0 && want < live.total) nonTrivial++;
      if (i % 60 === 0) {
        const saved = await api.segments.save({ dataset: 'customers', name: `s${i}`, rule: g.rule, justification: "differential test" });
        expect(saved.size).toBe(want);
      }
    }
    expect(nonTrivial).toBeGreaterThan(150);
    db.close();
  }, 300_000);

  it('counts follow a new RFM run (no stale derived column)', async () => {
    const { api, file } = await demo();
    const rule = { field: 'rfm_segment', op: 'eq', value: 'Champions' };
    const db = new Database(file, { readonly: true });
    const sql = () => db.prepare("SELECT count(*) FROM c360_customers WHERE rfm_segment = 'Champions'").pluck().get() as number;
    const before = (await api.segments.count({ dataset: 'customers', rule })).count;
    expect(before).toBe(sql());
    await api.rfm.compute({ transactions: 'orders', asOf: '2024-06-30' });
    const after = (await api.segments.count({ dataset: 'customers', rule })).count;
    expect(after).toBe(sql());
    expect(after).not.toBe(before);
    db.close();
  }, 120_000);
});
