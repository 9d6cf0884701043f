import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { customerDataSets } from '../../helpers/data';
import { importFile } from '../fairness/load';
import { registerErasableTable } from '../../../electron/engine/erasure/registry';


/** Every byte the workspace has on disk: the main file, its WAL and shared-memory index. */
function workspaceBytes(file: string): Buffer {
  return Buffer.concat(['', '-wal', '-shm', '-journal'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)));
}

// C0012345 is 8 characters like every ID, so it is no other customer's ID or part of one.
const ID = 'C0012345';
const EMAIL = 'josx.martin12345@example.com';
const OTHER = 'C0012346';

describe.each(customerDataSets())('erasure (right to be forgotten) on $label', ({ customers, orders }) => {
  // Imports of 20k customers and 214k orders, RFM and a clustering: slow on a busy machine.
  it("removes a customer's ID and e-mail from every byte of the workspace, including the WAL, and logs it without them", async () => {
    const { engine, api, file } = await engineWithWorkspace();
    await importFile(engine, api, { path: customers, name: 'customers' });
    await importFile(engine, api, { path: customers, name: 'customers' }); // a second version holds the customer too
    await importFile(engine, api, { path: orders, name: 'orders', as: 'transactions', link: 'customers' });
    // Derived places: a segment snapshot that includes the customer, and a table another capability registered.
    await api.segments.save({ dataset: 'customers', name: 'montreal', rule: { field: 'city', op: 'eq', value: 'Montréal' } });
    await api.rfm.compute({ transactions: 'orders', asOf: '2026-11-01' });
    // Recomputing replaces every score row: the old cells stay behind as free space unless erasure deals with them.
    await api.rfm.compute({ transactions: 'orders', asOf: '2026-10-01' });
    await api.segments.save({ dataset: 'customers', name: 'montreal', rule: { field: 'city', op: 'in', value: ['Montréal', 'Boston'] } });
    const cluster = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['total_spend', 'orders_count'], k: 3, seed: 1 });
    expect(cluster.status.state).toBe('done');
    const db = engine.ctx.ws().db;
    db.exec('CREATE TABLE scores_demo (customer TEXT, score REAL)');
    db.prepare('INSERT INTO scores_demo VALUES (?, 1), (?, 2)').run(ID, OTHER);
    registerErasableTable(db, { table: 'scores_demo', dataset: 'customers', idColumn: 'customer', key: 'id', place: 'demo scores' });
    const ordersBefore = db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
    // Rowids are record numbers that cell errors, cluster memberships and exports refer to: they must not move.
    const table = db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'customers' AND version = 2").pluck().get() as string;
    const rowidOf = (id: string) => db.prepare(`SELECT rowid FROM "${table}" WHERE customer_id = ?`).pluck().get(id);
    const otherRowid = rowidOf(OTHER);
    const lastRowid = rowidOf('C0020000');

    const before = workspaceBytes(file);
    expect(before.includes(ID)).toBe(true);
    expect(before.includes(EMAIL)).toBe(true);

    const r = await api.erasure.erase({ dataset: 'customers', ids: [ID, 'NOT-A-CUSTOMER'] });
    expect(r.erased).toBe(1);
    expect(r.notFound).toBe(1);
    expect(r.scrubbed).toBe(true);
    const places = Object.fromEntries(r.places.map((p) => [p.place, p.rows]));
    expect(places).toMatchObject({
      'dataset "customers" version 1': 1,
      'dataset "customers" version 2': 1,
      'transactions "orders" version 1': 23,
      'segment membership snapshots': 2,
      'RFM scores': 1,
      'cluster assignments': 1,
      'demo scores': 1,
    });

    const after = workspaceBytes(file);
    expect(after.includes(ID)).toBe(false);
    expect(after.includes(EMAIL)).toBe(false);
    expect(after.includes(Buffer.from(ID, 'utf16le'))).toBe(false);
    // Everyone else is still there, and the catalogue's counts follow.
    expect(after.includes(OTHER)).toBe(true);
    expect(rowidOf(OTHER)).toBe(otherRowid);
    expect(rowidOf('C0020000')).toBe(lastRowid);
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(19_999);
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(ordersBefore - 23);
    expect((await api.workspace.info({})).datasets.find((d) => d.name === 'customers')?.rows).toBe(19_999);
    expect((await api.segments.count({ dataset: 'customers', rule: { field: 'customer_id', op: 'eq', value: ID } })).count).toBe(0);

    const log = await api.audit.list({ action: 'erasure' });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ dataset: 'customers', count: 1 });
    expect(JSON.stringify(log.entries[0])).not.toContain(ID);

    engine.close();
    const reopened = new Database(file, { readonly: true });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
    const closed = workspaceBytes(file);
    expect(closed.includes(ID)).toBe(false);
    expect(closed.includes(EMAIL)).toBe(false);
  }, 300_000);

  it('refuses bad requests without touching anything', async () => {
    const { engine, api } = await engineWithWorkspace();
    await expect(api.erasure.erase({ dataset: 'nope', ids: ['x'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.erasure.erase({ dataset: 'nope', ids: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await api.audit.list({})).total).toBe(0);
    engine.close();
  });
});
