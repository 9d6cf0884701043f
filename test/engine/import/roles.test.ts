import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../shared/types/columns';
import { planImport } from '../../../electron/engine/import/plan';
import { detectTransactionColumns } from '../../../electron/engine/import/roles';
import { tmpDir } from '../../helpers/tmp';

const OPTIONS = { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto' } as const;
const cols = (spec: Record<string, ColumnType>) => Object.entries(spec).map(([name, type]) => ({ name, type }));

describe('orders columns', () => {
  it('finds them in orders files (English, and a shop export with invoice and quantity × price)', () => {
    expect(detectTransactionColumns(cols({ order_id: 'text', customer_id: 'text', order_date: 'date', amount: 'number', items: 'integer' }))).toMatchObject({
      order: 'order_id',
      customer: 'customer_id',
      date: 'order_date',
      amount: 'amount',
    });
    expect(detectTransactionColumns(cols({ InvoiceNo: 'text', StockCode: 'text', Quantity: 'integer', InvoiceDate: 'datetime', UnitPrice: 'number', CustomerID: 'integer' }))).toMatchObject({
      order: 'InvoiceNo',
      customer: 'CustomerID',
      date: 'InvoiceDate',
      quantity: 'Quantity',
      price: 'UnitPrice',
    });
  });

  it('does not take a customer’s own dates and counts for an order (a tester saw birth_date offered as the order date)', () => {
    const customerExport = cols({
      customer_id: 'text',
      birth_date: 'date',
      signup_date: 'date',
      orders_count: 'integer',
      total_spend: 'number',
      last_order_date: 'date',
    });
    const t = detectTransactionColumns(customerExport);
    expect(t.order).toBeNull();
    expect(t.date).toBeNull();
  });

  it('plans a customer export with order statistics as customers', () => {
    const file = path.join(tmpDir(), 'customers.csv');
    const rows = ['customer_id;birth_date;signup_date;annual_income;orders_count;total_spend;last_order_date'];
    for (let i = 1; i <= 200; i++) rows.push(`C${String(i).padStart(5, '0')};1${i % 10}.0${1 + (i % 9)}.1980;02.09.2024;${20000 + i};${i % 12};${i},50;0${1 + (i % 9)}.10.2026`);
    fs.writeFileSync(file, rows.join('\n'));
    const plan = planImport(file, OPTIONS);
    expect(plan.suggestedKind).toBe('customers');
    expect(plan.suggestedId).toBe('customer_id');
    expect(plan.transactionColumns.date).toBeNull();
  });
});
