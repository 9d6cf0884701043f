import { describe, expect, it } from 'vitest';
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
