/**
 * Live-count latency at 1M customers: the same rules (1 to 8 conditions, nested, categories,
 * text search, relative dates) counted by SegmentDesk's mirror evaluator (the path the builder
 * uses: validate + expand + evaluate + count), by SQLite on the workspace table (the compiled
 * SQL) and by DuckDB (@duckdb/node-api, in memory, the same SQL and values) in the same run.
 * Counts must agree across all three. Target: SegmentDesk p95 ≤ 20 ms.
 * DuckDB gets dates as text like SQLite, so all three run the very same predicate.
 * Last stdout line: {"rows","rules","segmentdesk":{"p50Ms","p95Ms"},"sqlite":{…},"duckdb":{…}}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { quoteIdent } from '../../electron/engine/db/open';
import { getMirror } from '../../electron/engine/mirror';
import { liveCount } from '../../electron/engine/segments/live';
import { compileSql } from '../../electron/engine/segments/sql';
import { sqlEnv } from '../../electron/engine/segments/resolve';
import type { RuleNode } from '../../shared/rules';
import { mulberry32 } from '../../electron/engine/random';

const ROWS = Number(process.env.SEGMENTS_BENCH_ROWS ?? 1_000_000);
const AS_OF = '2025-06-30';
const RUNS = { segmentdesk: 20, sqlite: 2, duckdb: 8 };

const rng = mulberry32;

const COLS = [
  ['customer_id', 'text'],
  ['age', 'integer'],
  ['total_spend', 'number'],
  ['orders_count', 'integer'],
  ['lifestyle', 'category'],
  ['country', 'category'],
  ['channel', 'category'],
  ['city', 'text'],
  ['signup_date', 'date'],
  ['last_order_date', 'date'],
  ['marketing_consent', 'boolean'],
] as const;
const LIFESTYLES = ['eco-conscious', 'premium', 'bargain hunter', 'family', 'urban', 'outdoor', 'tech', 'traditional'];
const COUNTRIES = Array.from({ length: 30 }, (_, i) => `Country ${String.fromCharCode(65 + (i % 26))}${i}`);
const CHANNELS = ['email', 'sms', 'post', 'app'];
const CITIES = Array.from({ length: 1500 }, (_, i) => `${['North', 'South', 'East', 'West', 'Port', 'Lake'][i % 6]} ${['field', 'ham', 'ton', 'bury', 'ville'][i % 5]} ${i}`);

function dayIso(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function generate(r: () => number, n: number): (string | number | null)[][] {
  const today = Date.UTC(2025, 5, 30) / 86_400_000;
  const miss = <T>(v: T, p = 0.03) => (r() < p ? null : v);
  const rows: (string | number | null)[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const orders = Math.floor(-Math.log(1 - r()) * 6);
    rows[i] = [
      `C${String(i + 1).padStart(7, '0')}`,
      miss(18 + Math.floor(r() * 70)),
      miss(Math.round(orders * (20 + r() * 120) * 100) / 100),
      orders,
      miss(LIFESTYLES[Math.floor(r() * r() * LIFESTYLES.length)]),
      COUNTRIES[Math.floor(r() * COUNTRIES.length)],
      miss(CHANNELS[Math.floor(r() * CHANNELS.length)]),
      miss(CITIES[Math.floor(r() * CITIES.length)]),
      dayIso(today - 30 - Math.floor(r() * 3000)),
      miss(dayIso(today - Math.floor(-Math.log(1 - r()) * 200)), 0.05),
      miss(r() < 0.6 ? 1 : 0),
    ];
  }
  return rows;
}

const RULES: RuleNode[] = [
  { field: 'total_spend', op: 'gt', value: 500 },
  { all: [{ field: 'lifestyle', op: 'eq', value: 'eco-conscious' }, { field: 'total_spend', op: 'gt', value: 500 }, { field: 'last_order_date', op: 'within_last', value: { amount: 90, unit: 'days' } }] },
  { all: [{ field: 'lifestyle', op: 'in', value: ['eco-conscious', 'premium'] }, { field: 'marketing_consent', op: 'is_true' }] },
  { any: [{ field: 'country', op: 'in', value: [COUNTRIES[0], COUNTRIES[3], COUNTRIES[7]] }, { field: 'channel', op: 'eq', value: 'email' }] },
  { all: [{ field: 'age', op: 'between', value: [25, 40] }, { not: { field: 'channel', op: 'eq', value: 'post' } }, { field: 'signup_date', op: 'more_than_ago', value: { amount: 2, unit: 'years' } }] },
  { field: 'city', op: 'contains', value: 'port' },
  { all: [{ field: 'city', op: 'starts_with', value: 'north' }, { field: 'orders_count', op: 'gte', value: 3 }] },
  { any: [{ field: 'last_order_date', op: 'is_empty' }, { field: 'last_order_date', op: 'more_than_ago', value: { amount: 6, unit: 'months' } }] },
  {
    all: [
      { any: [{ field: 'lifestyle', op: 'eq', value: 'premium' }, { field: 'total_spend', op: 'gte', value: 1000 }] },
      { field: 'age', op: 'gte', value: 30 },
      { not: { field: 'country', op: 'in', value: [COUNTRIES[1], COUNTRIES[2]] } },
      { field: 'last_order_date', op: 'within_last', value: { amount: 3, unit: 'months' } },
    ],
  },
  {
    all: [
      { field: 'total_spend', op: 'between', value: [100, 2000] },
      { any: [{ field: 'channel', op: 'in', value: ['email', 'app'] }, { all: [{ field: 'marketing_consent', op: 'is_true' }, { field: 'orders_count', op: 'gt', value: 5 }] }] },
      { field: 'lifestyle', op: 'not_in', value: ['bargain hunter'] },
      { field: 'signup_date', op: 'after', value: '2019-01-01' },
      { not: { field: 'city', op: 'contains', value: 'ham' } },
      { field: 'age', op: 'lt', value: 65 },
    ],
  },
  {
    any: [
      { all: [{ field: 'lifestyle', op: 'eq', value: 'eco-conscious' }, { field: 'total_spend', op: 'gt', value: 300 }, { field: 'last_order_date', op: 'within_last', value: { amount: 8, unit: 'weeks' } }] },
      { all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }, { field: 'orders_count', op: 'gte', value: 8 }, { field: 'channel', op: 'neq', value: 'post' }] },
      { all: [{ field: 'age', op: 'lte', value: 25 }, { field: 'marketing_consent', op: 'is_true' }] },
    ],
  },
  { all: [{ field: 'signup_date', op: 'between', value: ['2020-01-01', '2022-12-31'] }, { field: 'total_spend', op: 'is_not_empty' }] },
];

function conditions(n: RuleNode): number {
  if ('all' in n) return n.all.reduce((a, k) => a + conditions(k), 0);
  if ('any' in n) return n.any.reduce((a, k) => a + conditions(k), 0);
  if ('not' in n) return conditions(n.not);
  return 1;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 100) / 100;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-segments-'));
  try {
    let t0 = performance.now();
    let rows: (string | number | null)[][] = generate(rng(20251130), ROWS);
    console.error(`generated ${ROWS} customers in ${Math.round(performance.now() - t0)} ms`);

    // The workspace table, written the way the import writes a dataset version.
    const ws = Workspace.create(path.join(dir, 'bench.sdw'));
    const table = 'dsv_bench_1';
    t0 = performance.now();
    const db = ws.db;
    const sqlType = (t: string) => (t === 'integer' || t === 'boolean' ? 'INTEGER' : t === 'number' ? 'REAL' : 'TEXT');
    db.transaction(() => {
      db.exec(`CREATE TABLE ${table} (${COLS.map(([n, t]) => `${quoteIdent(n)} ${sqlType(t)}`).join(', ')})`);
      const ins = db.prepare(`INSERT INTO ${table} VALUES (${COLS.map(() => '?').join(', ')})`);
      for (const r of rows) ins.run(...r);
      const now = new Date().toISOString();
      db.prepare("INSERT INTO datasets(name, kind, id_column, linked_to, current_version, created_at) VALUES ('customers', 'customers', 'customer_id', NULL, 1, ?)").run(now);
      db.prepare("INSERT INTO dataset_versions VALUES ('customers', 1, ?, ?, 0, 'generated', 'utf-8', ',', '{}', ?)").run(table, ROWS, now);
      COLS.forEach(([n, t], i) => db.prepare("INSERT INTO dataset_columns(dataset, position, name, type, role) VALUES ('customers', ?, ?, ?, 'other')").run(i, n, t));
    })();
    console.error(`SQLite table written in ${Math.round(performance.now() - t0)} ms`);
    ws.setMeta('as_of', AS_OF);

    t0 = performance.now();
    getMirror(ws, 'customers');
    const mirrorBuildMs = Math.round(performance.now() - t0);
    console.error(`mirror built in ${mirrorBuildMs} ms`);

    // DuckDB: the same rows through a CSV file, with the same column types (dates as text).
    const csv = path.join(dir, 'customers.csv');
    const out = fs.createWriteStream(csv);
    out.write(`${COLS.map(([n]) => n).join(',')}\n`);
    for (const r of rows) out.write(`${r.map((v) => (v === null ? '' : typeof v === 'string' && /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v))).join(',')}\n`);
    await new Promise<void>((res) => out.end(res));
    // The generated rows are not part of what is measured: a user's process never holds them, and at
    // 5M customers their 1.5 GB of boxed values made every major collection of the timed loop slow.
    rows = [];
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const duckTypes = COLS.map(([n, t]) => `'${n}': '${t === 'integer' || t === 'boolean' ? 'BIGINT' : t === 'number' ? 'DOUBLE' : 'VARCHAR'}'`).join(', ');
    t0 = performance.now();
    await duck.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${csv}', header = true, columns = {${duckTypes}})`);
    console.error(`DuckDB table loaded in ${Math.round(performance.now() - t0)} ms`);

    const env = sqlEnv(ws, 'customers', AS_OF);
    const times = { segmentdesk: [] as number[], sqlite: [] as number[], duckdb: [] as number[] };
    for (const [k, rule] of RULES.entries()) {
      const { where, params } = compileSql(rule, env);
      const sql = `SELECT count(*) AS n FROM ${table} WHERE ${where}`;
      const ours = liveCount(ws, 'customers', rule).count; // warm-up
      for (let i = 0; i < RUNS.segmentdesk; i++) {
        const s = performance.now();
        liveCount(ws, 'customers', rule);
        times.segmentdesk.push(performance.now() - s);
      }
      const stmt = db.prepare(sql).pluck();
      let lite = 0;
      for (let i = 0; i < RUNS.sqlite; i++) {
        const s = performance.now();
        lite = stmt.get(...params) as number;
        times.sqlite.push(performance.now() - s);
      }
      let dk = 0;
      await duck.runAndReadAll(sql, params); // warm-up
      for (let i = 0; i < RUNS.duckdb; i++) {
        const s = performance.now();
        const reader = await duck.runAndReadAll(sql, params);
        dk = Number(reader.getRows()[0][0]);
        times.duckdb.push(performance.now() - s);
      }
      if (ours !== lite || ours !== dk) throw new Error(`rule ${k + 1}: counts differ (segmentdesk ${ours}, sqlite ${lite}, duckdb ${dk})`);
      const mine = times.segmentdesk.slice(-RUNS.segmentdesk);
      console.error(`rule ${k + 1} (${conditions(rule)} conditions): ${ours} customers; segmentdesk p50 ${pct(mine, 50)} p95 ${pct(mine, 95)} ms, sqlite ${pct(times.sqlite.slice(-RUNS.sqlite), 50)} ms, duckdb ${pct(times.duckdb.slice(-RUNS.duckdb), 50)} ms`);
    }
    const summary = (xs: number[]) => ({ p50Ms: pct(xs, 50), p95Ms: pct(xs, 95) });
    const result = {
      rows: ROWS,
      rules: RULES.length,
      segmentdesk: summary(times.segmentdesk),
      sqlite: summary(times.sqlite),
      duckdb: summary(times.duckdb),
      mirrorBuildMs,
      conditionsPerRule: RULES.map(conditions),
      // The same-run ratios stay meaningful when the machine is shared; the load average says how shared it was.
      p95VsDuckdb: Math.round((pct(times.duckdb, 95) / pct(times.segmentdesk, 95)) * 100) / 100,
      p95VsSqlite: Math.round((pct(times.sqlite, 95) / pct(times.segmentdesk, 95)) * 100) / 100,
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
