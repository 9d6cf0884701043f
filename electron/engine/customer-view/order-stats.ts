import { quoteIdent } from '../db/open';
import { registerErasableTable, unregisterErasableTable } from '../erasure/registry';
import type { Workspace } from '../workspace/workspace';

/**
 * Order history is kept as a table per transactions dataset (one row per customer with a purchase)
 * rather than computed inside the view: aggregating every order line on each read made a count of
 * the view on Online Retail (540k lines) take 0.7–1 s; from the table it takes milliseconds. The table
 * is rebuilt when its defining SQL changes (new version, as-of date, detected columns or policy) and is
 * registered as a table of customer IDs, so erasure and dataset removal reach it.
 */
export const orderStatsTable = (transactions: string) => `customer_view_orders_${transactions}`;
const ORDERS_PREFIX = 'customer_view_orders_';
const key = (transactions: string) => `customer_view_orders_sql:${transactions}`;

export interface OrderStatsSpec {
  transactions: string;
  /** SELECT id, n, spend, first_day, last_day, … one row per customer ID (orders/policy.ts lines under the view's policy). */
  sql: string;
}

export function ensureOrderStats(ws: Workspace, spec: OrderStatsSpec): void {
  const db = ws.db;
  const table = orderStatsTable(spec.transactions);
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  if (exists && ws.meta(key(spec.transactions)) === spec.sql) return;
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    // Its columns are whatever the SELECT names (plan.ts), so a new order-history number is declared in one place.
    db.exec(`CREATE TABLE ${quoteIdent(table)} AS ${spec.sql}`);
    db.exec(`CREATE UNIQUE INDEX ${quoteIdent(`${table}_by_id`)} ON ${quoteIdent(table)}(id)`);
    // Registered under the transactions dataset: erasure finds the customer there whenever they have orders.
    registerErasableTable(db, { table, dataset: spec.transactions, idColumn: 'id', key: 'id', place: `customer view order history (${spec.transactions})` });
    ws.setMeta(key(spec.transactions), spec.sql);
  })();
}

/** Drop the order-history tables no view reads any more. */
export function dropStaleOrderStats(ws: Workspace, wanted: ReadonlySet<string>): void {
  const db = ws.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?").pluck().all(ORDERS_PREFIX.length, ORDERS_PREFIX) as string[];
  for (const t of tables) {
    if (wanted.has(t)) continue;
    db.transaction(() => {
      db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
      unregisterErasableTable(db, t);
      ws.setMeta(key(t.slice(ORDERS_PREFIX.length)), null);
    })();
  }
}
