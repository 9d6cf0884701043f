/**
 * Excel import: a generated workbook of XLSX_BENCH_ROWS rows (default 1,000,000) × 20 columns (text,
 * shared strings, dates, numbers, zip codes as text), cached in the OS temp folder, imported by the
 * bundled CLI in a child process, against reading the same sheet in the same run with:
 *   - openpyxl read-only mode (Debian's python3-openpyxl; the reference), iterating every value;
 *   - exceljs' streaming WorkbookReader, iterating every value (the reader measured against ours);
 *   - our reader alone (xlsx-source.ts, rows as text, no conversion or SQLite).
 * Targets: SegmentDesk's import ≤ the reference's time, peak RSS ≤ 400 MB.
 * Last stdout line: {"rows","segmentdesk":{"ms","peakRssMb"},"openpyxl":{"ms","peakRssMb"},"exceljs":{...},"ourReader":{...},"ratio"}.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { mulberry32 } from '../../electron/engine/random';

const ROWS = Number(process.env.XLSX_BENCH_ROWS ?? 1_000_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const FIRST = ['Anna', 'Maria', 'Olivia', 'James', 'Lucas', 'Noah', 'Łukasz', 'Żaneta', 'Chloé', 'Mateo'];
const LAST = ['Smith', 'Kowalski', 'Nowak', 'Müller', 'García', 'Martin', 'Dubois', "O'Brien", 'Lee', 'Weber'];
const CITIES = ['Warsaw', 'Boston', 'Paris', 'Berlin', 'Madrid'];
const ZIPS = ['00-950', '02108', '75001', '10115', '28001'];

async function generate(file: string): Promise<void> {
  const r = mulberry32(11);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Customers');
  ws.addRow([
    'customer_id', 'first_name', 'last_name', 'email', 'phone', 'gender', 'birth_date', 'city', 'postal_code', 'country',
    'signup_date', 'marketing_consent', 'channel', 'segment', 'annual_income', 'orders_count', 'total_spend', 'avg_basket', 'last_order_date', 'score',
  ]).commit();
  const base = Date.UTC(2020, 0, 1);
  const day = 86_400_000;
  for (let i = 1; i <= ROWS; i++) {
    const orders = Math.floor(r() * 30);
    const spend = Math.round(orders * (10 + r() * 90) * 100) / 100;
    const first = pick(FIRST);
    const row = ws.addRow([
      `C${String(i).padStart(7, '0')}`, first, pick(LAST), `${first.toLowerCase()}.${i}@example.com`, `+48 ${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
      r() < 0.5 ? 'F' : 'M', new Date(base - Math.floor(r() * 20000) * day), pick(CITIES), pick(ZIPS), 'PL',
      new Date(base + Math.floor(r() * 1500) * day), r() < 0.6, pick(['email', 'sms', 'app']), pick(['family', 'premium', 'bargain']),
      Math.floor(20000 + r() * 150000), orders, spend, orders ? Math.round((spend / orders) * 100) / 100 : 0, new Date(base + Math.floor(r() * 2000) * day), Math.round(r() * 100000) / 1000,
    ]);
    for (const c of [7, 11, 19]) row.getCell(c).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

function rssOf(stderr: string): number {
  return Math.round(Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? 0) / 1024);
}

function timed(cmd: string, args: string[]): { ms: number; peakRssMb: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, cwd: root });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  return { ms, peakRssMb: rssOf(r.stderr), out: r.stdout };
}

async function main(): Promise<void> {
  const file = path.join(os.tmpdir(), `segmentdesk-bench-${ROWS}.xlsx`);
  if (!fs.existsSync(file)) {
    console.error(`generating ${file} (${ROWS} rows × 20 columns)…`);
    await generate(file + '.tmp');
    fs.renameSync(file + '.tmp', file);
  }
  console.error(`workbook: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-xlsx-'));
  try {
    const runner = `const {main}=require(${JSON.stringify(path.join(root, 'dist', 'cli.cjs'))});main(process.argv.slice(1),process.stdout,{write(){return true}}).then(c=>{process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n');process.exitCode=c})`;
    const sd = timed(process.execPath, ['-e', runner, 'import', file, '--workspace', path.join(dir, 'ws.sdw'), '--name', 'customers', '--json']);
    const result = JSON.parse(sd.out) as { rows: number; cellErrors: number; ms: number };
    if (result.rows !== ROWS) throw new Error(`imported ${result.rows} rows, expected ${ROWS}`);
    console.error(`segmentdesk: ${sd.ms} ms (${result.ms} inside), peak RSS ${sd.peakRssMb} MB, ${result.cellErrors} cell errors`);

    let openpyxl: { ms: number; peakRssMb: number } | null = null;
    const py = '/usr/bin/python3';
    if (spawnSync(py, ['-c', 'import openpyxl']).status === 0) {
      const script = `import openpyxl,sys,resource
wb=openpyxl.load_workbook(sys.argv[1],read_only=True,data_only=True)
n=0
for row in wb.worksheets[0].iter_rows(values_only=True):
    n+=1
print(n)
sys.stderr.write('MAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)`;
      openpyxl = timed(py, ['-c', script, file]);
      console.error(`openpyxl read-only: ${openpyxl.ms} ms, peak RSS ${openpyxl.peakRssMb} MB`);
    }
    const exceljsScript = `const ExcelJS=require('exceljs');(async()=>{let n=0;const r=new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1],{sharedStrings:'cache',styles:'cache',worksheets:'emit'});for await(const ws of r){for await(const row of ws){n+=row.values.length>0?1:0}}console.log(n);process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n')})()`;
    const exceljs = timed(process.execPath, ['-e', exceljsScript, file]);
    console.error(`exceljs WorkbookReader: ${exceljs.ms} ms, peak RSS ${exceljs.peakRssMb} MB`);
    const ours = `import { workbookRows } from ${JSON.stringify(path.join(root, 'electron/engine/import/xlsx-source.ts'))};
let n = 0; for await (const b of workbookRows(process.argv[2], null, 0)) n += b.length; console.log(n); process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n');`;
    const oursFile = path.join(dir, 'ours.mts');
    fs.writeFileSync(oursFile, ours);
    const reader = timed(process.execPath, ['--import', 'tsx', oursFile, file]);
    console.error(`our reader alone: ${reader.ms} ms, peak RSS ${reader.peakRssMb} MB`);
    const strip = (x: { ms: number; peakRssMb: number } | null) => (x ? { ms: x.ms, peakRssMb: x.peakRssMb } : null);
    console.log(
      JSON.stringify({
        rows: ROWS,
        segmentdesk: strip(sd),
        openpyxl: strip(openpyxl),
        exceljs: strip(exceljs),
        ourReader: strip(reader),
        ratio: openpyxl ? Math.round((sd.ms / openpyxl.ms) * 100) / 100 : null,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
