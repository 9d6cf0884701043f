/**
 * Import speed: a 1,000,000-row, 20-column customer CSV (generated deterministically from a seed,
 * cached in the OS temp folder), imported by the bundled CLI in a child process, against
 * `sqlite3 FILE '.import --csv …'` (untyped text, no inference) on the same file in the same run.
 * Targets: ratio ≤ 1.5, peak RSS ≤ 300 MB. Rows: IMPORT_BENCH_ROWS (default 1,000,000).
 * Last stdout line: {"rows","segmentdesk":{"ms","peakRssMb"},"sqlite3":{"ms"},"ratio"}.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
const SEED = 7;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Maria', 'Olivia', 'James', 'Lucas', 'Noah', 'Łukasz', 'Żaneta', 'Chloé', 'Mateo', 'Hugo', 'Zofia'];
const LAST = ['Smith', 'Kowalski', 'Nowak', 'Müller', 'García', 'Martin', 'Dubois', "O'Brien", 'Lee', 'Weber'];
const CITIES = [
  ['Warsaw', '00-950', 'Poland'],
  ['Boston', '02108', 'United States'],
  ['Paris', '75001', 'France'],
  ['Berlin', '10115', 'Germany'],
  ['Madrid', '28001', 'Spain'],
];

function generate(file: string): void {
  const r = rng(SEED);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)];
  const fd = fs.openSync(file, 'w');
  const day = 86_400_000;
  const base = Date.UTC(2020, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let buf = 'customer_id,first_name,last_name,email,phone,gender,birth_date,city,postal_code,country,signup_date,marketing_consent,channel,lifestyle,annual_income,orders_count,total_spend,avg_basket,last_order_date,score\n';
  for (let i = 1; i <= ROWS; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [city, postal, country] = pick(CITIES);
    const orders = Math.floor(r() * 30);
    const spend = orders * (10 + r() * 90);
    const lastName = last.includes("'") ? `"${last}"` : last;
    buf += `C${String(i).padStart(7, '0')},${first},${lastName},${first.toLowerCase()}.${i}@example.com,+48 ${String(Math.floor(r() * 1e9)).padStart(9, '0')},${r() < 0.5 ? 'F' : 'M'},${iso(base - Math.floor(r() * 20000) * day)},${city},${postal},${country},${iso(base + Math.floor(r() * 1500) * day)},${r() < 0.6 ? 'yes' : 'no'},${pick(['email', 'sms', 'app'])},${pick(['family', 'premium', 'bargain hunter'])},${r() < 0.05 ? '' : Math.floor(20000 + r() * 150000)},${orders},${spend.toFixed(2)},${orders ? (spend / orders).toFixed(2) : '0.00'},${iso(base + Math.floor(r() * 2000) * day)},${(r() * 100).toFixed(3)}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

const dir = path.join(os.tmpdir(), 'segmentdesk-bench');
fs.mkdirSync(dir, { recursive: true });
const csv = path.join(dir, `customers-${ROWS}-${SEED}.csv`);
if (!fs.existsSync(csv)) {
  console.error(`generating ${csv} …`);
  generate(`${csv}.part`);
  fs.renameSync(`${csv}.part`, csv);
}
console.error(`file: ${csv} (${(fs.statSync(csv).size / 1e6).toFixed(1)} MB)`);

execFileSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs'), 'cli'], { cwd: root, stdio: 'inherit' });
const clean = (f: string) => ['', '-wal', '-shm', '-journal'].forEach((s) => fs.rmSync(f + s, { force: true }));

// SegmentDesk: the CLI bundle in a child process; it reports its own peak RSS (getrusage maxrss) on exit.
const ws = path.join(dir, 'bench.sdw');
clean(ws);
const runner = `const {main}=require(${JSON.stringify(path.join(root, 'dist', 'cli.cjs'))});main(process.argv.slice(1),process.stdout,{write(){return true}}).then(c=>{process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n');process.exitCode=c})`;
let t0 = performance.now();
const sd = spawnSync(process.execPath, ['-e', runner, 'import', csv, '--workspace', ws, '--name', 'customers', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
const sdMs = Math.round(performance.now() - t0);
if (sd.status !== 0) {
  console.error(sd.stderr);
  process.exit(1);
}
const result = JSON.parse(sd.stdout) as { rows: number; cellErrors: number; ms: number; columns: { name: string; type: string }[] };
const peakRssMb = Math.round(Number(/MAXRSS (\d+)/.exec(sd.stderr)?.[1] ?? 0) / 1024);
console.error(`segmentdesk: ${result.rows} rows, ${result.cellErrors} cell errors, ${sdMs} ms wall (${result.ms} ms inside), peak RSS ${peakRssMb} MB`);
console.error(`types: ${result.columns.map((c) => `${c.name}:${c.type}`).join(' ')}`);

// sqlite3 CLI: .import --csv into a fresh database (every column TEXT).
const ref = path.join(dir, 'bench-sqlite3.db');
clean(ref);
t0 = performance.now();
execFileSync('/usr/bin/sqlite3', [ref, `.import --csv ${csv} customers`], { stdio: 'inherit' });
const sqMs = Math.round(performance.now() - t0);
console.error(`sqlite3 .import: ${sqMs} ms`);
clean(ws);
clean(ref);

console.log(JSON.stringify({ rows: result.rows, segmentdesk: { ms: sdMs, peakRssMb }, sqlite3: { ms: sqMs }, ratio: Number((sdMs / sqMs).toFixed(2)) }));
