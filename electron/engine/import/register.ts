import type { ColumnSpec, TransactionColumns } from '../../../shared/contract/ns/datasets';
import { msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';
import type { DatasetKind } from '../../../shared/types/columns';
import { quoteIdent, type Db } from '../db/open';

/** Dataset names are SQL view names: letters, digits and `_`, not starting with a digit-only or reserved name. */
const NAME_RE = /^[A-Za-z0-9_]{1,64}$/;

/** Refuse a name that is not a valid dataset name or would collide with something in the workspace other than this dataset's own view. */
export function checkDatasetName(db: Db, name: string): void {
  if (!NAME_RE.test(name)) {
    throw new AppError('BAD_INPUT', msg('data.name.invalid', { name }), { name });
  }
  if (/^(sqlite_|dsv_)/i.test(name)) throw new AppError('BAD_INPUT', msg('data.name.reserved', { name }), { name });
  const own = db.prepare('SELECT name FROM datasets WHERE name = ?').get(name) as { name: string } | undefined;
  const clash = db.prepare('SELECT type, name FROM sqlite_master WHERE lower(name) = lower(?)').get(name) as { type: string; name: string } | undefined;
  if (clash && !(own && clash.type === 'view' && clash.name === name)) {
    throw new AppError('BAD_INPUT', msg('data.name.taken', { name, type: clash.type, other: clash.name }), { name });
  }
}

export function nextVersion(db: Db, name: string): number {
  const r = db.prepare('SELECT max(version) AS v FROM dataset_versions WHERE dataset = ?').get(name) as { v: number | null };
  return (r.v ?? 0) + 1;
}

export interface VersionRecord {
  name: string;
  kind: DatasetKind;
  version: number;
  table: string;
  idColumn: string | null;
  linkedTo: string | null;
  rows: number;
  cellErrors: number;
  sourceFile: string;
  encoding: string;
  delimiter: string;
  options: Record<string, unknown>;
  columns: ColumnSpec[];
  missing: number[];
  transactionColumns: TransactionColumns | null;
}

/**
 * Catalogue rows for the new version and the view named as the dataset, written in the import's
 * transaction so they appear together with the rows. Column flags the user set on an earlier version
 * carry over unless this import overrides them.
 */
export function registerVersion(db: Db, v: VersionRecord, userSpecified: Set<string>): void {
  const now = new Date().toISOString();
  const exists = db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(v.name);
  if (exists) {
    db.prepare('UPDATE datasets SET kind = ?, id_column = ?, linked_to = ?, current_version = ? WHERE name = ?').run(v.kind, v.idColumn, v.linkedTo, v.version, v.name);
  } else {
    db.prepare('INSERT INTO datasets(name, kind, id_column, linked_to, current_version, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      v.name,
      v.kind,
      v.idColumn,
      v.linkedTo,
      v.version,
      now,
    );
  }
  db.prepare(
    'INSERT INTO dataset_versions(dataset, version, table_name, rows, cell_errors, source_file, encoding, delimiter, options_json, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
  ).run(v.name, v.version, v.table, v.rows, v.cellErrors, v.sourceFile, v.encoding, v.delimiter, JSON.stringify(v.options), now);

  const previous = new Map(
    (db.prepare('SELECT name, role, pii, sensitive, sensitive_category FROM dataset_columns WHERE dataset = ?').all(v.name) as {
      name: string;
      role: string;
      pii: number;
      sensitive: number;
      sensitive_category: string | null;
    }[]).map((c) => [c.name, c]),
  );
  db.prepare('DELETE FROM dataset_columns WHERE dataset = ?').run(v.name);
  const insCol = db.prepare('INSERT INTO dataset_columns(dataset, position, name, type, role, pii, sensitive, sensitive_category) VALUES (?,?,?,?,?,?,?,?)');
  const insStat = db.prepare('INSERT INTO column_stats(dataset, version, column_name, missing) VALUES (?,?,?,?)');
  v.columns.forEach((c, i) => {
    const prev = userSpecified.has(c.name) ? undefined : previous.get(c.name);
    insCol.run(
      v.name,
      i,
      c.name,
      c.type,
      prev?.role ?? c.role,
      prev ? prev.pii : c.pii ? 1 : 0,
      prev ? prev.sensitive : c.sensitive ? 1 : 0,
      prev ? prev.sensitive_category : c.sensitiveCategory,
    );
    insStat.run(v.name, v.version, c.name, v.missing[i]);
  });

  db.prepare('DELETE FROM dataset_transaction_columns WHERE dataset = ?').run(v.name);
  if (v.transactionColumns) {
    const t = v.transactionColumns;
    db.prepare(
      'INSERT INTO dataset_transaction_columns(dataset, order_column, customer_column, date_column, amount_column, quantity_column, price_column) VALUES (?,?,?,?,?,?,?)',
    ).run(v.name, t.order, t.customer, t.date, t.amount, t.quantity, t.price);
  }

  db.exec(`DROP VIEW IF EXISTS ${quoteIdent(v.name)}`);
  const cols = v.columns.map((c) => quoteIdent(c.name)).join(', ');
  db.exec(`CREATE VIEW ${quoteIdent(v.name)} AS SELECT ${cols || 'NULL AS empty'} FROM ${quoteIdent(v.table)}`);
}

/** Number of rows whose ID repeats an earlier row's ID (missing IDs not counted). */
export function countDuplicateIds(db: Db, table: string, idColumn: string): number {
  const q = quoteIdent(idColumn);
  const r = db.prepare(`SELECT count(${q}) - count(DISTINCT ${q}) AS d FROM ${quoteIdent(table)}`).get() as { d: number };
  return r.d;
}

/** Transactions whose customer ID is not among the linked customer dataset's IDs (rows without a customer not counted). */
export function countUnknownCustomers(db: Db, table: string, customerColumn: string, customerTable: string, idColumn: string): number {
  const r = db
    .prepare(
      `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE ${quoteIdent(customerColumn)} IS NOT NULL AND CAST(${quoteIdent(customerColumn)} AS TEXT) NOT IN (SELECT CAST(${quoteIdent(idColumn)} AS TEXT) FROM ${quoteIdent(customerTable)} WHERE ${quoteIdent(idColumn)} IS NOT NULL)`,
    )
    .get() as { n: number };
  return r.n;
}
