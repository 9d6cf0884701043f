import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvWriter } from '../../../electron/engine/export/csv-writer';
import { XlsxWriter } from '../../../electron/engine/export/xlsx-writer';
import { neutraliseCell } from '../../../electron/engine/export/neutralise';
import { tmpDir } from '../../helpers/tmp';

const NASTY = ['=HYPERLINK("http://x","y")', '@SUM(1)', '+1+1', '-2+3', '\t=1', '\r=1', 'plain', 'O\'Brien, "Jim"'];

describe('formula-injection neutralisation', () => {
  it('prefixes every trigger character with a quote and leaves the rest alone', () => {
    expect(neutraliseCell('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-1')).toBe("'-1");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell('\rx')).toBe("'\rx");
    expect(neutraliseCell('\n=1+1')).toBe("'\n=1+1");
    expect(neutraliseCell('\r\n=cmd')).toBe("'\r\n=cmd");
    expect(neutraliseCell('Olivia')).toBe('Olivia');
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBeNull();
  });

  it('writes inert CSV: every text field quoted, triggers prefixed, BOM and delimiter honoured', async () => {
    const file = path.join(tmpDir(), 'x.csv');
    const w = new CsvWriter(file, { delimiter: ';', bom: true });
    await w.header(['name', 'n']);
    for (const [i, s] of NASTY.entries()) await w.row([s, i - 2]);
    await w.close();
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://x"",""y"")";-2');
    expect(lines[2]).toBe('"\'@SUM(1)";-1');
    const parsed = Papa.parse<string[]>(text.trimEnd(), { delimiter: ';' });
    const names = parsed.data.slice(1).map((r) => r[0]);
    expect(names).toEqual(NASTY.map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)));
    // No field a spreadsheet would evaluate: nothing starts with a trigger once unquoted.
    for (const n of names) expect(n).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes inert XLSX: read back with exceljs, no cell is a formula', async () => {
    const file = path.join(tmpDir(), 'x.xlsx');
    const w = new XlsxWriter(file, 'Members');
    await w.header(['name', 'n']);
    for (const [i, s] of NASTY.entries()) await w.row([s, i - 2]);
    await w.close();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Members')!;
    expect(sheet.rowCount).toBe(NASTY.length + 1);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const name = sheet.getRow(r).getCell(1);
      expect(name.type).toBe(ExcelJS.ValueType.String);
      expect(name.formula).toBeUndefined();
      expect(String(name.value)).not.toMatch(/^[=+\-@\t\r]/);
      expect(sheet.getRow(r).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    }
    expect(sheet.getRow(2).getCell(1).value).toBe('\'=HYPERLINK("http://x","y")');
    expect(sheet.getRow(3).getCell(1).value).toBe("'@SUM(1)");
  });
});
