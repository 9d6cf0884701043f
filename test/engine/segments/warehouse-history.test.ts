import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { liveCount } from '../../../electron/engine/segments/live';
import { checkRule } from '../../../electron/engine/segments/resolve';
import { saveSegment } from '../../../electron/engine/segments/store';
import { segmentSql } from '../../../electron/engine/segments/warehouse-sql';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import type { RuleNode, SqlDialect } from '../../../shared/rules';
import { tmpDir } from '../../helpers/tmp';
import { measures, ORDERS, PEOPLE, randomRule, setUp } from './history-fixture';
import { csvOf, duckTableFromCsv, pgCounts, pgMissing, pgTableFromCsv, withTestPostgres } from './warehouse';

/**
 * Order-history conditions printed by `segmentdesk sql --dialect duckdb|postgres`, run on real DuckDB
 * and a real PostgreSQL server holding the same customers and order lines as typed warehouse tables
 * (order_date DATE, amount DOUBLE PRECISION, qty BIGINT), must count what SegmentDesk counts: with
 * cancellations ("C" order numbers), returns (negative lines, a status column), undated lines,
 * customers without orders and orders of unknown customers, on random rules mixing history and
 * customer conditions, on the customers and on the order lines themselves.
 */
const ON_PEOPLE = 300;
const ON_ORDERS = 100;

interface Case {
  dataset: 'people' | 'orders';
  rule: RuleNode;
  ours: number;
}

describe('segmentdesk sql: order-history conditions on DuckDB and PostgreSQL', () => {
  let ws: Workspace;
  const cases: Case[] = [];
  // The rows as CSV text: each test writes its own files (temporary folders go after every test).
  const csv: Record<string, string> = {};
  const write = (dir: string, name: string) => {
    const f = path.join(dir, `${name}.csv`);
    fs.writeFileSync(f, csv[name]);
    fs.chmodSync(f, 0o644);
    return f;
  };

  beforeAll(() => {
    const set = setUp(20261206);
    ws = set.ws;
    for (const [dataset, n, own] of [['people', ON_PEOPLE, false], ['orders', ON_ORDERS, true]] as const) {
      for (let k = 0; k < n; k++) {
        const rule = checkRule(ws, dataset, randomRule(set.r, 3, 'orders', own));
        cases.push({ dataset, rule, ours: liveCount(ws, dataset, rule).count });
      }
    }
    for (const [name, cols] of [['people', PEOPLE], ['orders', ORDERS]] as const) {
      const rows = ws.db.prepare(`SELECT ${cols.map((c) => `"${c.name}"`).join(', ')} FROM ${name}`).raw(true).all() as unknown[][];
      csv[name] = csvOf([...cols], rows);
    }
    // Agreement proves little on rules that select no one or everyone.
    const people = liveCount(ws, 'people', { all: [] }).count;
    expect(cases.filter((c) => c.dataset === 'people' && c.ours > 0 && c.ours < people).length).toBeGreaterThan(ON_PEOPLE / 3);
    for (const m of ['count', 'sum', 'avg', 'distinct']) expect(measures.get(m) ?? 0, m).toBeGreaterThan(20);
  });
  afterAll(() => ws?.close());

  const sqlOf = (c: Case, dialect: SqlDialect) => segmentSql(ws, { dataset: c.dataset, rule: c.rule, dialect, ordersTables: JSON.stringify(c.rule).includes('"history"') ? { orders: 'shop.order_lines' } : undefined });

  it('DuckDB counts what SegmentDesk counts', async () => {
    const dir = tmpDir();
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run('CREATE SCHEMA shop');
    await duck.run(duckTableFromCsv('people', write(dir, 'people'), [...PEOPLE]));
    // The client's table has its own name and schema, and the orders dataset's name as a table too (rules on the lines themselves).
    await duck.run(duckTableFromCsv('shop.order_lines', write(dir, 'orders'), [...ORDERS]));
    await duck.run('CREATE TABLE orders AS SELECT * FROM shop.order_lines');
    for (const [k, c] of cases.entries()) {
      const q = sqlOf(c, 'duckdb');
      const got = Number((await duck.runAndReadAll(q.countSql, q.params)).getRows()[0][0]);
      expect(got, `case ${k} on ${c.dataset}: ${JSON.stringify(c.rule)}\n${q.countSql}`).toBe(c.ours);
    }
  }, 120_000);

  const noPg = pgMissing();
  it.skipIf(noPg && !process.env.CI)(`PostgreSQL counts what SegmentDesk counts${noPg ? ' (skipped: no postgresql package)' : ''}`, () => {
    withTestPostgres((pg) => {
      // psql reads the files as the postgres user: copies in the server's own directory.
      const local = (name: string) => write(pg.dir, name);
      pg.psql(`CREATE SCHEMA shop;\n${pgTableFromCsv('people', local('people'), [...PEOPLE])}${pgTableFromCsv('shop.order_lines', local('orders'), [...ORDERS])}CREATE TABLE orders AS SELECT * FROM shop.order_lines;\n`);
      const got = pgCounts(pg, cases.map((c) => sqlOf(c, 'postgres')));
      expect(got.length).toBe(cases.length);
      for (const [k, c] of cases.entries()) expect(got[k], `case ${k} on ${c.dataset}: ${JSON.stringify(c.rule)}`).toBe(c.ours);
    });
  }, 180_000);

  it('says which table and columns it reads and how returns are recognised; refuses tables it would not read', () => {
    const rule: RuleNode = { all: [{ history: { transactions: 'orders', measure: 'count', op: 'gte', value: 2, within_last: { amount: 6, unit: 'months' } } }, { field: 'visits', op: 'gte', value: 3 }] };
    saveSegment(ws, { dataset: 'people', name: 'Regulars lately', rule });
    const q = segmentSql(ws, { segment: 'Regulars lately', dialect: 'postgres', ordersTables: { '*': 'shop.order_lines' } });
    expect(q.sql).toContain('FROM "shop"."order_lines"');
    expect(q.orders).toEqual([
      {
        dataset: 'orders',
        table: 'shop.order_lines',
        columns: { order: 'order_no', customer: 'customer', date: 'order_date', amount: 'amount', quantity: null, price: null },
        recognised: [expect.stringMatching(/order numbers starting with "C" in order_no are cancellations/), expect.stringMatching(/status column status/), expect.stringMatching(/negative lines/)],
        asOf: ws.db.prepare('SELECT max(substr(order_date, 1, 10)) FROM orders').pluck().get(),
      },
    ]);
    // Without a name, the table is the dataset's own.
    expect(segmentSql(ws, { segment: 'Regulars lately', dialect: 'duckdb' }).sql).toContain('FROM "orders" WHERE');
    expect(segmentSql(ws, { dataset: 'people', rule: { field: 'visits', op: 'gte', value: 3 }, dialect: 'duckdb' }).orders).toEqual([]);
    expect(() => segmentSql(ws, { dataset: 'people', rule: { field: 'visits', op: 'gte', value: 3 }, dialect: 'duckdb', ordersTables: { returns: 'x' } })).toThrow(/orders tables were given for "returns", but the segment has no order-history condition/);
    expect(() => segmentSql(ws, { segment: 'Regulars lately', dialect: 'sqlite', ordersTables: { orders: 'x' } })).toThrow(/for SQL run on DuckDB or PostgreSQL/);
  });
});
