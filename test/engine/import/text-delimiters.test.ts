import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { pandasPython } from '../rfm/reference';
import { importFile } from './helpers';

/** A purchase log in CDNOW_master.txt's layout: right-aligned, space-padded, no header (customer id, yyyymmdd, quantity, amount). */
function cdnow(file: string, n: number): void {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(1 + Math.floor(i / 3)).padStart(5, '0');
    const day = new Date(Date.UTC(1997, 0, 1) + Math.floor(rnd() * 540) * 86400000);
    const ymd = day.toISOString().slice(0, 10).replaceAll('-', '');
    const qty = 1 + Math.floor(rnd() * 5);
    const amount = (rnd() * 100 * qty).toFixed(2);
    lines.push(`${id.padStart(8)}${ymd.padStart(10)}${String(qty).padStart(5)}${amount.padStart(8)}`);
  }
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
}

const NAMES = ['customer_id', 'date', 'quantity', 'amount'];

describe('import: whitespace, fixed-width and custom delimiters', () => {
  it('reads the CDNOW log (runs of spaces, no header) as 4 typed columns named by the user; the names carry over to the next version', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'CDNOW_master.txt');
    cdnow(file, 6000);
    const { engine, api, file: ws } = await engineWithWorkspace();
    const preview = await api.datasets.preview({ path: file });
    expect(preview.detected).toMatchObject({ delimiter: 'whitespace', header: false, format: 'csv' });
    expect(preview.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3', 'column_4']);
    expect(preview.oneColumn ?? null).toBeNull();

    const { status, result } = await importFile(engine, api, {
      path: file,
      as: 'transactions',
      id: 'customer_id',
      options: { delimiter: 'whitespace', header: false, columnNames: NAMES },
    });
    expect(status.error).toBeUndefined();
    expect(result).toMatchObject({ rows: 6000, cellErrors: 0, delimiter: 'whitespace', format: 'csv' });
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['customer_id', 'text'],
      ['date', 'date'],
      ['quantity', 'integer'],
      ['amount', 'number'],
    ]);
    const db = new Database(ws, { readonly: true });
    const first = db.prepare('SELECT * FROM cdnow_master LIMIT 1').get() as Record<string, unknown>;
    expect(first.customer_id).toBe('00001');
    expect(String(first.date)).toMatch(/^199[78]-\d\d-\d\d$/);
    const agg = db.prepare('SELECT count(DISTINCT customer_id) AS c, sum(quantity) AS q, round(sum(amount), 2) AS a FROM cdnow_master').get() as { c: number; q: number; a: number };
    db.close();

    // Independent reading of the same file: pandas with a whitespace separator.
    const py = pandasPython();
    if (py) {
      const r = spawnSync(
        py,
        ['-c', `import pandas as pd,sys,json; d=pd.read_csv(sys.argv[1], sep=r'\\s+', header=None, dtype={0:str}); print(json.dumps([int(d[0].nunique()), int(d[2].sum()), round(float(d[3].sum()),2)]))`, file],
        { encoding: 'utf8' },
      );
      expect(r.status).toBe(0);
      expect([agg.c, agg.q, agg.a]).toEqual(JSON.parse(r.stdout));
    }

    // Next month's log: the same names come back without being given again.
    const again = await api.datasets.preview({ path: file });
    expect(again.columns.map((c) => c.name)).toEqual(NAMES);
    expect(again.warnings.join(' ')).toMatch(/previous version/);
  });

  it('detects fixed-width columns (values with spaces inside) and imports them with editable widths', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'members.txt');
    const rows = [
      ['id', 'name', 'city', 'spend'],
      ['1', 'Anna Maria Lee', 'New York', '12.50'],
      ['2', 'Bo Li', 'Los Angeles', '7.00'],
      ['3', 'Carl de Vries', 'San Jose', '1234.75'],
      ['4', 'Dee', 'Boston', '0.99'],
    ];
    const widths = [4, 16, 13, 8];
    fs.writeFileSync(file, rows.map((r) => r.map((v, i) => v.padEnd(widths[i])).join('').trimEnd()).join('\n') + '\n');
    const { engine, api, file: ws } = await engineWithWorkspace();
    const preview = await api.datasets.preview({ path: file });
    expect(preview.detected).toMatchObject({ delimiter: 'fixed', format: 'fixed', header: true, widths: [4, 16, 13, 7] });
    expect(preview.raw[0]).toEqual(['1', 'Anna Maria Lee', 'New York', '12.50']);

    // Widths given by the user (here merging name and city into one column) win over detection.
    const merged = await api.datasets.preview({ path: file, options: { delimiter: 'fixed', widths: [4, 29, 8] } });
    expect(merged.raw[1]).toEqual(['2', 'Bo Li           Los Angeles', '7.00']);

    const { result } = await importFile(engine, api, { path: file });
    expect(result).toMatchObject({ rows: 4, cellErrors: 0, format: 'fixed', delimiter: 'fixed' });
    expect(result.columns.map((c) => c.type)).toEqual(['text', 'text', 'text', 'number']);
    const db = new Database(ws, { readonly: true });
    expect(db.prepare('SELECT name, city, spend FROM members WHERE id = ?').get('3')).toEqual({ name: 'Carl de Vries', city: 'San Jose', spend: 1234.75 });
    db.close();
  });

  it('reads any single character as the delimiter, and "space" as one space each', async () => {
    const dir = tmpDir();
    const tilde = path.join(dir, 'tilde.txt');
    fs.writeFileSync(tilde, 'id~name~spend\n1~A, B~3.5\n2~C~4\n');
    const { engine, api } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: tilde, options: { delimiter: '~' } });
    expect(result).toMatchObject({ rows: 2, delimiter: '~', format: 'csv' });
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'name', 'spend']);
    const space = path.join(dir, 'space.txt');
    fs.writeFileSync(space, 'a b c\n1  3\n4 5 6\n');
    const p = await api.datasets.preview({ path: space, options: { delimiter: 'space' } });
    expect(p.raw).toEqual([
      ['1', '', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('keeps the extra fields of a longer whitespace line as a cell error naming its row', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'log.txt');
    fs.writeFileSync(file, 'id  day       qty\n01  20240101  1\n02  20240102  2  oops  more\n03  20240103  3\n');
    const { engine, api } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: file, options: { delimiter: 'whitespace' } });
    expect(result).toMatchObject({ rows: 3, cellErrors: 1 });
    const { errors } = await api.datasets.errors({ name: 'log' });
    expect(errors[0]).toMatchObject({ row: 2, column: '(extra fields)', raw: 'oops more' });
  });

  it('warns when a line with obvious separators was read as one column, and proposes the delimiter', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'log.txt');
    cdnow(file, 50);
    const { api } = await engineWithWorkspace();
    const p = await api.datasets.preview({ path: file, options: { delimiter: ',' } });
    expect(p.columns).toHaveLength(1);
    expect(p.oneColumn).toMatchObject({ delimiter: 'whitespace' });
    expect(p.warnings.join(' ')).toMatch(/only one column was found/);
  });

  it('names column_1… by default when there is no header, and --columns renames a header', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'nohead.csv');
    fs.writeFileSync(file, '1,2024-01-05,3.5\n2,2024-02-01,4\n3,2024-03-01,1.25\n');
    const { api } = await engineWithWorkspace();
    const p = await api.datasets.preview({ path: file });
    expect(p.detected.header).toBe(false);
    expect(p.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    const named = await api.datasets.preview({ path: file, options: { columnNames: ['id', 'day'] } });
    expect(named.columns.map((c) => c.name)).toEqual(['id', 'day', 'column_3']);
  });
});
