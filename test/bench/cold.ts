/**
 * The cold path (#20): each operation as a user meets it, a fresh CLI process on a workspace that
 * was just opened, against a reference doing the same work in its own fresh process in the same run:
 *   open_count  first count after opening           DuckDB (fresh process, same SQL from `segmentdesk sql`)
 *   profile     column statistics                   DuckDB SUMMARIZE
 *   cluster_k5  k-means k = 5 on 6 numeric columns   scikit-learn: read the CSV columns, scale, KMeans(n_init=1)
 *   export_half half the customers to CSV           sqlite3 -csv of the same rows and columns
 *   rfm         RFM scores from the orders          DuckDB: the same GROUP BY and quintiles
 *   clv         BG/NBD + Gamma-Gamma                 (no reference; target ≤ 10 s)
 *   report      the HTML report                     (no reference; target ≤ 10 s)
 * Sizes: COLD_CUSTOMERS (default 1,000,000) and COLD_ORDERS_PER_CUSTOMER (default 10). The data is
 * generated once per size into the OS temp folder. Peak RSS from /usr/bin/time.
 * Last stdout line: {"customers","orders","ops":[{"op","segmentdesk":{"ms","peakRssMb"},"reference":{"name","ms"},"ratio"}]}
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../electron/engine/random';

const CUSTOMERS = Number(process.env.COLD_CUSTOMERS ?? 1_000_000);
const PER = Number(process.env.COLD_ORDERS_PER_CUSTOMER ?? 10);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(root, 'dist', 'cli.cjs');
const dir = path.join(os.tmpdir(), `segmentdesk-cold-${CUSTOMERS}-${PER}`);
const FEATURES = ['annual_income', 'visits', 'score', 'basket', 'tenure_months', 'web_minutes'];

const log = (s: string) => console.error(s);

function generate(): { customersCsv: string; ordersCsv: string; orders: number } {
  fs.mkdirSync(dir, { recursive: true });
  const customersCsv = path.join(dir, 'customers.csv');
  const ordersCsv = path.join(dir, 'orders.csv');
  const meta = path.join(dir, 'meta.json');
  if (fs.existsSync(meta)) return { customersCsv, ordersCsv, orders: (JSON.parse(fs.readFileSync(meta, 'utf8')) as { orders: number }).orders };
  const r = mulberry32(2026);
  const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const day = 86_400_000;
  const base = Date.UTC(2021, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const FIRST = ['Anna', 'Maria', 'Olivia', 'James', 'Lucas', 'Łukasz', 'Żaneta', 'Chloé', 'Hugo', 'Zofia'];
  const CITIES = [['Warsaw', 'Poland'], ['Boston', 'United States'], ['Paris', 'France'], ['Berlin', 'Germany'], ['Madrid', 'Spain']] as const;
  const cf = fs.openSync(customersCsv, 'w');
  const of = fs.openSync(ordersCsv, 'w');
  let cb = 'customer_id,first_name,email,phone,gender,birth_date,city,country,signup_date,marketing_consent,channel,lifestyle,annual_income,visits,score,basket,tenure_months,web_minutes,segment_hint,notes\n';
  let ob = 'order_id,customer_id,order_date,amount\n';
  let orders = 0;
  for (let i = 1; i <= CUSTOMERS; i++) {
    const id = `C${String(i).padStart(8, '0')}`;
    const first = pick(FIRST);
    const [city, country] = pick(CITIES);
    const group = Math.floor(r() * 4);
    const income = 25000 + group * 20000 + Math.floor(r() * 15000);
    cb += `${id},${first},${first.toLowerCase()}.${i}@example.com,+48 ${String(Math.floor(r() * 1e9)).padStart(9, '0')},${r() < 0.5 ? 'F' : 'M'},${iso(base - (7000 + Math.floor(r() * 18000)) * day)},${city},${country},${iso(base + Math.floor(r() * 1200) * day)},${r() < 0.6 ? 'yes' : 'no'},${pick(['email', 'sms', 'app'])},${pick(['family', 'premium', 'bargain hunter', 'occasional'])},${r() < 0.03 ? '' : income},${group * 5 + Math.floor(r() * 6)},${(r() * 100).toFixed(2)},${(20 + group * 15 + r() * 20).toFixed(2)},${1 + Math.floor(r() * 60)},${Math.floor(r() * 300)},g${group},${r() < 0.1 ? 'vip' : ''}\n`;
    // Orders: a geometric-ish count around PER, dates spread over the last two years of the data.
    const n = Math.max(0, Math.round(PER * (0.2 + 1.6 * r())));
    for (let k = 0; k < n; k++) {
      orders++;
      ob += `O${orders},${id},${iso(base + Math.floor(r() * 1400) * day)},${(5 + r() * (40 + group * 30)).toFixed(2)}\n`;
      if (ob.length > 1 << 20) {
        fs.writeSync(of, ob);
        ob = '';
      }
    }
    if (cb.length > 1 << 20) {
      fs.writeSync(cf, cb);
      cb = '';
    }
  }
  fs.writeSync(cf, cb);
  fs.writeSync(of, ob);
  fs.closeSync(cf);
  fs.closeSync(of);
  fs.writeFileSync(meta, JSON.stringify({ orders }));
  return { customersCsv, ordersCsv, orders };
}

interface Timed {
  ms: number;
  peakRssMb: number;
  stdout: string;
}

/** One fresh process, wall time and peak RSS from GNU time. */
function timed(cmd: string, args: string[], opts: { input?: string } = {}): Timed {
  const stats = path.join(dir, 'time.txt');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, cmd, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, input: opts.input });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const kb = Number(fs.readFileSync(stats, 'utf8').trim().split('\n').pop());
  return { ms: Math.round(ms), peakRssMb: Math.round(kb / 1024), stdout: r.stdout };
}

const cli = (args: string[]) => timed(process.execPath, [CLI, ...args, '--workspace', 'cold.sdw', '--json']);

/** A fresh Node process running DuckDB SQL on the database file written at set-up. */
function duck(sql: string, params: (string | number)[] = []): Timed {
  const script = `
    const { DuckDBInstance } = require(${JSON.stringify(path.join(root, 'node_modules', '@duckdb', 'node-api'))});
    (async () => {
      const con = await (await DuckDBInstance.create(${JSON.stringify(path.join(dir, 'cold.duckdb'))}, { access_mode: 'READ_ONLY' })).connect();
      const r = await con.runAndReadAll(${JSON.stringify(sql)}, ${JSON.stringify(params)});
      console.log(JSON.stringify(r.getRows().slice(0, 3), (k, v) => typeof v === 'bigint' ? Number(v) : v));
    })();`;
  return timed(process.execPath, ['-e', script]);
}

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error('build first: node scripts/build-node.mjs');
  let t0 = performance.now();
  const data = generate();
  log(`data: ${CUSTOMERS} customers, ${data.orders} order lines in ${dir} (${Math.round(performance.now() - t0)} ms)`);

  // Set-up (timed for information, not compared): import both files, the DuckDB copy, a segment of half the customers.
  // COLD_REUSE=1 keeps a workspace and DuckDB copy a previous run of the same size left (the 10M run's set-up takes 7 min).
  const reuse = process.env.COLD_REUSE === '1' && fs.existsSync(path.join(dir, 'cold.sdw')) && fs.existsSync(path.join(dir, 'cold.duckdb'));
  if (reuse) log('reusing the workspace and the DuckDB copy of a previous run (COLD_REUSE=1)');
  else {
    for (const f of ['cold.sdw', 'cold.sdw-wal', 'cold.sdw-shm', 'cold.duckdb', 'cold.duckdb.wal']) fs.rmSync(path.join(dir, f), { force: true });
    const impC = cli(['import', data.customersCsv, '--name', 'customers', '--id', 'customer_id']);
    const impO = cli(['import', data.ordersCsv, '--name', 'orders', '--as', 'transactions', '--link', 'customers']);
    log(`import: customers ${impC.ms} ms (${impC.peakRssMb} MB), orders ${impO.ms} ms (${impO.peakRssMb} MB)`);
    t0 = performance.now();
    const load = `
      const { DuckDBInstance } = require(${JSON.stringify(path.join(root, 'node_modules', '@duckdb', 'node-api'))});
      (async () => {
        const con = await (await DuckDBInstance.create(${JSON.stringify(path.join(dir, 'cold.duckdb'))})).connect();
        await con.run(${JSON.stringify(`CREATE TABLE customers AS SELECT * FROM read_csv('${data.customersCsv}', header = true, types = {'marketing_consent': 'VARCHAR'})`)});
        await con.run(${JSON.stringify(`CREATE TABLE orders AS SELECT * FROM read_csv('${data.ordersCsv}', header = true)`)});
      })();`;
    const loaded = spawnSync(process.execPath, ['-e', load], { encoding: 'utf8' });
    if (loaded.status !== 0) throw new Error(`DuckDB load failed: ${loaded.stderr}`);
    log(`DuckDB copy loaded in ${Math.round(performance.now() - t0)} ms`);
  }
  const rule = { all: [{ field: 'country', op: 'in', value: ['Poland', 'France'] }, { field: 'annual_income', op: 'gt', value: 60000 }, { field: 'signup_date', op: 'within_last', value: { amount: 2, unit: 'years' } }] };
  fs.writeFileSync(path.join(dir, 'rule.json'), JSON.stringify(rule));
  fs.writeFileSync(path.join(dir, 'half.json'), JSON.stringify({ field: 'score', op: 'lt', value: 50 }));
  if (!reuse) cli(['segment', 'save', '--dataset', 'customers', '--name', 'half', '--rule', 'half.json']);
  const q = JSON.parse(cli(['sql', '--dataset', 'customers', '--rule', 'rule.json', '--dialect', 'duckdb']).stdout) as { countSql: string; params: (string | number)[] };

  type Op = { op: string; segmentdesk: { ms: number; peakRssMb: number }; reference: { name: string; ms: number } | null; ratio: number | null; target: string };
  const ops: Op[] = [];
  const record = (op: string, ours: Timed, ref: { name: string; t: Timed } | null, target: string) => {
    const o: Op = {
      op,
      segmentdesk: { ms: ours.ms, peakRssMb: ours.peakRssMb },
      reference: ref ? { name: ref.name, ms: ref.t.ms } : null,
      ratio: ref ? Math.round((ours.ms / ref.t.ms) * 100) / 100 : null,
      target,
    };
    ops.push(o);
    log(`${op}: ${o.segmentdesk.ms} ms, ${o.segmentdesk.peakRssMb} MB${ref ? `; ${ref.name} ${ref.t.ms} ms; ratio ${o.ratio}` : ''} (target ${target})`);
  };

  // COLD_OPS=a,b: only these operations (each is independent of the others).
  const only = process.env.COLD_OPS ? new Set(process.env.COLD_OPS.split(',')) : null;
  const want = (op: string) => !only || only.has(op);

  if (want('open_count')) {
    const count = cli(['count', '--dataset', 'customers', '--rule', 'rule.json']);
    const duckCount = duck(q.countSql.replace(/"customers"/, 'customers'), q.params);
    const ours = (JSON.parse(count.stdout) as { count: number }).count;
    const theirs = (JSON.parse(duckCount.stdout) as number[][])[0][0];
    if (ours !== theirs) throw new Error(`counts differ: segmentdesk ${ours}, duckdb ${theirs}`);
    record('open_count', count, { name: 'duckdb fresh process', t: duckCount }, '≤ 1 s and ≤ 2× DuckDB; peak RSS ≤ 300 MB');
  }

  if (want('profile')) record('profile', cli(['profile', '--dataset', 'customers']), { name: 'duckdb SUMMARIZE', t: duck('SUMMARIZE customers') }, '≤ 2× reference');

  const sk = `
import sys, pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.cluster import KMeans
X = pd.read_csv(sys.argv[1], usecols=${JSON.stringify(FEATURES)}).dropna().to_numpy()
KMeans(n_clusters=5, n_init=1, random_state=1).fit(StandardScaler().fit_transform(X))
print(1)`;
  fs.writeFileSync(path.join(dir, 'sk.py'), sk);
  if (want('cluster_k5')) record('cluster_k5', cli(['cluster', '--dataset', 'customers', '--features', FEATURES.join(','), '--k', '5', '--seed', '1']), { name: 'scikit-learn read + fit', t: timed('/usr/bin/python3', [path.join(dir, 'sk.py'), data.customersCsv]) }, '≤ 2× reference');

  if (want('export_half')) {
    const out = path.join(dir, 'half.csv');
    fs.rmSync(out, { force: true });
    const exp = cli(['export', '--dataset', 'customers', '--segment', 'half', '--out', out, '--overwrite', '--include-no-consent', '--columns', 'customer_id,first_name,email,city,country,annual_income,score']);
    // Into a file, as the export writes one (at 10M customers the rows do not fit a pipe buffer either).
    const lite = timed('sqlite3', ['-csv', '-header', '-cmd', `.output ${path.join(dir, 'half-sqlite3.csv')}`, path.join(dir, 'cold.sdw'), `SELECT customer_id, first_name, email, city, country, annual_income, score FROM customers WHERE score < 50 ORDER BY rowid`]);
    record('export_half', exp, { name: 'sqlite3 -csv', t: lite }, '≤ 2× reference');
  }

  const rfmSql = `WITH c AS (SELECT customer_id, max(order_date) AS last, count(DISTINCT order_id) AS f, sum(amount) AS m FROM orders GROUP BY customer_id)
    SELECT count(*), sum(r) FROM (SELECT ntile(5) OVER (ORDER BY last) AS r, ntile(5) OVER (ORDER BY f) AS ff, ntile(5) OVER (ORDER BY m) AS mm FROM c)`;
  if (want('rfm')) record('rfm', cli(['rfm', '--transactions', 'orders']), { name: 'duckdb GROUP BY + ntile', t: duck(rfmSql) }, '≤ 2× reference');
  if (want('clv')) record('clv', cli(['clv', '--transactions', 'orders']), null, '≤ 10 s');
  const report = path.join(dir, 'report.html');
  if (want('report')) record('report', cli(['report', '--out', report, '--overwrite', '--dataset', 'customers']), null, '≤ 10 s');

  console.log(JSON.stringify({ customers: CUSTOMERS, orders: data.orders, ops }));
}

main();
