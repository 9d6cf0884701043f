import type { Cell, ColumnInfo } from '../../../shared/types/columns';
import { getMirror, type Mirror } from '../mirror';
import { mirrorRowids, sqlCells, storedColumn, type CellAt, type Coded } from '../mirror/cells';
import { versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import type { Db } from '../db/open';

/**
 * Rows per read of the columns the copy does not hold. Small enough that a chunk's strings die young:
 * at 65,536 rows every young-generation collection copied the chunk's plucked strings, and half a
 * million-row export took 2.15 s; at 8,192, 1.53 s (4,096: 1.6 s; 2,048: 1.7 s).
 */
const CHUNK = 8192;

/** One chunk of kept rows: their rowids (in mirror row order) and, per column, its cells. */
export interface ColumnarChunk {
  /** Mirror rows kept in this chunk. */
  rows: number[];
  rowids: ArrayLike<number>;
  columns: { at: CellAt; coded: Coded | null }[];
}

/**
 * The export's rows read column-wise: the columns the stored columnar copy holds from their arrays,
 * the others (IDs, free text such as e-mails) by one plucked read per column and chunk of rows; only
 * kept rows are assembled. The same cells as reading the table row by row
 * (test/engine/export/columnar.test.ts), where reading rows read every row of the table, half of them
 * only to be skipped. Null when `table` is not the dataset's current version (only that one is stored).
 */
export function columnarChunks(ws: Workspace, dataset: string, table: string, columns: readonly ColumnInfo[], keep: Uint8Array | null, range?: RowRange): Generator<ColumnarChunk> | null {
  const m = columnarMirror(ws, dataset, table);
  return m ? columnChunks(ws.db, m, columns, keep, range) : null;
}

/** The mirror the columnar reading reads, or null when `table` is not the dataset's current, stored version. */
export function columnarMirror(ws: Workspace, dataset: string, table: string): Mirror | null {
  if (versionTable(ws.db, dataset) !== table) return null;
  const m = getMirror(ws, dataset);
  return m.stored ? m : null;
}

/** Mirror rows from..to-1 (all by default): a second thread writes the second half of a large export (export/csv-thread.ts). */
export interface RowRange {
  from: number;
  to: number;
}

/** The chunks of a mirror read on connection `db` (the export's, or the second thread's own). */
export function* columnChunks(db: Db, m: Mirror, columns: readonly ColumnInfo[], keep: Uint8Array | null, range: RowRange = { from: 0, to: m.rows }): Generator<ColumnarChunk> {
  const stored = columns.map((c) => storedColumn(m, c));
  const fromSql = columns.filter((_, k) => !stored[k]).map((c) => c.name);
  const rowids = mirrorRowids(db, m);
  for (let start = range.from; start < range.to; start += CHUNK) {
    const end = Math.min(range.to, start + CHUNK);
    const rows: number[] = [];
    for (let i = start; i < end; i++) if (!keep || keep[rowids[i]] === 1) rows.push(i);
    if (!rows.length) continue;
    const read = fromSql.length ? sqlCells(db, m, rowids, fromSql, start, end) : [];
    let s = 0;
    const cols = stored.map((got) => {
      if (got) return got;
      const cells = read[s++];
      return { at: (i: number) => cells[i - start], coded: null };
    });
    yield { rows, rowids, columns: cols };
  }
}

/** The chunks as rows: [rowid, cell, cell, …]. */
export function* chunkRows(chunks: Iterable<ColumnarChunk>): Generator<Cell[]> {
  for (const c of chunks) {
    for (const i of c.rows) {
      const row: Cell[] = [c.rowids[i]];
      for (let k = 0; k < c.columns.length; k++) row.push(c.columns[k].at(i));
      yield row;
    }
  }
}

/**
 * The chunks as CSV text, each distinct value of a coded column formatted once (a city is quoted once,
 * not once per customer): `field` is the writer's own formatting of one cell.
 */
export function* chunkCsv(chunks: Iterable<ColumnarChunk>, field: (v: Cell) => string, delimiter: string): Generator<{ text: string; rows: number }> {
  const formatted = new Map<Coded, string[]>();
  for (const c of chunks) {
    const fmt = c.columns.map(({ at, coded }): ((i: number) => string) => {
      if (!coded) return (i) => field(at(i));
      let f = formatted.get(coded);
      if (!f) {
        f = coded.dictionary.map((v) => field(v));
        formatted.set(coded, f);
      }
      const fields = f;
      const codes = coded.codes;
      return (i) => (codes[i] < 0 ? '' : fields[codes[i]]);
    });
    const lines: string[] = [];
    for (const i of c.rows) {
      let line = fmt.length ? fmt[0](i) : '';
      for (let k = 1; k < fmt.length; k++) line += delimiter + fmt[k](i);
      lines.push(line);
    }
    yield { text: lines.join('\r\n') + '\r\n', rows: c.rows.length };
  }
}
