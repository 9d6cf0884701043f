import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { importFile } from './helpers';

// Row counts as ../shared/data/README.md gives them.
const SETS: [string, number, 'customers' | 'transactions'][] = [
  ['Mall_Customers.csv', 200, 'customers'],
  ['bank-full.csv', 45_211, 'customers'],
  ['telco_customer_churn.csv', 7_043, 'customers'],
  ['marketing_campaign.csv', 2_240, 'customers'],
  ['synthetic_customers.csv', 20_000, 'customers'],
  ['synthetic_orders.csv', 214_224, 'transactions'],
  ['synthetic_customers_pl_cp1250.csv', 20_000, 'customers'],
  ['online_retail.csv', 541_909, 'transactions'],
];

describe('import: every data set in ../shared/data with its README row count', () => {
  for (const [name, rows, as] of SETS) {
    const file = sharedData(name);
    it.skipIf(!file)(`${name}: ${rows} rows (skipped when ../shared/data is absent)`, { timeout: 180_000 }, async () => {
      const { engine, api } = await engineWithWorkspace();
      const { status, result } = await importFile(engine, api, { path: file!, as });
      expect(status.error).toBeUndefined();
      expect(result.rows).toBe(rows);
      expect(result.cellErrors).toBe(0);
      if (name === 'telco_customer_churn.csv') {
        expect(result.columns.find((c) => c.name === 'TotalCharges')).toMatchObject({ type: 'number', missing: 11 });
        expect(result.columns.find((c) => c.name === 'SeniorCitizen')).toMatchObject({ type: 'boolean', sensitive: true });
      }
      if (name === 'marketing_campaign.csv') {
        expect(result).toMatchObject({ delimiter: '\t', dateOrder: 'dmy' });
        expect(result.columns.find((c) => c.name === 'Income')).toMatchObject({ type: 'integer', missing: 24 });
        expect(result.columns.find((c) => c.name === 'Dt_Customer')!.type).toBe('date');
      }
      if (name === 'online_retail.csv') {
        expect(result.encoding).toMatch(/windows-1252|iso-8859-1/);
        expect(result.transactionColumns).toMatchObject({ order: 'InvoiceNo', customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice' });
        const page = await api.datasets.rows({ name: 'online_retail', search: '£', limit: 1 });
        expect(page.total).toBeGreaterThan(0);
      }
      engine.close();
    });
  }
});

/** Every stored value with its SQLite type, and every cell error, as one digest. */
function digest(ws: string, dataset: string): string {
  const db = new Database(ws, { readonly: true });
  try {
    const table = db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ? ORDER BY version DESC LIMIT 1').pluck().get(dataset) as string;
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map((c) => `"${c.replace(/"/g, '""')}"`);
    const h = createHash('sha256');
    for (const row of db.prepare(`SELECT ${cols.flatMap((c) => [c, `typeof(${c})`]).join(', ')} FROM "${table}" ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row));
    for (const e of db.prepare('SELECT row, column_name, raw, problem FROM cell_errors ORDER BY rowid').raw().iterate()) h.update(JSON.stringify(e));
    return h.digest('hex');
  } finally {
    db.close();
  }
}

const savedScan = process.env.SEGMENTDESK_IMPORT_SCAN;
afterEach(() => {
  if (savedScan === undefined) delete process.env.SEGMENTDESK_IMPORT_SCAN;
  else process.env.SEGMENTDESK_IMPORT_SCAN = savedScan;
});

describe('import: the scanner (scan.ts) stores every data set in ../shared/data exactly as papaparse alone does', () => {
  for (const [name, , as] of SETS) {
    const file = sharedData(name);
    it.skipIf(!file)(`${name} (skipped when ../shared/data is absent)`, { timeout: 180_000 }, async () => {
      const stored = async (scan: '0' | '1') => {
        process.env.SEGMENTDESK_IMPORT_SCAN = scan;
        const { engine, api, file: ws } = await engineWithWorkspace();
        const { result } = await importFile(engine, api, { path: file!, as });
        engine.close();
        const { ms: _ms, ...rest } = result;
        return { rest, digest: digest(ws, result.dataset) };
      };
      expect(await stored('1')).toEqual(await stored('0'));
    });
  }
});
