import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/contract/client';
import type { ImportParams } from '../../../shared/contract/ns/datasets';
import { Engine } from '../../../electron/engine/engine';
import { engineWithWorkspace } from '../../helpers/engine';
import { sharedData, tmpDir } from '../../helpers/tmp';
import { fixture, importFile, snapshot } from './helpers';

const customers = sharedData('synthetic_customers.csv');
const polish = sharedData('synthetic_customers_pl_cp1250.csv');
const orders = sharedData('synthetic_orders.csv');

describe('import: customers', () => {
  it.skipIf(!customers)('imports synthetic_customers.csv with types, roles, the view and a version (skipped without ../shared/data)', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const { status, result } = await importFile(engine, api, { path: customers! });
    expect(status.state).toBe('done');
    expect(result).toMatchObject({ dataset: 'synthetic_customers', version: 1, kind: 'customers', rows: 20_000, cellErrors: 0, encoding: 'utf-8', delimiter: ',' });
    const col = (n: string) => result.columns.find((c) => c.name === n)!;
    expect(col('customer_id')).toMatchObject({ type: 'text', role: 'id' });
    expect(col('postal_code').type).toBe('text');
    expect(col('birth_date')).toMatchObject({ type: 'date', sensitive: true });
    expect(col('gender')).toMatchObject({ sensitive: true, role: 'demographic' });
    expect(col('email')).toMatchObject({ pii: true, role: 'contact' });
    expect(col('marketing_consent')).toMatchObject({ type: 'boolean', role: 'consent' });
    expect(col('total_spend').type).toBe('number');
    expect(col('email').missing).toBeGreaterThan(0);
    const info = await api.datasets.get({ name: 'synthetic_customers' });
    expect(info.idColumn).toBe('customer_id');
    expect(info.columns.find((c) => c.name === 'email')!.missing).toBe(col('email').missing);

    const db = new Database(file, { readonly: true });
    const row = db.prepare('SELECT customer_id, postal_code, birth_date, marketing_consent, total_spend FROM synthetic_customers WHERE customer_id = ?').get('C0000002') as Record<string, unknown>;
    expect(row).toEqual({ customer_id: 'C0000002', postal_code: '02108', birth_date: '1978-05-28', marketing_consent: 0, total_spend: 199.5 });
    db.close();

    const again = await importFile(engine, api, { path: customers! });
    expect(again.result.version).toBe(2);
    const versions = await api.datasets.versions({ name: 'synthetic_customers' });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const page = await api.datasets.rows({ name: 'synthetic_customers', offset: 10, limit: 5, sort: { column: 'total_spend', dir: 'desc' } });
    expect(page.total).toBe(20_000);
    expect(page.rows).toHaveLength(5);
    expect(Number(page.rows[0][page.columns.indexOf('total_spend')])).toBeGreaterThanOrEqual(Number(page.rows[4][page.columns.indexOf('total_spend')]));
    const filtered = await api.datasets.rows({ name: 'synthetic_customers', filters: [{ column: 'postal_code', op: '=', value: '02108' }] });
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.rows.every((r) => r[filtered.columns.indexOf('postal_code')] === '02108')).toBe(true);
    engine.close();
  });

  it.skipIf(!polish)('reads the Windows-1250 Polish file: names intact, decimal commas as numbers, dd.mm.yyyy as ISO', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: polish!, name: 'pl' });
    expect(result).toMatchObject({ rows: 20_000, encoding: 'windows-1250', delimiter: ';', decimal: ',', dateOrder: 'dmy', cellErrors: 0 });
    const db = new Database(file, { readonly: true });
    const first = db.prepare('SELECT first_name, city, birth_date, total_spend, avg_basket FROM pl WHERE customer_id = ?').get('C0000001');
    expect(first).toEqual({ first_name: 'Łukasz', city: 'Gdańsk', birth_date: '2008-05-13', total_spend: 265.22, avg_basket: 29.47 });
    expect((db.prepare("SELECT count(*) AS n FROM pl WHERE first_name = 'Żaneta'").get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    engine.close();
  });

  it('keeps leading-zero IDs and postal codes as text', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: fixture('leading-zeros.csv') });
    expect(result.columns.map((c) => c.type)).toEqual(['text', 'text', 'integer']);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT customer_id, postal_code FROM leading_zeros').raw().all()).toEqual([
      ['00042', '02108'],
      ['00043', '00501'],
      ['00100', '10001'],
    ]);
    db.close();
    engine.close();
  });

  it('stores failing cells as NULL with their raw text in the errors table', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: fixture('bad-cells.csv') });
    expect(result.columns.map((c) => c.type)).toEqual(['text', 'integer', 'date']);
    expect(result.cellErrors).toBe(2);
    const errs = await api.datasets.errors({ name: 'bad_cells' });
    expect(errs.errors).toEqual([
      { row: 3, column: 'age', raw: 'thirty', problem: expect.stringContaining('not a number') },
      { row: 3, column: 'joined', raw: '2020-02-30', problem: expect.stringContaining('not a date') },
    ]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT age, joined FROM bad_cells WHERE id = '3'").get()).toEqual({ age: null, joined: null });
    db.close();
    engine.close();
  });

  it('reads US dates and grouped numbers, reports ambiguous date orders, and booleans in several languages', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const mdy = await importFile(engine, api, { path: fixture('dates-mdy.csv') });
    expect(mdy.result).toMatchObject({ dateOrder: 'mdy', cellErrors: 0 });
    const amb = await importFile(engine, api, { path: fixture('dates-ambiguous.csv') });
    expect(amb.result.warnings.join(' ')).toMatch(/day\/month or month\/day/);
    const preview = await api.datasets.preview({ path: fixture('dates-ambiguous.csv') });
    expect(preview.detected.dateOrderAmbiguous).toBe(true);
    const bools = await importFile(engine, api, { path: fixture('bools-langs.csv') });
    expect(bools.result.columns.slice(1).map((c) => [c.type, c.role])).toEqual([
      ['boolean', 'consent'],
      ['boolean', 'consent'],
      ['boolean', 'consent'],
    ]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT joined, spend FROM dates_mdy').raw().all()).toEqual([
      ['2020-12-31', 1234.5],
      ['2021-01-02', 12],
      ['2021-03-04', 7],
    ]);
    expect(db.prepare('SELECT zgoda, optin, newsletter FROM bools_langs').raw().all()).toEqual([
      [1, 1, 1],
      [0, 0, 0],
      [1, 1, 1],
    ]);
    db.close();
    engine.close();
  });

  it('updates column roles and flags after import and removes a dataset completely', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    await importFile(engine, api, { path: fixture('leading-zeros.csv'), name: 'lz' });
    const updated = await api.datasets.updateColumn({ name: 'lz', column: 'amount', role: 'behavioural', sensitive: true, sensitiveCategory: 'financial' });
    expect(updated.columns.find((c) => c.name === 'amount')).toMatchObject({ role: 'behavioural', sensitive: true, sensitiveCategory: 'financial' });
    const logged = await api.audit.list({ action: 'sensitive_change' });
    expect(logged.entries.map((e) => e.what)).toEqual(['column "amount" marked sensitive (financial)']);
    // A refresh keeps the user's choices.
    await importFile(engine, api, { path: fixture('leading-zeros.csv'), name: 'lz' });
    expect((await api.datasets.get({ name: 'lz' })).columns.find((c) => c.name === 'amount')).toMatchObject({ sensitive: true, sensitiveCategory: 'financial' });
    expect(await api.datasets.remove({ name: 'lz' })).toEqual({ removed: true });
    expect(await api.datasets.list({})).toEqual([]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'dsv_%' OR name = 'lz'").get()).toEqual({ n: 0 });
    db.close();
    engine.close();
  });
});

describe('import: transactions', () => {
  it.skipIf(!customers || !orders)('imports orders linked to customers, detecting order/customer/date/amount', async () => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: customers!, name: 'customers' });
    const { result } = await importFile(engine, api, { path: orders!, name: 'orders', as: 'transactions', link: 'customers' });
    expect(result).toMatchObject({ kind: 'transactions', rows: 214_224, unknownCustomers: 0 });
    expect(result.transactionColumns).toEqual({ order: 'order_id', customer: 'customer_id', date: 'order_date', amount: 'amount', quantity: 'items', price: null });
    expect(await api.datasets.transactionColumns({ name: 'orders' })).toEqual(result.transactionColumns);
    const info = await api.datasets.get({ name: 'orders' });
    expect(info).toMatchObject({ kind: 'transactions', linkedTo: 'customers', idColumn: 'customer_id' });
    engine.close();
  });

  it('counts transactions whose customer is unknown', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const fs = await import('node:fs');
    const path = await import('node:path');
    const c = path.join(dir, 'cust.csv');
    const o = path.join(dir, 'ord.csv');
    fs.writeFileSync(c, 'customer_id,name\nA1,Anna\nA2,Bob\nA2,Bob again\n');
    fs.writeFileSync(o, 'order_id,customer_id,order_date,amount\nO1,A1,2024-01-02,10.5\nO2,ZZ,2024-01-03,3\nO3,,2024-01-04,4\nO4,A2,2024-02-01,7\n');
    const cust = await importFile(engine, api, { path: c });
    expect(cust.result.duplicateIds).toBe(1);
    expect((await api.datasets.duplicateIds({ name: 'cust' })).duplicates).toEqual([{ id: 'A2', count: 2 }]);
    const { result } = await importFile(engine, api, { path: o, as: 'transactions', link: 'cust' });
    expect(result.unknownCustomers).toBe(1);
    expect(result.warnings.join(' ')).toMatch(/1 transactions have no customer ID/);
    engine.close();
  });
});

describe('import: cancel leaves the workspace as it was', () => {
  it.skipIf(!orders)('cancels mid-import without a trace', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    await importFile(engine, api, { path: fixture('leading-zeros.csv'), name: 'orders' });
    const before = snapshot(file);
    const { jobId } = await api.jobs.start({ kind: 'import', params: { path: orders!, name: 'orders', as: 'transactions' } });
    const ended = new Promise<string>((resolve) => {
      engine.onEvent((e) => {
        if (e.type !== 'job' || e.job.jobId !== jobId) return;
        if (e.job.state === 'running' && e.job.phase === 'importing' && e.job.done > 0) void api.jobs.cancel({ jobId });
        if (e.job.state !== 'running') resolve(e.job.state);
      });
    });
    expect(await ended).toBe('cancelled');
    expect(snapshot(file)).toBe(before);
    expect((await api.datasets.get({ name: 'orders' })).version).toBe(1);
    engine.close();
  });
});

describe('import: the command line path (headless engine: rollback journal on the workspace connection)', () => {
  it('cancels without a trace and leaves the workspace in WAL mode; a finished import too', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'headless.sdw');
    const engine = new Engine({ headless: true });
    const api = createApi((req) => engine.invoke(req));
    await api.workspace.create({ path: file });
    await importFile(engine, api, { path: fixture('leading-zeros.csv'), name: 'customers' } as ImportParams);
    const before = snapshot(file);
    const big = path.join(dir, 'big.csv');
    let text = 'customer_id,amount,note\n';
    for (let i = 0; i < 200_000; i++) text += `${i},${i % 1000}.5,row ${i}\n`;
    fs.writeFileSync(big, text);

    const { jobId } = await api.jobs.start({ kind: 'import', params: { path: big, name: 'customers', as: 'customers' } as ImportParams });
    let journalSeen = false;
    const ended = new Promise<string>((resolve) => {
      engine.onEvent((e) => {
        if (e.type !== 'job' || e.job.jobId !== jobId) return;
        if (e.job.state === 'running' && e.job.phase === 'importing' && e.job.done > 0) {
          // Nothing else has the file open: the import runs in rollback-journal mode (a -journal file, no WAL growth).
          journalSeen ||= fs.existsSync(`${file}-journal`);
          void api.jobs.cancel({ jobId });
        }
        if (e.job.state !== 'running') resolve(e.job.state);
      });
    });
    expect(await ended).toBe('cancelled');
    expect(journalSeen).toBe(true);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    expect(engine.ctx.ws().db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(snapshot(file)).toBe(before);

    const { status, result } = await importFile(engine, api, { path: big, name: 'customers', as: 'customers' } as ImportParams);
    expect(status.state).toBe('done');
    expect(result).toMatchObject({ version: 2, rows: 200_000 });
    expect(engine.ctx.ws().db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(engine.ctx.ws().db.pragma('synchronous', { simple: true })).toBe(1);
    engine.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n, sum(amount) AS s FROM customers').get()).toEqual({ n: 200_000, s: 200 * (499_500 + 500) });
    db.close();
  });
});
