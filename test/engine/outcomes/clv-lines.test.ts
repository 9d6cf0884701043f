import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadClvInput } from '../../../electron/engine/outcomes/clv-data';
import { getMirror } from '../../../electron/engine/mirror';
import { preload } from '../../../electron/engine/mirror/lazy';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { RETURNS_POLICIES } from '../../../shared/contract/orders';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';
import { sharedData } from '../../helpers/tmp';
import { addDatasetVersion, fixtureWorkspace, rng } from '../segments/fixture';
import { ORDERS, setUp } from '../segments/history-fixture';

/**
 * Lifetime value reads its order lines from the stored columnar copy when it holds them (outcomes/clv-lines.ts).
 * Whatever the file (cancellations by "C" order numbers or a status column, returns by sign, quantity × price,
 * date-times, integer IDs, lines without a customer or a date, deleted rows), the lines and everything made
 * from them must equal the reading by SQL over the table.
 */
const SQL_ONLY = 'SEGMENTDESK_CLV_COLUMNS';
afterEach(() => {
  delete process.env[SQL_ONLY];
});

function bothWays(ws: Workspace, dataset: string, asOf?: string): void {
  for (const policy of RETURNS_POLICIES) {
    ws.invalidate();
    const columns = loadClvInput(ws, dataset, asOf, policy);
    process.env[SQL_ONLY] = '0';
    ws.invalidate();
    const sql = loadClvInput(ws, dataset, asOf, policy);
    delete process.env[SQL_ONLY];
    expect(columns.linesFrom, `${dataset} under ${policy}: read from the stored columns`).toBe('columns');
    expect(sql.linesFrom).toBe('sql');
    expect(columns.days.names.length).toBeGreaterThan(0);
    expect({ ...columns, linesFrom: '' }).toEqual({ ...sql, linesFrom: '' });
  }
}

/** The columns lifetime value reads, stored (a fixture written by SQL has none until a read stores them). */
function storeColumns(ws: Workspace, dataset: string, names: string[]): void {
  ws.invalidate();
  preload(getMirror(ws, dataset), names);
}

describe('lifetime value: order lines from the stored columns equal the lines read by SQL', () => {
  it('with "C" cancellations, a status column, returns, lines without a customer or a date, shared orders', () => {
    const { ws } = setUp(20261207);
    storeColumns(ws, 'orders', ['customer', 'order_date', 'amount', 'qty']);
    bothWays(ws, 'orders');
    bothWays(ws, 'orders', '2024-03-15');
    // Quantity × price (the amount read as a unit price).
    ws.db.prepare("UPDATE dataset_transaction_columns SET amount_column = NULL, price_column = 'amount' WHERE dataset = 'orders'").run();
    storeColumns(ws, 'orders', ['customer', 'order_date', 'amount', 'qty']);
    bothWays(ws, 'orders');
    ws.close();
  });

  it('after rows were deleted (rowids no longer dense)', () => {
    const { ws } = setUp(77);
    const table = (ws.db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'orders'").pluck().get() as string) ?? '';
    ws.db.prepare(`DELETE FROM "${table}" WHERE rowid % 7 = 3`).run();
    ws.db.prepare(`UPDATE dataset_versions SET rows = (SELECT count(*) FROM "${table}") WHERE dataset = 'orders'`).run();
    storeColumns(ws, 'orders', ['customer', 'order_date', 'amount', 'qty']);
    const m = getMirror(ws, 'orders');
    expect(m.stored?.stamp.maxRowid).toBeGreaterThan(m.rows);
    bothWays(ws, 'orders');
    ws.close();
  });

  it('when only the sign of a value marks a return (no "C" order numbers, no status column)', () => {
    const ws = fixtureWorkspace();
    const r = rng(5);
    const cols = ORDERS.filter((c) => c.name !== 'status');
    const lines: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      const qty = (r() < 0.1 ? -1 : 1) * (1 + Math.floor(r() * 4));
      const amount = r() < 0.05 ? null : (r() < 0.05 ? -1 : 1) * Math.floor(r() * 90);
      const day = r() < 0.03 ? null : `202${Math.floor(r() * 4)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
      lines.push([`N${i >> 1}`, r() < 0.03 ? null : r() < 0.02 ? '' : `K${Math.floor(r() * 400)}`, day, amount, qty, 'Wine', 'P1']);
    }
    addDatasetVersion(ws, 'orders', cols, lines, 'customer');
    ws.db.prepare("UPDATE datasets SET kind = 'transactions' WHERE name = 'orders'").run();
    ws.db.prepare("INSERT INTO dataset_transaction_columns VALUES ('orders', 'order_no', 'customer', 'order_date', 'amount', 'qty', NULL)").run();
    storeColumns(ws, 'orders', ['customer', 'order_date', 'amount', 'qty']);
    bothWays(ws, 'orders');
    bothWays(ws, 'orders', '2021-06-30');
    ws.close();
  });

  it('on files as imported: the import stores the columns (generated orders, the demo)', async () => {
    const { engine, api } = await engineWithWorkspace();
    const gen = generatedCustomers();
    const demo = path.resolve(__dirname, '../../../assets/demo/orders.csv');
    for (const [name, file] of [
      ['orders', gen.orders],
      ['demo', demo],
    ] as const) {
      const imp = await runJob(engine, api, 'import', { path: file, name, as: 'transactions' });
      expect(imp.status.state).toBe('done');
      // No read has stored anything: the import did.
      bothWays(engine.ctx.ws(), name);
    }
    bothWays(engine.ctx.ws(), 'orders', '2025-12-31');
    engine.close();
  }, 120_000);

  const retail = sharedData('online_retail.csv');
  it.skipIf(!retail)('on Online Retail: integer IDs, date-times, "C" cancellations, quantity × price (skipped when ../shared/data is absent)', async () => {
    const { engine, api } = await engineWithWorkspace();
    await runJob(engine, api, 'import', { path: retail!, name: 'retail', as: 'transactions' });
    const ws = engine.ctx.ws();
    bothWays(ws, 'retail');
    bothWays(ws, 'retail', '2011-06-30');
    engine.close();
  }, 300_000);
});
