/**
 * Live counts of rules with order-history conditions (issue #14 item 8): 1M customers and 10M order lines
 * by default (HISTORY_BENCH_CUSTOMERS, HISTORY_BENCH_ORDERS), 10 rules mixing customer fields with history
 * conditions (windows, an order-column filter, count/sum/avg/distinct, "no order in …"). SegmentDesk counts
 * them as the builder does (liveCount: validate + evaluate on the mirror; per-customer history numbers are
 * aggregated once per condition and cached, so changing only the comparison costs a filter pass); DuckDB
 * (@duckdb/node-api, in memory) runs the same rules as SQL with joins and GROUP BY on the same data in the
 * same run. Counts must agree.
 *
 * Reported: `segmentdesk` = counts as the builder repeats them (aggregates cached); on stderr and as extra
 * fields also `segmentdeskUncached` (every history aggregate recomputed from the order lines each count) and
 * the one-off cost of reading the order lines into columns (`linesMs`); `plainRules`: 6 plain customer-view
 * rules (orders_count, total_spend, days_since_last_order, … as ordinary fields; target p95 ≤ 20 ms at 1M
 * customers), counted as the builder does and checked against SQLite reading the view c360_customers.
 * Last stdout line: {"customers","orders","segmentdesk":{"p50Ms","p95Ms"},"duckdb":{"p50Ms","p95Ms"},…}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { quoteIdent } from '../../electron/engine/db/open';
import { getMirror } from '../../electron/engine/mirror';
import { liveCount } from '../../electron/engine/segments/live';
import { compileSql, type SqlEnv } from '../../electron/engine/segments/sql';
import { sqlEnv } from '../../electron/engine/segments/resolve';
import { historyDefault, historyHolds, historyWindow, type HistoryCondition, type RuleNode, type SqlParam } from '../../shared/rules';
import { mulberry32 } from '../../electron/engine/random';
import { rebuildCustomerViews } from '../../electron/engine/customer-view/rebuild';

const CUSTOMERS = Number(process.env.HISTORY_BENCH_CUSTOMERS ?? 1_000_000);
const ORDERS = Number(process.env.HISTORY_BENCH_ORDERS ?? 10_000_000);
const RUNS = { segmentdesk: 10, uncached: 3, duckdb: 5 };
const AS_OF = '2025-06-30';

const CUSTOMER_COLS = [
  ['customer_id', 'text'],
  ['age', 'integer'],
  ['country', 'category'],
  ['lifestyle', 'category'],
  ['signup_date', 'date'],
  ['marketing_consent', 'boolean'],
] as const;
const ORDER_COLS = [
  ['order_id', 'text'],
  ['customer_id', 'text'],
  ['order_date', 'date'],
  ['amount', 'number'],
  ['category', 'category'],
  ['product', 'text'],
] as const;
const COUNTRIES = Array.from({ length: 20 }, (_, i) => `Country ${i}`);
const LIFESTYLES = ['eco-conscious', 'premium', 'bargain hunter', 'family', 'urban'];
const CATEGORIES = ['Wine', 'Beer', 'Cheese', 'Bread', 'Coffee', 'Tea', 'Fruit', 'Fish'];
const PRODUCTS = Array.from({ length: 400 }, (_, i) => `P${String(i).padStart(4, '0')}`);

const h = (x: Omit<HistoryCondition, 'transactions'>): RuleNode => ({ history: { transactions: 'orders', ...x } });
const RULES: RuleNode[] = [
  h({ measure: 'count', within_last: { amount: 90, unit: 'days' }, op: 'gte', value: 3 }),
  { all: [{ field: 'country', op: 'in', value: [COUNTRIES[0], COUNTRIES[3], COUNTRIES[7]] }, h({ measure: 'sum', within_last: { amount: 12, unit: 'months' }, op: 'gt', value: 500 })] },
  h({ measure: 'count', within_last: { amount: 180, unit: 'days' }, op: 'eq', value: 0 }),
  h({ measure: 'count', where: { field: 'category', op: 'eq', value: 'Wine' }, between: ['2025-01-01', '2025-12-31'], op: 'gte', value: 2 }),
  { all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }, h({ measure: 'avg', op: 'gte', value: 80 })] },
  h({ measure: 'distinct', of: 'product', within_last: { amount: 1, unit: 'years' }, op: 'gte', value: 10 }),
  { any: [{ field: 'age', op: 'lt', value: 25 }, h({ measure: 'count', within_last: { amount: 30, unit: 'days' }, op: 'gte', value: 1 })] },
  { all: [{ field: 'signup_date', op: 'more_than_ago', value: { amount: 2, unit: 'years' } }, { not: h({ measure: 'count', within_last: { amount: 6, unit: 'months' }, op: 'gte', value: 1 }) }] },
  { all: [h({ measure: 'sum', where: { field: 'amount', op: 'gt', value: 100 }, within_last: { amount: 3, unit: 'months' }, op: 'gte', value: 300 }), { field: 'marketing_consent', op: 'is_true' }] },
  { all: [h({ measure: 'count', op: 'gte', value: 5 }), h({ measure: 'distinct', of: 'category', op: 'gte', value: 3 }), { not: { field: 'country', op: 'in', value: [COUNTRIES[1], COUNTRIES[2]] } }] },
];

/**
 * Plain customer-view rules (no history condition): the view's order-history fields as ordinary field
 * conditions, mixed with the customers' own columns. Each with the same condition as SQL on the view
 * c360_customers, which is the count's reference (SQLite reading the public view) in the same run.
 */
const PLAIN: { rule: RuleNode; sql: string }[] = [
  { rule: { field: 'orders_count', op: 'gte', value: 12 }, sql: 'orders_count >= 12' },
  { rule: { all: [{ field: 'total_spend', op: 'gt', value: 1000 }, { field: 'country', op: 'in', value: [COUNTRIES[0], COUNTRIES[3]] }] }, sql: `total_spend > 1000 AND country IN ('${COUNTRIES[0]}', '${COUNTRIES[3]}')` },
  { rule: { field: 'days_since_last_order', op: 'gt', value: 180 }, sql: 'days_since_last_order > 180' },
  { rule: { any: [{ field: 'avg_order_value', op: 'gte', value: 120 }, { field: 'lifestyle', op: 'eq', value: 'premium' }] }, sql: "(avg_order_value >= 120 OR lifestyle = 'premium')" },
  { rule: { all: [{ field: 'orders_count', op: 'eq', value: 0 }, { field: 'marketing_consent', op: 'is_true' }] }, sql: 'orders_count = 0 AND marketing_consent = 1' },
  { rule: { all: [{ field: 'tenure_days', op: 'gte', value: 365 }, { field: 'age', op: 'between', value: [25, 40] }, { not: { field: 'lifestyle', op: 'eq', value: 'urban' } }] }, sql: "tenure_days >= 365 AND age BETWEEN 25 AND 40 AND NOT coalesce(lifestyle = 'urban', 0)" },
];

function dayIso(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 100) / 100;
}

type Row = (string | number | null)[];

function* customers(r: () => number): Generator<Row> {
  const end = Date.UTC(2025, 5, 30) / 86_400_000;
  for (let i = 0; i < CUSTOMERS; i++)
    yield [
      `C${String(i + 1).padStart(7, '0')}`,
      r() < 0.03 ? null : 18 + Math.floor(r() * 70),
      COUNTRIES[Math.floor(r() * COUNTRIES.length)],
      LIFESTYLES[Math.floor(r() * r() * LIFESTYLES.length)],
      dayIso(end - 30 - Math.floor(r() * 3000)),
      r() < 0.6 ? 1 : 0,
    ];
}

/** Order lines: orders of 1–4 lines; 70 % of the customers order (skewed), 2 % of lines are returns (negative amounts). */
function* orderLines(r: () => number): Generator<Row> {
  const end = Date.UTC(2025, 5, 30) / 86_400_000;
  let order = 0;
  let made = 0;
  while (made < ORDERS) {
    order++;
    const who = Math.floor(Math.pow(r(), 1.6) * CUSTOMERS * 0.7);
    const day = dayIso(end - Math.floor(-Math.log(1 - r()) * 250) % 1100);
    const lines = Math.min(ORDERS - made, 1 + Math.floor(r() * 4));
    for (let k = 0; k < lines; k++, made++) {
      const amount = Math.round((5 + r() * 150) * 100) / 100;
      yield [`O${order}`, `C${String(who + 1).padStart(7, '0')}`, day, r() < 0.02 ? -amount : amount, CATEGORIES[Math.floor(r() * CATEGORIES.length)], PRODUCTS[Math.floor(r() * r() * PRODUCTS.length)]];
    }
  }
}

function writeDataset(ws: Workspace, name: string, cols: readonly (readonly [string, string])[], rows: Iterable<Row>, csv: string, extra: () => void): number {
  const db = ws.db;
  const table = `dsv_${name}_1`;
  const sqlType = (t: string) => (t === 'integer' || t === 'boolean' ? 'INTEGER' : t === 'number' ? 'REAL' : 'TEXT');
  const out = fs.openSync(csv, 'w');
  fs.writeSync(out, `${cols.map(([n]) => n).join(',')}\n`);
  let n = 0;
  let buf: string[] = [];
  db.transaction(() => {
    db.exec(`CREATE TABLE ${table} (${cols.map(([c, t]) => `${quoteIdent(c)} ${sqlType(t)}`).join(', ')})`);
    const ins = db.prepare(`INSERT INTO ${table} VALUES (${cols.map(() => '?').join(', ')})`);
    for (const r of rows) {
      ins.run(...r);
      buf.push(r.map((v) => (v === null ? '' : String(v))).join(','));
      if (buf.length === 50_000) {
        fs.writeSync(out, `${buf.join('\n')}\n`);
        buf = [];
      }
      n++;
    }
    if (buf.length) fs.writeSync(out, `${buf.join('\n')}\n`);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO datasets(name, kind, id_column, linked_to, current_version, created_at) VALUES (?, 'customers', 'customer_id', NULL, 1, ?)").run(name, now);
    db.prepare("INSERT INTO dataset_versions VALUES (?, 1, ?, ?, 0, 'generated', 'utf-8', ',', '{}', ?)").run(name, table, n, now);
    cols.forEach(([c, t], i) => db.prepare("INSERT INTO dataset_columns(dataset, position, name, type, role) VALUES (?, ?, ?, ?, 'other')").run(name, i, c, t));
    db.exec(`CREATE VIEW ${quoteIdent(name)} AS SELECT * FROM ${table}`);
    extra();
  })();
  fs.closeSync(out);
  return n;
}

/**
 * A history condition as DuckDB SQL: a GROUP BY over the order lines joined to the customers by ID, with the
 * same lines as SegmentDesk reads (up to the as-of date; negative lines are returns, netted from spend and
 * not purchases; this data has no cancellations), and customers without lines judged by their default.
 */
function duckHistory(ordersEnv: SqlEnv) {
  return (hc: HistoryCondition, bind: (v: SqlParam) => string): string => {
    const win = historyWindow(hc, AS_OF);
    const filter = hc.where ? compileSql(hc.where, ordersEnv) : null;
    const day = 'substr(o.order_date, 1, 10)';
    const inTime = `(${day} <= '${win.to}'${win.from ? ` AND ${day} >= '${win.from}'` : ''})`;
    const purchase = '(o.amount >= 0)';
    const x = hc.of ? `o.${quoteIdent(hc.of)}` : 'o.amount';
    const orders = `count(DISTINCT CASE WHEN ${purchase} AND ${inTime} THEN o.order_id END)`;
    const spend = `CASE WHEN bool_or(${purchase} AND ${inTime}) THEN coalesce(sum(CASE WHEN ${inTime} THEN CASE WHEN ${purchase} THEN coalesce(${x}, 0) ELSE least(coalesce(${x}, 0), 0) END END), 0) ELSE 0 END`;
    const v =
      hc.measure === 'count' ? orders : hc.measure === 'sum' ? spend : hc.measure === 'avg' ? `CASE WHEN ${orders} > 0 THEN CAST(${spend} AS DOUBLE) / ${orders} END` : `count(DISTINCT CASE WHEN ${purchase} AND ${inTime} THEN ${x} END)`;
    // The filter's parameters come first in the text, then the comparison's.
    filter?.params.forEach(bind);
    const val = hc.value;
    const cmp = Array.isArray(val) ? `v BETWEEN ${bind(val[0])} AND ${bind(val[1])}` : `v ${{ gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=', between: '=' }[hc.op]} ${bind(val)}`;
    const agg = `SELECT o.customer_id AS id, ${v} AS v FROM orders o WHERE o.customer_id IS NOT NULL AND o.customer_id <> ''${filter ? ` AND (${filter.where})` : ''} GROUP BY o.customer_id`;
    return historyHolds(hc, historyDefault(hc.measure))
      ? `coalesce(customer_id NOT IN (SELECT id FROM (${agg}) WHERE v IS NULL OR NOT (${cmp})), true)`
      : `coalesce(customer_id IN (SELECT id FROM (${agg}) WHERE v IS NOT NULL AND ${cmp}), false)`;
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-history-'));
  try {
    const ws = Workspace.create(path.join(dir, 'bench.sdw'));
    let t0 = performance.now();
    writeDataset(ws, 'customers', CUSTOMER_COLS, customers(mulberry32(20251206)), path.join(dir, 'customers.csv'), () => undefined);
    const lines = writeDataset(ws, 'orders', ORDER_COLS, orderLines(mulberry32(7)), path.join(dir, 'orders.csv'), () => {
      ws.db.prepare("UPDATE datasets SET kind = 'transactions', linked_to = 'customers' WHERE name = 'orders'").run();
      ws.db.prepare("INSERT INTO dataset_transaction_columns VALUES ('orders', 'order_id', 'customer_id', 'order_date', 'amount', NULL, NULL)").run();
    });
    // Relative customer conditions and the history windows count back from the same date, as in the app with a workspace as-of date.
    ws.setMeta('as_of', AS_OF);
    ws.invalidate();
    console.error(`generated and written ${CUSTOMERS} customers and ${lines} order lines in ${Math.round(performance.now() - t0)} ms`);

    t0 = performance.now();
    getMirror(ws, 'customers');
    console.error(`customers mirror built in ${Math.round(performance.now() - t0)} ms`);
    // The one-off cost: the order lines read into columns (and the orders mirror, for the order filter).
    t0 = performance.now();
    liveCount(ws, 'customers', RULES[0]);
    const countMs = Math.round(performance.now() - t0);
    getMirror(ws, 'orders');
    console.error(`first history count (order lines read into columns) ${countMs} ms; orders mirror ${Math.round(performance.now() - t0) - countMs} ms`);
    const linesMs = Math.round(performance.now() - t0);
    console.error(`order lines read into columns in ${linesMs} ms`);

    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const types = (cols: readonly (readonly [string, string])[]) => cols.map(([n, t]) => `'${n}': '${t === 'integer' || t === 'boolean' ? 'BIGINT' : t === 'number' ? 'DOUBLE' : 'VARCHAR'}'`).join(', ');
    t0 = performance.now();
    await duck.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${path.join(dir, 'customers.csv')}', header = true, columns = {${types(CUSTOMER_COLS)}})`);
    await duck.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${path.join(dir, 'orders.csv')}', header = true, columns = {${types(ORDER_COLS)}})`);
    console.error(`DuckDB tables loaded in ${Math.round(performance.now() - t0)} ms`);

    const customersEnv = sqlEnv(ws, 'customers', AS_OF);
    const duckEnv: SqlEnv = { ...customersEnv, history: duckHistory(sqlEnv(ws, 'orders', AS_OF)) };
    const times = { segmentdesk: [] as number[], uncached: [] as number[], duckdb: [] as number[] };
    const ordersVersion = getMirror(ws, 'orders').version;
    for (const [k, rule] of RULES.entries()) {
      const ours = liveCount(ws, 'customers', rule).count; // warm-up: aggregates computed and cached
      for (let i = 0; i < RUNS.segmentdesk; i++) {
        const s = performance.now();
        liveCount(ws, 'customers', rule);
        times.segmentdesk.push(performance.now() - s);
      }
      for (let i = 0; i < RUNS.uncached; i++) {
        // Drop the per-condition aggregates (not the order lines read into columns): each count recomputes them.
        ws.invalidate(`mirror-ref:orders:${ordersVersion}:history:`);
        const s = performance.now();
        liveCount(ws, 'customers', rule);
        times.uncached.push(performance.now() - s);
      }
      const { where, params } = compileSql(rule, duckEnv);
      const sql = `SELECT count(*) AS n FROM customers WHERE ${where}`;
      let dk = 0;
      await duck.runAndReadAll(sql, params); // warm-up
      for (let i = 0; i < RUNS.duckdb; i++) {
        const s = performance.now();
        const reader = await duck.runAndReadAll(sql, params);
        dk = Number(reader.getRows()[0][0]);
        times.duckdb.push(performance.now() - s);
      }
      if (ours !== dk) throw new Error(`rule ${k + 1}: counts differ (segmentdesk ${ours}, duckdb ${dk}): ${JSON.stringify(rule)}`);
      const last = (xs: number[], n: number) => xs.slice(-n);
      console.error(
        `rule ${k + 1}: ${ours} customers; segmentdesk p50 ${pct(last(times.segmentdesk, RUNS.segmentdesk), 50)} ms, uncached p50 ${pct(last(times.uncached, RUNS.uncached), 50)} ms, duckdb p50 ${pct(last(times.duckdb, RUNS.duckdb), 50)} ms`,
      );
    }
    // Plain customer-view rules: the view's order fields are read into the mirror once (first count), then each count is a scan.
    rebuildCustomerViews(ws);
    const plain = { segmentdesk: [] as number[], sqlite: [] as number[] };
    t0 = performance.now();
    liveCount(ws, 'customers', PLAIN[0].rule);
    console.error(`customer-view fields read into columns in ${Math.round(performance.now() - t0)} ms`);
    for (const [k, { rule, sql }] of PLAIN.entries()) {
      const ours = liveCount(ws, 'customers', rule).count;
      for (let i = 0; i < RUNS.segmentdesk; i++) {
        const s = performance.now();
        liveCount(ws, 'customers', rule);
        plain.segmentdesk.push(performance.now() - s);
      }
      const stmt = ws.db.prepare(`SELECT count(*) FROM c360_customers WHERE ${sql}`).pluck();
      let ref = 0;
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        ref = stmt.get() as number;
        plain.sqlite.push(performance.now() - s);
      }
      if (ours !== ref) throw new Error(`plain rule ${k + 1}: counts differ (segmentdesk ${ours}, SQL on c360_customers ${ref}): ${JSON.stringify(rule)}`);
      console.error(`plain rule ${k + 1}: ${ours} customers; segmentdesk p50 ${pct(plain.segmentdesk.slice(-RUNS.segmentdesk), 50)} ms, SQLite on c360_customers p50 ${pct(plain.sqlite.slice(-3), 50)} ms`);
    }
    const summary = (xs: number[]) => ({ p50Ms: pct(xs, 50), p95Ms: pct(xs, 95) });
    const result = {
      customers: CUSTOMERS,
      orders: lines,
      segmentdesk: summary(times.segmentdesk),
      duckdb: summary(times.duckdb),
      segmentdeskUncached: summary(times.uncached),
      // Plain customer-view rules (target p95 ≤ 20 ms at 1M customers), and SQLite reading c360_customers for the same rules.
      plainRules: { rules: PLAIN.length, segmentdesk: summary(plain.segmentdesk), sqliteView: summary(plain.sqlite) },
      linesMs,
      rules: RULES.length,
      cpus: os.cpus().length,
      loadAvg: os.loadavg().map((x) => Math.round(x * 10) / 10),
    };
    duck.closeSync();
    ws.close();
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
