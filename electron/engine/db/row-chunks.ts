import type { Cell } from '../../../shared/types/columns';

/** The subset of a workspace this needs (engine Workspace or anything with a better-sqlite3 db). */
interface HasDb {
  db: { prepare(sql: string): { raw(on?: boolean): { all(...p: unknown[]): unknown[] } } };
}

export const ROW_CHUNK = 8192;

/**
 * Rows of `select` (which must start with `SELECT rowid, …` and have no WHERE/ORDER BY) in rowid
 * order, in chunks read with .all(): better-sqlite3's .iterate() crosses into SQLite once per row
 * and was over half of a million-row export's reading time; a rowid range per chunk keeps memory
 * bounded all the same.
 */
export function* rowChunks(ws: HasDb, select: string, size = ROW_CHUNK): Generator<Cell[][]> {
  const stmt = ws.db.prepare(`${select} WHERE rowid > ? ORDER BY rowid LIMIT ${size}`).raw(true);
  let after = -Infinity;
  for (;;) {
    const rows = stmt.all(after === -Infinity ? Number.MIN_SAFE_INTEGER : after) as Cell[][];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1][0] as number;
  }
}
