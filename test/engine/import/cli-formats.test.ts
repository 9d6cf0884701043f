import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

describe('CLI import of other formats', () => {
  it('takes --delimiter, --widths, --no-header, --columns and --sheet, and reports the format', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'log.txt'), '   00001  19970101    1   11.77\n   00002  19970112    2   12.00\n   00003  19970102    2   20.76\n');
    const a = cli(['import', 'log.txt', '--workspace', 'ws.sdw', '--delimiter', 'whitespace', '--no-header', '--columns', 'customer_id,date,quantity,amount', '--json'], dir);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toMatchObject({ dataset: 'log', rows: 3, format: 'csv', delimiter: 'whitespace' });
    expect(out.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual(['customer_id:text', 'date:date', 'quantity:integer', 'amount:number']);

    fs.writeFileSync(path.join(dir, 'fixed.txt'), '0001Anna Lee  12.5\n0002Bo        7.0\n');
    const b = JSON.parse(cli(['import', 'fixed.txt', '--workspace', 'ws.sdw', '--delimiter', 'fixed', '--widths', '4,8,6', '--no-header', '--json'], dir).stdout);
    expect(b).toMatchObject({ rows: 2, format: 'fixed' });
    expect(b.columns.map((c: { name: string }) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Intro').addRow(['hello']);
    const s = wb.addWorksheet('Data');
    s.addRow(['id', 'spend']);
    s.addRow(['A1', 3.5]);
    await wb.xlsx.writeFile(path.join(dir, 'book.xlsx'));
    const c = JSON.parse(cli(['import', 'book.xlsx', '--workspace', 'ws.sdw', '--sheet', '2', '--json'], dir).stdout);
    expect(c).toMatchObject({ rows: 1, format: 'xlsx' });
    const byName = JSON.parse(cli(['import', 'book.xlsx', '--workspace', 'ws.sdw', '--sheet', 'Data', '--name', 'data', '--json'], dir).stdout);
    expect(byName.columns.map((x: { name: string }) => x.name)).toEqual(['id', 'spend']);
    const bad = cli(['import', 'fixed.txt', '--workspace', 'ws.sdw', '--widths', '4,x'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--widths 4,x/);
  });
});
