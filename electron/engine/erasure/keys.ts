import type { Db } from '../db/open';

/**
 * The column of a transactions dataset that holds the customer ID. The import records it in
 * dataset_transaction_columns (or the version's options); older or hand-made workspaces fall back to the linked customers
 * dataset's ID column name, then to a column named like "customer id".
 */
export function linkedCustomerColumn(db: Db, dataset: string): string | null {
  const v = db
    .prepare('SELECT v.options_json, v.table_name FROM dataset_versions v JOIN datasets d ON d.name = v.dataset AND d.current_version = v.version WHERE d.name = ?')
    .get(dataset) as { options_json: string; table_name: string } | undefined;
  if (!v) return null;
  const cols = db.prepare('SELECT name FROM dataset_columns WHERE dataset = ? ORDER BY position').pluck().all(dataset) as string[];
  const mapped = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dataset_transaction_columns'").get()
    ? (db.prepare('SELECT customer_column FROM dataset_transaction_columns WHERE dataset = ?').pluck().get(dataset) as string | null | undefined)
    : null;
  if (mapped && cols.includes(mapped)) return mapped;
  try {
    const opts = JSON.parse(v.options_json) as Record<string, unknown>;
    const tc = opts.transactionColumns as Record<string, unknown> | undefined;
    for (const c of [tc?.customer, opts.customer, opts.customerColumn]) if (typeof c === 'string' && cols.includes(c)) return c;
  } catch {
    /* options written by another version: use the fallbacks */
  }
  const own = db.prepare('SELECT id_column FROM datasets WHERE name = ?').pluck().get(dataset) as string | null | undefined;
  if (own && cols.includes(own)) return own;
  const parent = db.prepare('SELECT p.id_column FROM datasets d JOIN datasets p ON p.name = d.linked_to WHERE d.name = ?').pluck().get(dataset) as string | null | undefined;
  if (parent && cols.includes(parent)) return parent;
  return cols.find((c) => /^customer[\s_-]?id$/i.test(c)) ?? null;
}
