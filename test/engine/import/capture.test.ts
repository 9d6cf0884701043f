import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMirror } from '../../../electron/engine/mirror/build';
import { loadColumn, loadIds, STORE_TABLE } from '../../../electron/engine/mirror/store';
import type { MirrorColumn } from '../../../electron/engine/mirror/types';
import { columnsOf, versionTable } from '../../../electron/engine/workspace/catalog';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { quoteIdent } from '../../../electron/engine/db/open';
import { engineWithWorkspace } from '../../helpers/engine';
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
async function compareImport(file: string, opts: { as?: 'customers' | 'transactions'; id?: string } = {}): Promise<{ stored: number; typed: number; ids: boolean }> {
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
    const typed = cols.filter((c) => c.type !== 'text' && c.name !== scanned.idColumn).length;
    return { stored, typed, ids: ids !== null };
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
  });

  it('on fixtures with bad cells, yes/no words, ambiguous and US dates, leading zeros, mixed line ends', async () => {
    for (const name of ['bad-cells.csv', 'bools-langs.csv', 'dates-ambiguous.csv', 'dates-mdy.csv', 'leading-zeros.csv', 'mixed-eol.csv']) await compareImport(fixture(name));
  });

  it('when types widen beyond the inference sample, numbers go where text was, and there is no ID column (several blocks of rows)', async () => {
    const dir = tmpDir();
    const rows = ['id,n,flag,cat,when,code'];
    for (let i = 0; i < 150_000; i++) {
      const late = i > 140_000;
      // n: whole numbers, then fractions; flag: 0/1, then 2; cat: words, then a number; when: dates, then a datetime; code: digits with leading zeros.
      rows.push([`C${i}`, late ? `${i}.5` : String(i % 97), late && i % 7 === 0 ? '2' : String(i % 2), late && i % 11 === 0 ? '42' : ['a', 'b', ''][i % 3], late ? `2024-03-0${1 + (i % 9)} 10:1${i % 10}:00` : `2023-1${i % 3}-1${i % 10}`, String(i % 1000).padStart(5, '0')].join(','));
    }
    const f = path.join(dir, 'widen.csv');
    fs.writeFileSync(f, `${rows.join('\n')}\n`);
    const withId = await compareImport(f, { id: 'id' });
    expect(withId.stored).toBeGreaterThan(0);
    expect(withId.ids).toBe(true);
    // Without an ID column the mirror's IDs are the row numbers.
    fs.writeFileSync(f, `${rows.map((r) => r.slice(r.indexOf(',') + 1)).join('\n')}\n`);
    expect((await compareImport(f)).ids).toBe(true);
  }, 120_000);

  it('leaves transactions to their first read (order lines are read by SQL)', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    await importFile(engine, api, { path: path.resolve(__dirname, '../../../assets/demo/orders.csv'), name: 'orders', as: 'transactions' });
    engine.close();
    const ws = Workspace.open(file);
    const has = ws.db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(STORE_TABLE) ? (ws.db.prepare(`SELECT count(*) FROM ${STORE_TABLE} WHERE dataset = 'orders'`).pluck().get() as number) : 0;
    ws.close();
    expect(has).toBe(0);
  });

  const SETS = ['Mall_Customers.csv', 'bank-full.csv', 'telco_customer_churn.csv', 'marketing_campaign.csv', 'synthetic_customers.csv', 'synthetic_customers_pl_cp1250.csv'];
  for (const name of SETS) {
    const file = sharedData(name);
    it.skipIf(!file)(`on ${name} (skipped when ../shared/data is absent)`, async () => {
      const r = await compareImport(file!);
      expect(r.stored).toBeGreaterThan(0);
    }, 120_000);
  }
});
