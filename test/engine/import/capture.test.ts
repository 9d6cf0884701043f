import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMirror } from '../../../electron/engine/mirror/build';
import Database from 'better-sqlite3';
import { applyCapture, BlockCollector, ColumnCapture, writeBlocks } from '../../../electron/engine/import/capture';
import { IDS_ENTRY, ImportedColumns, loadColumn, loadIds, loadKeys } from '../../../electron/engine/mirror/store';
import type { MirrorColumn } from '../../../electron/engine/mirror/types';
import { columnsOf, versionTable } from '../../../electron/engine/workspace/catalog';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { quoteIdent } from '../../../electron/engine/db/open';
import { engineWithWorkspace } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';
import { sharedData, tmpDir } from '../../helpers/tmp';
import { fixture, importFile } from './helpers';

/**
 * The typed columns an import keeps for the stored columnar copy (import/capture.ts) must be, byte for
 * byte, the columns a scan of the version table builds (mirror/build.ts), on real files in every
 * encoding, delimiter and locale we meet, and on files whose types widen beyond the inference sample.
 */
function bytesOf(c: MirrorColumn): Buffer[] {
  return c.kind === 'text' ? [Buffer.from(c.codes.buffer, c.codes.byteOffset, c.codes.byteLength), Buffer.from(JSON.stringify(c.dictionary)), Buffer.from(c.counts.buffer, c.counts.byteOffset, c.counts.byteLength)] : [Buffer.from(c.values.buffer, c.values.byteOffset, c.values.byteLength)];
}

/** Imports `file` and compares each stored column with a scan of the table; returns how many were stored. */
async function compareImport(file: string, opts: { as?: 'customers' | 'transactions'; id?: string } = {}): Promise<{ stored: number; typed: number; ids: boolean; keys: boolean }> {
  const { engine, api, file: wsFile } = await engineWithWorkspace();
  const { status, result } = await importFile(engine, api, { path: file, name: 'data', ...opts });
  expect(status.error, file).toBeUndefined();
  engine.close();
  const ws = Workspace.open(wsFile);
  try {
    const db = ws.db;
    const version = result.version;
    const rid = db.prepare(`SELECT count(*) AS rows, coalesce(max(rowid), 0) AS maxRowid FROM ${quoteIdent(versionTable(db, 'data'))}`).get() as { rows: number; maxRowid: number };
    const scanned = buildMirror(db, 'data', version, false);
    const cols = columnsOf(db, 'data');
    let stored = 0;
    for (const c of cols) {
      const hit = loadColumn(db, 'data', version, c.name, c.type, rid);
      if (!hit) continue;
      stored++;
      const built = scanned.columns.get(c.name)!;
      expect(hit.kind, `${path.basename(file)}: ${c.name}`).toBe(built.kind);
      const [a, b] = [bytesOf(hit), bytesOf(built)];
      a.forEach((buf, i) => expect(buf.equals(b[i]), `${path.basename(file)}: column ${c.name} (${c.type}) part ${i}`).toBe(true));
    }
    const ids = loadIds(db, 'data', version, scanned.idColumn, rid);
    if (ids) expect(ids, `${path.basename(file)}: ids`).toEqual(scanned.ids);
    // Keys are kept only when every row is a customer of its own, which the IDs must then say too.
    const keys = loadKeys(db, 'data', version, scanned.idColumn, rid);
    if (keys) {
      expect(keys).toEqual({ unique: true, distinct: scanned.rows, codes: null });
      expect(new Set(scanned.ids).size).toBe(scanned.rows);
      expect(scanned.ids.includes('')).toBe(false);
    }
    const typed = cols.filter((c) => c.type !== 'text' && c.name !== scanned.idColumn).length;
    return { stored, typed, ids: ids !== null, keys: keys !== null };
  } finally {
    ws.close();
  }
}

describe('import keeps typed columns equal to a scan of the table', () => {
  it('on the demo customers: every typed column and the IDs', async () => {
    const r = await compareImport(path.resolve(__dirname, '../../../assets/demo/customers.csv'));
    expect(r.stored).toBe(r.typed);
    expect(r.stored).toBeGreaterThan(8);
    expect(r.ids).toBe(true);
    // The demo repeats 13 customer IDs: their keys are numbered on first use, not kept by the import.
    expect(r.keys).toBe(false);
  });

  it('on the demo customers parsed on the importing thread itself (one core): the same columns', async () => {
    const before = process.env.SEGMENTDESK_IMPORT_THREADS;
    process.env.SEGMENTDESK_IMPORT_THREADS = '1';
    try {
      const r = await compareImport(path.resolve(__dirname, '../../../assets/demo/customers.csv'));
      expect(r.stored).toBe(r.typed);
      expect(r.ids).toBe(true);
    } finally {
      if (before === undefined) delete process.env.SEGMENTDESK_IMPORT_THREADS;
      else process.env.SEGMENTDESK_IMPORT_THREADS = before;
    }
  });

  it('on fixtures with bad cells, yes/no words, ambiguous and US dates, leading zeros, mixed line ends', async () => {
    for (const name of ['bad-cells.csv', 'bools-langs.csv', 'dates-ambiguous.csv', 'dates-mdy.csv', 'leading-zeros.csv', 'mixed-eol.csv']) await compareImport(fixture(name));
  });

  it('when types widen beyond the inference sample, numbers go where text was, and there is no ID column (several blocks of rows)', async () => {
    const dir = tmpDir();
    const rows = ['id,n,flag,cat,when,code,many,big'];
    for (let i = 0; i < 150_000; i++) {
      const late = i > 140_000;
      // n: whole numbers, then fractions; flag: 0/1, then 2; cat: words, then a number; when: dates, then a datetime; code: digits with leading zeros.
      // many: a category of 1,000 values (two-byte codes); big: whole numbers past int32 after the first blocks (blocks of both widths).
      rows.push(
        [
          `C${i}`,
          late ? `${i}.5` : String(i % 97),
          late && i % 7 === 0 ? '2' : String(i % 2),
          late && i % 11 === 0 ? '42' : ['a', 'b', ''][i % 3],
          late ? `2024-03-0${1 + (i % 9)} 10:1${i % 10}:00` : `2023-1${i % 3}-1${i % 10}`,
          String(i % 1000).padStart(5, '0'),
          `v${(i * 7919) % 1000}`,
          String(i * 20_000),
        ].join(','),
      );
    }
    const f = path.join(dir, 'widen.csv');
    fs.writeFileSync(f, `${rows.join('\n')}\n`);
    const withId = await compareImport(f, { id: 'id' });
    expect(withId.stored).toBeGreaterThan(0);
    expect(withId.ids).toBe(true);
    expect(withId.keys).toBe(true);
    // Without an ID column the mirror's IDs are the row numbers.
    fs.writeFileSync(f, `${rows.map((r) => r.slice(r.indexOf(',') + 1)).join('\n')}\n`);
    expect((await compareImport(f)).ids).toBe(true);
  }, 120_000);

  it('keeps an orders file\'s typed columns and its customer column as codes, without IDs or keys (its lines are not customers)', async () => {
    const orders = [path.resolve(__dirname, '../../../assets/demo/orders.csv'), generatedCustomers().orders, sharedData('online_retail.csv')].filter((f): f is string => f !== null);
    for (const f of orders) {
      const r = await compareImport(f, { as: 'transactions' });
      // Every typed column, and the customer column (text as codes, or integer IDs as numbers).
      expect(r.stored, f).toBe(r.typed + 1);
      expect(r.ids, f).toBe(false);
      expect(r.keys, f).toBe(false);
    }
  }, 300_000);

  const SETS = ['Mall_Customers.csv', 'bank-full.csv', 'telco_customer_churn.csv', 'marketing_campaign.csv', 'synthetic_customers.csv', 'synthetic_customers_pl_cp1250.csv'];
  for (const name of SETS) {
    const file = sharedData(name);
    it.skipIf(!file)(`on ${name} (skipped when ../shared/data is absent)`, async () => {
      const r = await compareImport(file!);
      expect(r.stored).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe('stored blocks in every width read back as the values taken', () => {
  it('category codes in one, two and four bytes; whole numbers as int32 and others as float64, in one column', () => {
    const db = new Database(':memory:');
    const out = new ImportedColumns(db, 'd', 1);
    const cols = [
      { name: 'small', type: 'category' as const },
      { name: 'wide', type: 'category' as const },
      { name: 'huge', type: 'category' as const },
      { name: 'n', type: 'number' as const },
    ];
    const cap = new ColumnCapture(new BlockCollector(), cols, -1, IDS_ENTRY);
    const rows = 200_000;
    const want = { small: [] as (string | null)[], wide: [] as string[], huge: [] as string[], n: [] as number[] };
    const buf: (string | number | null)[] = [];
    for (let i = 0; i < rows; i++) {
      const small = i % 5 === 0 ? null : `s${i % 7}`;
      const row = [small, `w${(i * 31) % 2000}`, `h${i % 90_000}`, i < 70_000 ? i % 50 : i % 3 === 0 ? NaN : i + 0.25];
      want.small.push(small);
      want.wide.push(row[1] as string);
      want.huge.push(row[2] as string);
      want.n.push(row[3] as number);
      buf.push(...(row.map((v) => (typeof v === 'number' && Number.isNaN(v) ? null : v)) as (string | number | null)[]));
    }
    cap.take(buf, rows, cols.length);
    const blocks = cap.drain();
    writeBlocks(out, blocks);
    const stamp = { rows, maxRowid: rows };
    expect(applyCapture(out, cap.finish(), cols, null, IDS_ENTRY, stamp, true)).toEqual({ columns: 4, ids: true });
    const formats = db.prepare("SELECT DISTINCT type FROM mirror_columns WHERE type LIKE 'block:%' ORDER BY type").pluck().all();
    expect(formats).toEqual(['block:f64', 'block:i32c', 'block:i32n', 'block:u16c', 'block:u8c']);
    const text = (name: string) => {
      const c = loadColumn(db, 'd', 1, name, 'category', stamp);
      if (c?.kind !== 'text') throw new Error(`${name} not loaded`);
      return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
    };
    expect(text('small')).toEqual(want.small);
    expect(text('wide')).toEqual(want.wide);
    expect(text('huge')).toEqual(want.huge);
    const n = loadColumn(db, 'd', 1, 'n', 'number', stamp);
    expect(n?.kind === 'number' && Array.from(n.values)).toEqual(want.n);
    expect(loadIds(db, 'd', 1, null, stamp)?.slice(0, 3)).toEqual(['1', '2', '3']);
    db.close();
  });
});
