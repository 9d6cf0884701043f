import type { Migration } from '../migration';

/** What each column of a transactions dataset means (order, customer, date, amount, quantity, price). */
export const migration0004: Migration = {
  version: 4,
  name: 'import',
  up: `
    CREATE TABLE dataset_transaction_columns (
      dataset TEXT PRIMARY KEY REFERENCES datasets(name) ON DELETE CASCADE,
      order_column TEXT,
      customer_column TEXT,
      date_column TEXT,
      amount_column TEXT,
      quantity_column TEXT,
      price_column TEXT
    );
  `,
};
