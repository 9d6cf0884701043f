import type { Alert } from '../../../shared/contract/ns/profile';
import type { ColumnInfo } from '../../../shared/types/columns';
import { quoteIdent, type Db } from '../db/open';
import { normaliseName } from '../import/roles';
import { versionTable } from '../workspace/catalog';
import { msg } from '../../../shared/i18n/current';
import { mCountGrouped, mDate, mShare } from './message-values';
import type { SqlRead } from './read-thread';

const ACTIVITY_RE = /(^|_)(last|latest|recent|ostatni|ostatnie|dernier|derniere|letzte|letzter|ultimo|ultima)_?\w*|(^|_)(last_order|last_purchase|last_activity|last_seen|last_visit|last_login)(_|$)/;

/** ISO date `months` before `iso` (clamped to the month's length). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** "352 of 2,000 customers (17.6%)": customers are distinct customer IDs, never rows. */
const ofCustomers = (stale: number, n: number) => ({ stale: mCountGrouped(stale), total: n, n: mCountGrouped(n), share: mShare(stale / n, 1) });

/**
 * Stale data: the share of customers whose latest activity is older than the cut-off (as-of date minus
 * `months`). Activity comes from a linked transactions dataset when there is one, else from a
 * "last …" date column; for a transactions dataset, from its own dates per customer. Customers are
 * distinct customer IDs: a customer on several rows counts once, with the latest date of their rows.
 */
/** What the stale alert reads (one row: `n` customers, `stale` of them) and what it makes of that row. */
export interface StaleQuery {
  read: SqlRead;
  alert(r: { n: number; stale: number | null }): Alert | null;
}

export function staleAlert(...args: Parameters<typeof staleQuery>): Alert | null {
  const q = staleQuery(...args);
  return q ? q.alert(args[0].prepare(q.read.sql).get(...q.read.params) as { n: number; stale: number | null }) : null;
}

/** The same as a read and its reading: the profile runs the read on its second thread (profile/read-thread.ts). */
export function staleQuery(
  db: Db,
  dataset: { name: string; kind: string; idColumn: string | null },
  table: string,
  cols: ColumnInfo[],
  asOf: string,
  months: number,
  asOfSource?: string,
  fromHistory?: LinkedActivity,
): StaleQuery | null {
  const cutoff = monthsBefore(asOf, months);
  const since = asOfSource ? msg('data.alert.staleSinceSource', { months, asOf: mDate(asOf), source: asOfSource }) : msg('data.alert.staleSince', { months, asOf: mDate(asOf) });
  if (dataset.kind === 'transactions') {
    const tx = db.prepare('SELECT customer_column, date_column FROM dataset_transaction_columns WHERE dataset = ?').get(dataset.name) as
      | { customer_column: string | null; date_column: string | null }
      | undefined;
    if (!tx?.customer_column || !tx.date_column) return null;
    const dateColumn = tx.date_column;
    return {
      read: {
        sql: `SELECT count(*) AS n, sum(last < ?) AS stale FROM (SELECT max(substr(${quoteIdent(tx.date_column)}, 1, 10)) AS last FROM ${quoteIdent(table)} WHERE ${quoteIdent(tx.customer_column)} IS NOT NULL GROUP BY ${quoteIdent(tx.customer_column)})`,
        params: [cutoff],
      },
      alert: (r) => (!r.n || !r.stale ? null : { column: dateColumn, kind: 'stale', detail: msg('data.alert.staleOrders', { ...ofCustomers(r.stale, r.n), cutoff: mDate(cutoff), since }), value: r.stale / r.n }),
    };
  }
  const linked = db
    .prepare("SELECT d.name, t.customer_column, t.date_column FROM datasets d JOIN dataset_transaction_columns t ON t.dataset = d.name WHERE d.linked_to = ? AND d.kind = 'transactions'")
    .get(dataset.name) as { name: string; customer_column: string | null; date_column: string | null } | undefined;
  if (linked?.customer_column && linked.date_column && dataset.idColumn) {
    const name = linked.name;
    return {
      read: fromHistory?.(linked.name, linked.customer_column, linked.date_column, cutoff) ?? staleLinkedSql(db, dataset.idColumn, table, linked.name, linked.customer_column, linked.date_column, cutoff),
      alert: (r) => (!r.n || !r.stale ? null : { column: null, kind: 'stale', detail: msg('data.alert.staleLinked', { ...ofCustomers(r.stale, r.n), dataset: name, cutoff: mDate(cutoff), since }), value: r.stale / r.n }),
    };
  }
  const activity = cols.find((c) => (c.type === 'date' || c.type === 'datetime') && ACTIVITY_RE.test(normaliseName(c.name)));
  if (!activity) return null;
  const q = quoteIdent(activity.name);
  // Without an ID column each row is a customer.
  const key = dataset.idColumn && cols.some((c) => c.name === dataset.idColumn) ? `CAST(${quoteIdent(dataset.idColumn)} AS TEXT)` : 'rowid';
  const column = activity.name;
  return {
    read: { sql: `SELECT count(*) AS n, sum(last < ?) AS stale FROM (SELECT max(substr(${q}, 1, 10)) AS last FROM ${quoteIdent(table)} WHERE ${q} IS NOT NULL AND ${key} IS NOT NULL GROUP BY ${key})`, params: [cutoff] },
    alert: (r) => (!r.n || !r.stale ? null : { column, kind: 'stale', detail: msg('data.alert.staleActivity', { ...ofCustomers(r.stale, r.n), cutoff: mDate(cutoff), since }), value: r.stale / r.n }),
  };
}

/**
 * The read of customers (distinct IDs, `n`) and how many of them have no line of `transactions` on or after
 * `cutoff` (`stale`), from a per-customer summary of its lines kept elsewhere (the customer view's order
 * history); null when there is none for these columns, and the lines are then read by SQL.
 */
export type LinkedActivity = (transactions: string, customerColumn: string, dateColumn: string, cutoff: string) => SqlRead | null;

/** The same by SQL: every line of the transactions, grouped per customer. */
function staleLinkedSql(db: Db, idColumn: string, table: string, transactions: string, customerColumn: string, dateColumn: string, cutoff: string): SqlRead {
  const txTable = versionTable(db, transactions);
  return {
    sql: `SELECT count(*) AS n, sum(l.last IS NULL OR l.last < ?) AS stale FROM (SELECT DISTINCT CAST(${quoteIdent(idColumn)} AS TEXT) AS id FROM ${quoteIdent(table)} WHERE ${quoteIdent(idColumn)} IS NOT NULL) c LEFT JOIN (SELECT CAST(${quoteIdent(customerColumn)} AS TEXT) AS id, max(substr(${quoteIdent(dateColumn)}, 1, 10)) AS last FROM ${quoteIdent(txTable)} WHERE ${quoteIdent(customerColumn)} IS NOT NULL GROUP BY 1) l ON l.id = c.id`,
    params: [cutoff],
  };
}
