import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { ParseOptionsSchema } from '../../../shared/contract/ns/datasets';
import { sampleWorkbook } from '../../../electron/engine/import/xlsx-source';
import { importFile, snapshot } from './helpers';

const ZIPS = ['02108', '00501', '10115', '07030', '94105'];

/** A shop owner's workbook: a title row, a name merged over two columns, dates, zip codes typed as text, a formula column, a hidden row and column. */
async function shopWorkbook(file: string, date1904 = false): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Read me first']);
  const ws = wb.addWorksheet('Customers');
  ws.addRow(['Customer list (exported 2024-05-01)']);
  ws.mergeCells('A1:H1');
  ws.addRow(['Customer ID', 'Name', '', 'Zip', 'Signed up', 'Last visit', 'Spend', 'Spend incl. tax']);
  ws.mergeCells('B2:C2');
  for (let i = 0; i < 40; i++) {
    const r = ws.addRow([
      `C${String(i + 1).padStart(3, '0')}`,
      ['Anna', 'Bo', 'Carl', 'Dee'][i % 4],
      ['Lee', 'Nowak', 'de Vries & Co <NL>', 'Smith'][i % 4],
      ZIPS[i % ZIPS.length],
      new Date(Date.UTC(2023, i % 12, 1 + (i % 28))),
      new Date(Date.UTC(2024, 0, 1 + i, 9 + (i % 8), 30, 15)),
      Math.round(i * 1234.5) / 100,
      { formula: `G${i + 3}*1.2`, result: Math.round(i * 1234.5 * 1.2) / 100 },
    ]);
    r.getCell(4).numFmt = '@';
    r.getCell(5).numFmt = 'yyyy-mm-dd';
    r.getCell(6).numFmt = 'yyyy-mm-dd hh:mm:ss';
    if (i === 5) r.hidden = true;
  }
  ws.getColumn(3).hidden = true;
  const grouped = wb.addWorksheet('Grouped');
  grouped.addRow(['Contact', '', 'Purchases', '']);
  grouped.mergeCells('A1:B1');
  grouped.mergeCells('C1:D1');
  grouped.addRow(['email', 'phone', 'count', 'total']);
  for (let i = 0; i < 10; i++) grouped.addRow([`u${i}@example.com`, `+48 600 000 ${String(i).padStart(3, '0')}`, i, i * 2.5]);
  await wb.xlsx.writeFile(file);
}

/** The same sheet read by openpyxl (an independent reader), dates as ISO: the reference values. */
function openpyxlRows(file: string, sheet: string): unknown[][] | null {
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status !== 0) return null;
  const script = `import openpyxl,sys,json,datetime
wb=openpyxl.load_workbook(sys.argv[1],data_only=True)
out=[]
for row in wb[sys.argv[2]].iter_rows(min_row=3,values_only=True):
    out.append([v.isoformat() if isinstance(v,datetime.datetime) else v for v in row])
print(json.dumps(out))`;
  const r = spawnSync(py, ['-c', script, file, sheet], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as unknown[][];
}

describe('import: Excel workbooks', () => {
  for (const date1904 of [false, true]) {
    it(`imports a sheet with a title row, merged header, dates (${date1904 ? '1904' : '1900'} system), text zip codes and formulas`, async () => {
      const dir = tmpDir();
      const file = path.join(dir, 'shop.xlsx');
      await shopWorkbook(file, date1904);
      const { engine, api, file: wsFile } = await engineWithWorkspace();
      const first = await api.datasets.preview({ path: file });
      expect(first.detected).toMatchObject({ format: 'xlsx', sheet: 'Notes' });
      expect(first.sheets).toEqual([
        { name: 'Notes', index: 1, rows: 1, hidden: false },
        { name: 'Customers', index: 2, rows: 42, hidden: false },
        { name: 'Grouped', index: 3, rows: 12, hidden: false },
      ]);
      const p = await api.datasets.preview({ path: file, options: { sheet: 'Customers' } });
      expect(p.detected).toMatchObject({ format: 'xlsx', sheet: 'Customers', skippedRows: 1, header: true });
      expect(p.columns.map((c) => [c.name, c.type])).toEqual([
        ['Customer ID', 'text'],
        ['Name', 'category'],
        ['Name_2', 'category'],
        ['Zip', 'text'],
        ['Signed up', 'date'],
        ['Last visit', 'datetime'],
        ['Spend', 'number'],
        ['Spend incl. tax', 'number'],
      ]);
      const w = p.warnings.join(' | ');
      expect(w).toMatch(/1 title row above the table skipped/);
      expect(w).toMatch(/1 hidden rows/);
      expect(w).toMatch(/hidden columns C/);

      const { status, result } = await importFile(engine, api, { path: file, name: 'shop', options: { sheet: 2 } });
      expect(status.error).toBeUndefined();
      expect(result).toMatchObject({ rows: 40, cellErrors: 0, format: 'xlsx' });
      const db = new Database(wsFile, { readonly: true });
      const got = db.prepare('SELECT * FROM shop').raw().all() as unknown[][];
      db.close();
      const ref = openpyxlRows(file, 'Customers');
      if (ref) {
        expect(got.length).toBe(ref.length);
        for (let i = 0; i < ref.length; i++) {
          const [id, first, last, zip, signed, visit, spend, taxed] = ref[i] as [string, string, string, string, string, string, number, number];
          expect(got[i]).toEqual([id, first, last, zip, signed.slice(0, 10), visit, spend, taxed]);
        }
      }
      expect(got[0].slice(3, 6)).toEqual(['02108', '2023-01-01', '2024-01-01T09:30:15']);
      expect(got[1][3]).toBe('00501');
    });
  }

  it('finds merged header cells recorded after a sheet longer than the sample, and reads strings only as far as the sample needs', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'shop.xlsx');
    await shopWorkbook(file);
    const warnings: string[] = [];
    const sample = await sampleWorkbook(file, ParseOptionsSchema.parse({ sheet: 'Customers' }), 10, warnings);
    expect(sample.records[1]).toEqual(['Customer ID', 'Name', 'Name', 'Zip', 'Signed up', 'Last visit', 'Spend', 'Spend incl. tax']);
    expect(sample.records).toHaveLength(10);
    expect(sample.records[2].slice(0, 4)).toEqual(['C001', 'Anna', 'Lee', '02108']);
    expect(sample.sheets.find((s) => s.name === 'Customers')?.rows).toBe(42);
  });

  it('joins a header of merged group names over sub-headers', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'shop.xlsx');
    await shopWorkbook(file);
    const { engine, api } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: file, options: { sheet: 'Grouped' } });
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['Contact email', 'text'],
      ['Contact phone', 'text'],
      ['Purchases count', 'integer'],
      ['Purchases total', 'number'],
    ]);
    expect(result.rows).toBe(10);
  });

  it('names what to do with a legacy .xls, an unknown sheet and a damaged workbook, storing nothing', async () => {
    const dir = tmpDir();
    const xls = path.join(dir, 'old.xls');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    const good = path.join(dir, 'shop.xlsx');
    await shopWorkbook(good);
    const cut = path.join(dir, 'cut.xlsx');
    fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, 2000));
    const { engine, api, file: ws } = await engineWithWorkspace();
    const before = snapshot(ws);
    const a = await importFile(engine, api, { path: xls });
    expect(a.status.error?.message).toMatch(/old\.xls: this is a legacy Excel 97-2003 workbook \(\.xls\).*save it as an Excel workbook \(\.xlsx\)/);
    const b = await importFile(engine, api, { path: good, options: { sheet: 'Orders' } });
    expect(b.status.error?.message).toMatch(/no sheet named "Orders" \(sheets: Notes, Customers, Grouped\)/);
    const c = await importFile(engine, api, { path: cut });
    expect(c.status.error?.message).toMatch(/cut\.xlsx: not a readable Excel workbook/);
    expect(snapshot(ws)).toBe(before);
  });
});
