import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import { linkedCustomerColumn } from './keys';

/** A dataset that holds customer IDs, and the column that holds them. */
export interface KeyedDataset {
  dataset: string;
  kind: 'customers' | 'transactions';
  column: string;
}

/** Where the requested customers' rows are in one dataset: rowids per version, before anything is removed. */
export interface DatasetHits {
  dataset: string;
  kind: 'customers' | 'transactions';
  column: string;
  rowidsByVersion: Map<number, number[]>;
  /** Import time of each version holding one of the customers. */
  importedAt: Map<number, string>;
  found: Set<string>;
}

function tableColumns(db: Db, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/**
 * Every dataset with a customer ID column, linked or not: a customers dataset's ID column (or a
 * column with the ID role), a transactions dataset's customer column. Customer IDs are one namespace
 * in a workspace, so a notes file or an older export with the same IDs is the same person's data.
 */
export function customerKeyedDatasets(db: Db): KeyedDataset[] {
  const rows = db.prepare('SELECT name, kind, id_column FROM datasets ORDER BY kind, name').all() as { name: string; kind: 'customers' | 'transactions'; id_column: string | null }[];
  const out: KeyedDataset[] = [];
  for (const d of rows) {
    const byRole = db.prepare("SELECT name FROM dataset_columns WHERE dataset = ? AND role = 'id' ORDER BY position").pluck().get(d.name) as string | undefined;
    const column = d.kind === 'customers' ? (d.id_column ?? byRole ?? null) : linkedCustomerColumn(db, d.name);
    if (column) out.push({ dataset: d.name, kind: d.kind, column });
  }
  return out;
}

/** Rows of every version of a dataset whose ID column (compared as text, so integer IDs match too) holds one of the IDs. */
export function findInDataset(db: Db, k: KeyedDataset, idsJson: string): DatasetHits {
  const versions = db.prepare('SELECT version, table_name, imported_at FROM dataset_versions WHERE dataset = ? ORDER BY version').all(k.dataset) as {
    version: number;
    table_name: string;
    imported_at: string;
  }[];
  const hits: DatasetHits = { ...k, rowidsByVersion: new Map(), importedAt: new Map(), found: new Set() };
  for (const v of versions) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(v.table_name) !== undefined;
    if (!exists || !tableColumns(db, v.table_name).includes(k.column)) continue;
    const col = quoteIdent(k.column);
    const rows = db.prepare(`SELECT rowid AS r, CAST(${col} AS TEXT) AS id FROM ${quoteIdent(v.table_name)} WHERE CAST(${col} AS TEXT) IN (SELECT value FROM json_each(?))`).all(idsJson) as {
      r: number;
      id: string;
    }[];
    if (rows.length === 0) continue;
    hits.rowidsByVersion.set(v.version, rows.map((x) => x.r));
    hits.importedAt.set(v.version, v.imported_at);
    for (const x of rows) hits.found.add(x.id);
  }
  return hits;
}

/**
 * The text of the customers' own PII cells (e-mails, names, phones) in the rows found: import error
 * records elsewhere (a shifted row's "(extra fields)", a name in a number column) can hold them.
 */
export function piiValuesOf(db: Db, hits: DatasetHits): Set<string> {
  const pii = db.prepare('SELECT name FROM dataset_columns WHERE dataset = ? AND pii = 1').pluck().all(hits.dataset) as string[];
  const values = new Set<string>();
  for (const [version, rowids] of hits.rowidsByVersion) {
    const table = db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ? AND version = ?').pluck().get(hits.dataset, version) as string;
    const present = new Set(tableColumns(db, table));
    for (const c of pii.filter((p) => present.has(p))) {
      const vals = db
        .prepare(`SELECT DISTINCT CAST(${quoteIdent(c)} AS TEXT) FROM ${quoteIdent(table)} WHERE rowid IN (SELECT value FROM json_each(?)) AND ${quoteIdent(c)} IS NOT NULL`)
        .pluck()
        .all(JSON.stringify(rowids)) as string[];
      // Very short values ("Al", "5") would match unrelated text; IDs themselves are matched regardless of length.
      for (const v of vals) if (v.trim().length >= 4) values.add(v.trim());
    }
  }
  return values;
}

/** Whether `text` contains `value` as a whole token (not as part of a longer word or number). */
export function mentions(text: string, value: string): boolean {
  let at = text.indexOf(value);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + value.length] ?? '';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
    at = text.indexOf(value, at + 1);
  }
  return false;
}
