/**
 * Converted rows travel from the parsing thread to the writing thread as compact batches: per cell
 * a start/end into the batch's text (a value that is the file's text as written: most text, category
 * and ISO date cells), a number, NULL, or an inline string (a value conversion changed, or one whose
 * place in the text is unknown). The writer cuts the strings with `substring`.
 *
 * Why not post the rows as arrays: the writing thread is the import's bottleneck (binding a string
 * to SQLite costs ~130 ns in better-sqlite3), and deserialising a million rows posted as arrays of
 * values cost it more than parsing them in the first place (measured: the two-thread import with
 * arrays took 9.9 s against 7.4 s on one thread).
 */

export const CELL_NULL = -1;
export const CELL_NUMBER = -2;
export const CELL_INLINE = -3;

export interface CellError {
  /** Record number (1-based, header excluded) = the row's rowid in the version table. */
  row: number;
  column: string;
  raw: string;
  problem: string;
}

/** A block of a typed column (bytes of a typed array) or of the IDs (a piece of JSON), numbered from 0 (capture.ts). */
export interface CapturedBlock {
  name: string;
  k: number;
  data: ArrayBuffer | null;
  piece: string | null;
  /** How `data` holds the values (mirror/store.ts BlockFormat); '' for a piece. */
  format: string;
}

export interface EncodedBatch {
  rows: number;
  /** The text slices refer to. */
  text: string;
  /** Per cell (rows × width, row-major): a slice start ≥ 0, or CELL_NULL / CELL_NUMBER / CELL_INLINE. */
  starts: Int32Array;
  /** Per cell: the slice end (slices), or the value's place in `numbers` / `inline` (number and inline cells: read in place by capture.ts). */
  ends: Int32Array;
  /** The CELL_NUMBER cells' values, in cell order. */
  numbers: Float64Array;
  /** The CELL_INLINE cells' strings, in cell order. */
  inline: string[];
  errors: CellError[];
  /** File bytes read when the batch was cut (progress). */
  bytesRead: number;
  /** Blocks of typed columns the batch completed (capture.ts), for the stored columnar copy. */
  blocks?: CapturedBlock[];
}

export class BatchEncoder {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private readonly numbers: Float64Array;
  private cell = 0;
  private numberCount = 0;
  private rowCount = 0;
  readonly inline: string[] = [];
  readonly errors: CellError[] = [];

  constructor(
    cells: number,
    private readonly text: string,
  ) {
    this.starts = new Int32Array(cells);
    this.ends = new Int32Array(cells);
    this.numbers = new Float64Array(cells);
  }

  endRow(): void {
    this.rowCount++;
  }

  putNull(): void {
    this.starts[this.cell++] = CELL_NULL;
  }

  putNumber(v: number): void {
    this.ends[this.cell] = this.numberCount;
    this.starts[this.cell++] = CELL_NUMBER;
    this.numbers[this.numberCount++] = v;
  }

  putSlice(start: number, end: number): void {
    this.ends[this.cell] = end;
    this.starts[this.cell++] = start;
  }

  putInline(v: string): void {
    this.ends[this.cell] = this.inline.length;
    this.starts[this.cell++] = CELL_INLINE;
    this.inline.push(v);
  }

  get rows(): number {
    return this.rowCount;
  }

  finish(bytesRead: number, withText: boolean): EncodedBatch {
    return {
      rows: this.rowCount,
      text: withText ? this.text : '',
      starts: this.starts.subarray(0, this.cell),
      ends: this.ends.subarray(0, this.cell),
      numbers: this.numbers.slice(0, this.numberCount),
      inline: this.inline,
      errors: this.errors,
      bytesRead,
    };
  }
}

/** Where decoded rows go: the version table's inserter (beginRow gives the row's first slot). */
export interface RowSink {
  beginRow(): number;
  readonly slots: (string | number | null)[];
  endRow(): void;
}

export function decodeBatch(b: EncodedBatch, width: number, sink: RowSink): void {
  const { text, starts, ends, numbers, inline } = b;
  let i = 0;
  let n = 0;
  let t = 0;
  for (let r = 0; r < b.rows; r++) {
    const at = sink.beginRow();
    const slots = sink.slots;
    for (let c = 0; c < width; c++, i++) {
      const s = starts[i];
      slots[at + c] = s >= 0 ? text.substring(s, ends[i]) : s === CELL_NULL ? null : s === CELL_NUMBER ? numbers[n++] : inline[t++];
    }
    sink.endRow();
  }
}
