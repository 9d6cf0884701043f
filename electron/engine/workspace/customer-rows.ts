import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import { IdHashSet } from '../import/id-hash';

/**
 * "Customers" always means distinct customer IDs (DESIGN: counting conventions), while a file may
 * hold a customer on several rows (a CRM join artefact). These helpers group SQL rows by customer
 * for the SQL-side paths (exports, consent, profile alerts, cluster sizes); the mirror has its own
 * (mirror/customers.ts) and both read the ID as SQLite renders it as text.
 */

/** SQL expression for a row's customer ID as text (NULL when missing), or null when the dataset has no ID column (each row is a customer). */
export function customerIdExpr(db: Db, dataset: string, table: string): string | null {
  const row = db.prepare('SELECT id_column FROM datasets WHERE name = ?').get(dataset) as { id_column: string | null } | undefined;
  const id = row?.id_column;
  if (!id) return null;
  const has = db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, id);
  return has ? `CAST(${quoteIdent(id)} AS TEXT)` : null;
}

/**
 * Tells, while rows stream past, whether any customer ID repeats or is missing; only then does a
 * caller need `customerCodes` (a second pass). Hash-based (16 MB at 1M rows), so "no repeat" is exact.
 */
export class RepeatCheck {
  private readonly hashes: IdHashSet;
  private empty = false;

  constructor(expectedRows: number) {
    this.hashes = new IdHashSet(expectedRows);
  }

  add(id: unknown): void {
    if (id === null || id === undefined || id === '') this.empty = true;
    else this.hashes.add(id as string);
  }

  /** Every row seen so far is a customer of its own. */
  get unique(): boolean {
    return !this.empty && !this.hashes.repeated;
  }
}

/**
 * Per selected row (rowids ascending, as given), a customer number: equal IDs get equal numbers,
 * a row without an ID is a customer of its own (it cannot be matched to any other row, and
 * dropping it would lose it without a word).
 */
export function customerCodes(db: Db, table: string, idExpr: string | null, rowids: ArrayLike<number>): { codes: Int32Array; customers: number } {
  const codes = new Int32Array(rowids.length);
  if (idExpr === null) {
    for (let i = 0; i < codes.length; i++) codes[i] = i;
    return { codes, customers: codes.length };
  }
  const stmt = db.prepare(`SELECT rowid, ${idExpr} FROM ${quoteIdent(table)} ORDER BY rowid`).raw();
  const seen = new Map<string, number>();
  let next = 0;
  let k = 0;
  for (const [r, id] of stmt.iterate() as Iterable<[number, string | null]>) {
    if (k >= rowids.length) break;
    if (r !== rowids[k]) continue;
    if (id === null || id === '') codes[k] = next++;
    else {
      let c = seen.get(id);
      if (c === undefined) {
        c = next++;
        seen.set(id, c);
      }
      codes[k] = c;
    }
    k++;
  }
  return { codes, customers: next };
}
