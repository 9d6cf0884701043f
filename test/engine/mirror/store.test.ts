import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/contract/client';
import { Engine } from '../../../electron/engine/engine';
import { getMirror } from '../../../electron/engine/mirror';
import { STORE_TABLE } from '../../../electron/engine/mirror/store';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { LYON, writeCustomers } from './fixture';

/** The stored columnar copy's entries for a dataset, as any SQLite client reads them. */
function stored(file: string, dataset = 'customers'): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(STORE_TABLE);
    // Entries, not the blocks an import writes them in.
    return has ? (db.prepare(`SELECT name FROM ${STORE_TABLE} WHERE dataset = ? AND type NOT LIKE 'block%' ORDER BY name`).pluck().all(dataset) as string[]) : [];
  } finally {
    db.close();
  }
}

/** A second engine on the file, as a fresh process opening the workspace is. */
async function fresh(file: string) {
  const engine = new Engine({ headless: true });
  const api = createApi((req) => engine.invoke(req));
  await api.workspace.open({ path: file });
  return { engine, api };
}

/** A workspace with the 60-customer fixture imported as `customers`. */
async function withCustomers() {
  const a = await engineWithWorkspace();
  expect((await runJob(a.engine, a.api, 'import', { path: writeCustomers(a.dir), name: 'customers' })).status.state).toBe('done');
  return a;
}

describe('the stored columnar copy (#20)', () => {
  it('keeps the typed columns from the import, reads text columns only when a rule needs them, and a fresh process counts from the stored copy', async () => {
    const a = await withCustomers();
    // The import kept the typed columns (city, a category; spend), the IDs and, every ID being a customer of its own, the
    // customer keys; the e-mail (free text) waits for a rule that reads it.
    expect(stored(a.file)).toEqual(['\u0000ids', '\u0000keys', 'city', 'spend']);
    const m = getMirror(a.engine.ctx.ws(), 'customers');
    expect(m.rows).toBe(60);
    expect(m.columns.size).toBe(4);
    const first = await a.api.segments.count({ dataset: 'customers', rule: LYON });
    expect(first.count).toBe(20);
    expect(stored(a.file)).toEqual(['\u0000ids', '\u0000keys', 'city', 'spend']);
    a.engine.close();

    const b = await fresh(a.file);
    const again = await b.api.segments.count({ dataset: 'customers', rule: { all: [LYON, { field: 'spend', op: 'gt', value: 300 }, { field: 'email', op: 'contains', value: '@example.org' }] } });
    expect(again.count).toBe(10);
    expect(stored(a.file)).toEqual(['\u0000ids', '\u0000keys', 'city', 'email', 'spend']);
    // The stored column is what a scan gives, value for value.
    const col = getMirror(b.engine.ctx.ws(), 'customers').columns.get('spend');
    expect(col?.kind === 'number' && Array.from(col.values)).toEqual(Array.from({ length: 60 }, (_, i) => (i + 1) * 10));
    // Iterating reads every column, in the file's order.
    expect([...getMirror(b.engine.ctx.ws(), 'customers').columns.keys()]).toEqual(['customer_id', 'email', 'city', 'spend']);
    b.engine.close();
  });

  it('is dropped by an erasure, so the erased customer is nowhere in the file, and rebuilt for the next count', async () => {
    const a = await withCustomers();
    // Store the e-mail column too: it holds c3@example.org as text in a BLOB the row deletes cannot reach.
    await a.api.segments.count({ dataset: 'customers', rule: { field: 'email', op: 'eq', value: 'c3@example.org' } });
    expect(stored(a.file)).toContain('email');
    const preview = await a.api.erasure.preview({ dataset: 'customers', ids: ['C0003'] });
    expect(preview.places.map((p) => p.place)).toContain('stored columns (fast counts)');
    expect((await a.api.erasure.erase({ dataset: 'customers', ids: ['C0003'] })).erased).toBe(1);
    expect(stored(a.file)).toEqual([]);
    a.engine.close();
    for (const f of [a.file, `${a.file}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes('c3@example.org'), f).toBe(false);

    const b = await fresh(a.file);
    expect((await b.api.segments.count({ dataset: 'customers', rule: LYON })).count).toBe(19);
    expect(stored(a.file)).toEqual(['\u0000ids', '\u0000keys', 'city']);
    b.engine.close();
  });

  it('is not used when the rows changed under it (a row deleted by another program): the next process scans again', async () => {
    const a = await withCustomers();
    expect((await a.api.segments.count({ dataset: 'customers', rule: LYON })).count).toBe(20);
    a.engine.close();
    const raw = new Database(a.file);
    const table = raw.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'customers'").pluck().get() as string;
    raw.prepare(`DELETE FROM "${table}" WHERE customer_id IN ('C0003', 'C0006')`).run();
    raw.close();

    const b = await fresh(a.file);
    const count = await b.api.segments.count({ dataset: 'customers', rule: LYON });
    expect(count.count).toBe(18);
    expect(count.total).toBe(58);
    b.engine.close();
  });

  it('keeps the IDs and customer keys with the ID column they came from, and reads them again for another', async () => {
    const a = await withCustomers();
    expect((await a.api.segments.count({ dataset: 'customers', rule: LYON })).total).toBe(60);
    a.engine.close();
    // Another program names another ID column (as a later version may): 60 rows are 2 cities.
    const raw = new Database(a.file);
    raw.prepare("UPDATE datasets SET id_column = 'city' WHERE name = 'customers'").run();
    raw.close();
    const b = await fresh(a.file);
    const count = await b.api.segments.count({ dataset: 'customers', rule: LYON });
    expect(count.total).toBe(2);
    expect(count.count).toBe(1);
    b.engine.close();
  });

  it('stays out of a copy for sharing (it holds PII values the stripping cannot see)', async () => {
    const a = await withCustomers();
    await a.api.segments.count({ dataset: 'customers', rule: { field: 'email', op: 'ends_with', value: '@example.org' } });
    expect(stored(a.file)).toContain('email');
    const out = path.join(a.dir, 'shared.sdw');
    await a.api.exports.shareCopy({ out, mode: 'strip-pii' });
    a.engine.close();
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(STORE_TABLE)).toBeUndefined();
    copy.close();
    expect(fs.readFileSync(out).includes('c3@example.org')).toBe(false);
  });

  it('keeps only the current version: a re-import replaces the stored columns at the next count', async () => {
    const a = await engineWithWorkspace();
    const csv = writeCustomers(a.dir);
    expect((await runJob(a.engine, a.api, 'import', { path: csv, name: 'customers' })).status.state).toBe('done');
    await a.api.segments.count({ dataset: 'customers', rule: LYON });
    fs.appendFileSync(csv, 'C0061,c61@example.org,Lyon,610\n');
    expect((await runJob(a.engine, a.api, 'import', { path: csv, name: 'customers' })).status.state).toBe('done');
    expect((await a.api.segments.count({ dataset: 'customers', rule: LYON })).count).toBe(21);
    const db = new Database(a.file, { readonly: true });
    expect(db.prepare(`SELECT DISTINCT version FROM ${STORE_TABLE} WHERE dataset = 'customers'`).pluck().all()).toEqual([2]);
    db.close();
    a.engine.close();
  });
});

describe('values derived from the data, kept with the stored copy', () => {
  it('keeps the as-of date and the order-history SQL for the next process, and derives them again when the data changes', async () => {
    const a = await engineWithWorkspace();
    const customers = path.join(a.dir, 'c.csv');
    const orders = path.join(a.dir, 'o.csv');
    fs.writeFileSync(customers, 'customer_id,signup_date\nC1,2024-01-05\nC2,2024-03-01\nC3,2024-02-01\n');
    fs.writeFileSync(orders, 'order_id,customer_id,order_date,amount\n1,C1,2024-05-01,10\n2,C2,2024-06-30,20\n3,C3,2024-06-01,5\n');
    expect((await runJob(a.engine, a.api, 'import', { path: customers, name: 'customers' })).status.state).toBe('done');
    expect((await runJob(a.engine, a.api, 'import', { path: orders, name: 'orders', as: 'transactions', link: 'customers' })).status.state).toBe('done');
    const rule = { field: 'total_spend', op: 'gt', value: 6 };
    const first = await a.api.segments.count({ dataset: 'customers', rule });
    expect(first.count).toBe(2);
    expect(first.asOf).toBe('2024-03-01');
    a.engine.close();
    const memos = () => {
      const db = new Database(a.file, { readonly: true });
      try {
        return Object.fromEntries((db.prepare(`SELECT name, extra FROM ${STORE_TABLE} WHERE dataset = ?`).raw(true).all('\u0000memo') as [string, string][]).map(([k, v]) => [k, JSON.parse(v) as unknown]));
      } finally {
        db.close();
      }
    };
    expect(memos()['as-of:customers']).toMatchObject({ asOf: '2024-03-01' });
    expect(memos()['order-stats:4:orders']).toMatchObject({ asOf: '2024-06-30' });

    // Another program changes the stored answer (as a stale copy would be): the next process believes it...
    const raw = new Database(a.file);
    raw.prepare(`UPDATE ${STORE_TABLE} SET extra = ? WHERE dataset = ? AND name = ?`).run(JSON.stringify({ asOf: '2024-02-15', source: 'planted' }), '\u0000memo', 'as-of:customers');
    raw.close();
    const b = await fresh(a.file);
    expect((await b.api.segments.count({ dataset: 'customers', rule })).asOf).toBe('2024-02-15');
    // ...until the data it was derived from changes: the erasure of C2 (the latest sign-up) gives the next date.
    expect((await b.api.erasure.erase({ dataset: 'customers', ids: ['C2'] })).erased).toBe(1);
    const after = await b.api.segments.count({ dataset: 'customers', rule });
    expect(after.asOf).toBe('2024-02-01');
    expect(after.count).toBe(1);
    b.engine.close();
    expect(memos()['as-of:customers']).toMatchObject({ asOf: '2024-02-01' });
  });
});
