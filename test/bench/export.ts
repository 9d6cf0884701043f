// Export benchmark: a deterministic 1,000,000-customer dataset exported to CSV (consent filter on,
// every text cell neutralised and quoted) and 100,000 rows to XLSX, against the sqlite3 CLI writing
// the same rows as CSV (no neutralisation). Reports rows/s, the ratio and the peak RSS growth,
// which stays flat because rows are streamed. Usage: npm run bench -- export [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { quoteIdent } from '../../electron/engine/db/open';
import { runExport } from '../../electron/engine/export/run-export';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const COLS = ['customer_id', 'name', 'city', 'segment', 'spend', 'orders', 'signup', 'marketing_consent'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-export-'));
  try {
    const ws = Workspace.create(path.join(dir, 'b.sdw'));
    const r = rng(7);
    const cities = ['Lyon', 'Lille', '=cmd', 'Nice', '@home', 'Paris'];
    const t0 = performance.now();
    ws.db.transaction(() => {
      ws.db.exec(`CREATE TABLE ds_c_v1 (${COLS.map((c) => `${quoteIdent(c)}`).join(', ')})`);
      const ins = ws.db.prepare(`INSERT INTO ds_c_v1 VALUES (${COLS.map(() => '?').join(', ')})`);
      for (let i = 0; i < ROWS; i++) {
        ins.run(`C${i}`, `Name ${i}`, cities[i % cities.length], ['a', 'b', 'c'][i % 3], Math.round(r() * 100000) / 100, Math.floor(r() * 30), `2024-0${1 + (i % 9)}-1${i % 10}`, r() < 0.8 ? 'yes' : 'no');
      }
      ws.db.exec(`CREATE VIEW c AS SELECT * FROM ds_c_v1`);
      ws.db.prepare("INSERT INTO datasets VALUES ('c', 'customers', 'customer_id', NULL, 1, '2026-01-01')").run();
      ws.db.prepare("INSERT INTO dataset_versions VALUES ('c', 1, 'ds_c_v1', ?, 0, 'bench', 'utf-8', ',', '{}', '2026-01-01')").run(ROWS);
      const col = ws.db.prepare('INSERT INTO dataset_columns VALUES (?, ?, ?, ?, ?, 0, 0, NULL)');
      const types = ['text', 'text', 'category', 'category', 'number', 'integer', 'date', 'category'];
      COLS.forEach((c, i) => col.run('c', i, c, types[i], c === 'marketing_consent' ? 'consent' : c === 'customer_id' ? 'id' : 'other'));
    })();
    const loadMs = performance.now() - t0;
    const noop = { report: () => {}, checkpoint: async () => {} };
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    const csv = await runExport(ws, { dataset: 'c', source: { kind: 'dataset' }, includeNoConsent: false, allRows: false, out: path.join(dir, 'out.csv'), delimiter: ',', bom: true, overwrite: false }, noop);
    const csvMs = performance.now() - t1;
    const cpu = process.cpuUsage(cpu1);
    const csvCpuMs = (cpu.user + cpu.system) / 1000;
    clearInterval(timer);

    const t2 = performance.now();
    const sq = spawnSync('sqlite3', ['-csv', '-header', path.join(dir, 'b.sdw'), `SELECT ${COLS.map(quoteIdent).join(', ')} FROM ds_c_v1 WHERE marketing_consent = 'yes' ORDER BY rowid`], {
      stdio: ['ignore', fs.openSync(path.join(dir, 'ref.csv'), 'w'), 'inherit'],
    });
    const sqliteMs = performance.now() - t2;
    if (sq.status !== 0) throw new Error('sqlite3 failed');
    // CPU time as well as wall time: on a shared 2-core machine wall time swings with the load, CPU
    // time much less. bash's `time` reports the child's user + system seconds.
    const timed = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time sqlite3 -csv -header "$1" "$2" > "$3"`, 'bash', path.join(dir, 'b.sdw'), `SELECT ${COLS.map(quoteIdent).join(', ')} FROM ds_c_v1 WHERE marketing_consent = 'yes' ORDER BY rowid`, path.join(dir, 'ref2.csv')], { encoding: 'utf8' });
    const [u, sy] = timed.stderr.trim().split(/\s+/).map(Number);
    const sqliteCpuMs = (u + sy) * 1000;

    const xRows = Math.min(100_000, ROWS);
    ws.db.exec(`CREATE TABLE ds_x_v1 AS SELECT * FROM ds_c_v1 WHERE rowid <= ${xRows}`);
    ws.db.prepare("INSERT INTO datasets VALUES ('x', 'customers', 'customer_id', NULL, 1, '2026-01-01')").run();
    ws.db.prepare("INSERT INTO dataset_versions VALUES ('x', 1, 'ds_x_v1', ?, 0, 'bench', 'utf-8', ',', '{}', '2026-01-01')").run(xRows);
    ws.db.exec("INSERT INTO dataset_columns SELECT 'x', position, name, type, role, pii, sensitive, sensitive_category FROM dataset_columns WHERE dataset = 'c'");
    const t3 = performance.now();
    const xlsx = await runExport(ws, { dataset: 'x', source: { kind: 'dataset' }, includeNoConsent: true, allRows: false, out: path.join(dir, 'out.xlsx'), delimiter: ',', bom: false, overwrite: false }, noop);
    const xlsxMs = performance.now() - t3;
    ws.close();

    const result = {
      rows: ROWS,
      exportedCsv: csv.rows,
      excludedNoConsent: csv.excludedNoConsent,
      duplicateRowsSkipped: csv.duplicateRowsSkipped,
      loadMs: Math.round(loadMs),
      csvMs: Math.round(csvMs),
      csvRowsPerSec: Math.round(csv.rows / (csvMs / 1000)),
      sqlite3CliMs: Math.round(sqliteMs),
      ratioVsSqlite3: Math.round((csvMs / sqliteMs) * 100) / 100,
      csvCpuMs: Math.round(csvCpuMs),
      sqlite3CpuMs: Math.round(sqliteCpuMs),
      cpuRatioVsSqlite3: Math.round((csvCpuMs / sqliteCpuMs) * 100) / 100,
      csvBytes: csv.bytes,
      peakRssGrowthMb: Math.round((peak - rss0) / 1e6),
      xlsxRows: xlsx.rows,
      xlsxMs: Math.round(xlsxMs),
      xlsxRowsPerSec: Math.round(xlsx.rows / (xlsxMs / 1000)),
    };
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
