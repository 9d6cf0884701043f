import type { ColumnType } from '../../../shared/types/columns';
import { isoSliceToDayNumber, isoToDayNumber } from '../mirror/build';
import type { BlockFormat, ImportedColumns, Stamp } from '../mirror/store';
import { BLOCK, BlockCollector, codeBlocks, floatBlocks, type BlockOut } from './capture-blocks';
import { SliceDictionary } from './slice-dictionary';
import { CELL_NULL, CELL_NUMBER, type CapturedBlock, type EncodedBatch } from './encode';

/**
 * The typed columns of a customers file, taken while the import writes its rows, so the stored columnar
 * copy (mirror/store.ts) exists from the start: the first count of a fresh process reads a few MB per
 * column instead of scanning the version table (1.4 s for a three-column rule at 1M customers; 5.4 s to
 * scan all of the typed columns afterwards instead).
 *
 * A column is taken only where its values read back from SQLite exactly as they were bound, so the copy
 * equals what a scan of the table would build (mirror/build.ts): numbers into INTEGER/REAL columns,
 * ISO date text, category text, IDs as text or safe integers. A value that SQLite's column affinity
 * would change (a number bound into a text column becomes "5.0", numeric-looking text in a number
 * column becomes a number) drops the column from the capture; it is then read from the table on
 * first use, as before. Free text (names, e-mails, notes) is left out: rules rarely read it, and its
 * dictionary would be as large as the column.
 *
 * Blocks of BLOCK rows go into the store as they fill, inside the import's transaction: holding whole
 * columns to the end took the 1M × 20 import benchmark from 229 to 440 MB at its peak (target 300 MB).
 */

/** Categories beyond this many distinct values are left to the first read (the dictionary would grow without bound). */
const MAX_DICTIONARY = 100_000;
/**
 * An orders file's customer column is taken as codes up to this many customers: its dictionary lives on the parsing
 * thread, whose heap is capped (import/batch-source.ts parserHeapMb, 192 MB), at about 40 bytes a customer. Beyond,
 * the column is left out and lifetime value reads the lines by SQL (outcomes/clv-lines.ts).
 */
const MAX_CUSTOMERS = 2_000_000;

/** What the capture says at the end of the file: which columns were taken whole, and the IDs. */
export interface CaptureEnd {
  taken: { index: number; kind: 'numeric' | 'date' | 'category'; text?: { dictionary: string[]; counts: Int32Array } }[];
  /** Columns (or the IDs entry) whose blocks are to be dropped: a value SQLite would store differently. */
  dropped: string[];
  ids: boolean;
  /** Blocks written at the end (the last, partial ones). */
  blocks: CapturedBlock[];
}

type Cell = string | number | null | undefined;

interface Taker {
  /** False once a value was seen that SQLite would store differently from how it was bound. */
  ok: boolean;
  /**
   * Values buf[from], buf[from + stride], … (`count` of them): one column of a block of rows. The loop is
   * written out in each taker so its calls stay monomorphic.
   */
  takeMany(buf: readonly Cell[], from: number, count: number, stride: number): void;
  /** Column `c` of an encoded batch, read where each cell lies (the parsing side). */
  takeCells(b: Cells, c: number): void;
  /** Writes the last, partial block. */
  flush(): void;
  kind: 'numeric' | 'date' | 'category' | 'ids';
  /** A category column's dictionary and counts, once all rows are taken. */
  text?(): { dictionary: string[]; counts: Int32Array };
}

/**
 * An encoded batch's cells (encode.ts) as the takers read them, without cutting strings out of the text: a slice's
 * `ends` is where it ends, a number or inline cell's `ends` its place in `numbers` / `inline`.
 */
interface Cells {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  numbers: Float64Array;
  inline: string[];
  rows: number;
  width: number;
}

/** integer, number and boolean columns (INTEGER or REAL affinity): numbers as bound, missing as NaN; yes/no is made at load. */
function numeric(out: BlockOut, name: string): Taker {
  const values = floatBlocks(out, name);
  const t: Taker = {
    ok: true,
    takeMany(buf, from, count, stride) {
      for (let k = 0, i = from; k < count; k++, i += stride) {
        const v = buf[i];
        if (typeof v === 'number') values.push(v);
        else if (v === null || v === undefined) values.push(NaN);
        else {
          t.ok = false;
          return;
        }
      }
    },
    takeCells(b, c) {
      const { starts, ends, numbers } = b;
      for (let r = 0, i = c; r < b.rows; r++, i += b.width) {
        const s = starts[i];
        if (s === CELL_NUMBER) values.push(numbers[ends[i]]);
        else if (s === CELL_NULL) values.push(NaN);
        else {
          // Text in a number column: SQLite's affinity may turn it into a number.
          t.ok = false;
          return;
        }
      }
    },
    flush: () => values.flush(),
    kind: 'numeric',
  };
  return t;
}

function dates(out: BlockOut, name: string): Taker {
  const values = floatBlocks(out, name);
  const t: Taker = {
    ok: true,
    takeMany(buf, from, count, stride) {
      for (let k = 0, i = from; k < count; k++, i += stride) {
        const v = buf[i];
        if (v === null || v === undefined) values.push(NaN);
        else if (typeof v === 'string') values.push(isoToDayNumber(v));
        else {
          t.ok = false;
          return;
        }
      }
    },
    takeCells(b, c) {
      const { text, starts, ends, inline } = b;
      for (let r = 0, i = c; r < b.rows; r++, i += b.width) {
        const s = starts[i];
        // Parsed where it lies in the text: no string is cut, and no Map of texts (each cell a new string to hash).
        if (s >= 0) values.push(isoSliceToDayNumber(text, s, ends[i] - s));
        else if (s === CELL_NULL) values.push(NaN);
        else if (s === CELL_NUMBER) {
          t.ok = false;
          return;
        } else values.push(isoToDayNumber(inline[ends[i]]));
      }
    },
    flush: () => values.flush(),
    kind: 'date',
  };
  return t;
}

/** `limit`: distinct values beyond which the column is left to the first read (an orders file's customer column has none). */
function categories(out: BlockOut, name: string, limit = MAX_DICTIONARY): Taker {
  const codes = codeBlocks(out, name);
  const dict = new SliceDictionary();
  let counts = new Int32Array(64);
  const code = (t: string, o: number, len: number): number => {
    let c = dict.find(t, o, len);
    if (c < 0) {
      if (dict.values.length >= limit) return -2;
      c = dict.add(t, o, len);
      if (c >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
    }
    counts[c]++;
    return c;
  };
  const t: Taker = {
    ok: true,
    takeMany(buf, from, count, stride) {
      for (let k = 0, i = from; k < count; k++, i += stride) {
        const v = buf[i];
        if (v === null || v === undefined) {
          codes.push(-1);
          continue;
        }
        const c = typeof v === 'string' ? code(v, 0, v.length) : -2;
        if (c === -2) {
          t.ok = false;
          return;
        }
        codes.push(c);
      }
    },
    takeCells(b, col) {
      const { text, starts, ends, inline } = b;
      for (let r = 0, i = col; r < b.rows; r++, i += b.width) {
        const s = starts[i];
        let c: number;
        if (s >= 0) c = code(text, s, ends[i] - s);
        else if (s === CELL_NULL) c = -1;
        else if (s === CELL_NUMBER) c = -2;
        else {
          const v = inline[ends[i]];
          c = code(v, 0, v.length);
        }
        if (c === -2) {
          t.ok = false;
          return;
        }
        codes.push(c);
      }
    },
    flush: () => codes.flush(),
    kind: 'category',
    text: () => ({ dictionary: dict.values, counts: counts.slice(0, dict.values.length) }),
  };
  return t;
}

/** Text JSON writes as it is between quotes (no quote, backslash, control character or surrogate). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** IDs as SQL renders them with CAST(… AS TEXT) (text as it is, safe integers in decimal, missing as ''), in pieces of JSON. */
function ids(out: BlockOut, entry: string): Taker {
  let pending: string[] = [];
  let k = 0;
  const flush = () => {
    if (!pending.length) return;
    out.block(entry, k++, null, pending.join(','));
    pending = [];
  };
  const push = (s: string) => {
    pending.push(s);
    if (pending.length === BLOCK) flush();
  };
  const t: Taker = {
    ok: true,
    takeMany(buf, from, count, stride) {
      for (let j = 0, i = from; j < count; j++, i += stride) {
        const v = buf[i];
        if (v === null || v === undefined) push('""');
        else if (typeof v === 'string') push(PLAIN.test(v) ? `"${v}"` : JSON.stringify(v));
        else if (Number.isSafeInteger(v)) push(`"${v}"`);
        else {
          t.ok = false;
          return;
        }
      }
    },
    takeCells(b, c) {
      const { text, starts, ends, numbers, inline } = b;
      for (let r = 0, i = c; r < b.rows; r++, i += b.width) {
        const s = starts[i];
        if (s === CELL_NULL) push('""');
        else if (s === CELL_NUMBER) {
          const v = numbers[ends[i]];
          if (!Number.isSafeInteger(v)) {
            t.ok = false;
            return;
          }
          push(`"${v}"`);
        } else {
          const v = s >= 0 ? text.substring(s, ends[i]) : inline[ends[i]];
          push(PLAIN.test(v) ? `"${v}"` : JSON.stringify(v));
        }
      }
    },
    flush,
    kind: 'ids',
  };
  return t;
}

/**
 * Takes the rows of an import block by block (on the parsing side, which has time to spare while the writer
 * binds values to SQLite); `finish` says what was taken whole. applyCapture then stores it.
 */
export { BlockCollector } from './capture-blocks';

export class ColumnCapture {
  private readonly takers: (Taker | null)[];
  private readonly idTaker: Taker | null;
  private rows = 0;

  constructor(
    private readonly out: BlockCollector,
    private readonly columns: readonly { name: string; type: ColumnType }[],
    private readonly idIndex: number,
    /** Null: no IDs entry (an orders file, whose ID column names the customer of each line). */
    private readonly idsEntry: string | null,
    /** Text columns taken as codes and a dictionary of up to MAX_CUSTOMERS values (an orders file's customer column). */
    coded: readonly number[] = [],
  ) {
    this.takers = columns.map((c, i) => {
      if (i === idIndex && idsEntry !== null) return null;
      if (c.type === 'integer' || c.type === 'number' || c.type === 'boolean') return numeric(out, c.name);
      if (c.type === 'date' || c.type === 'datetime') return dates(out, c.name);
      if (c.type === 'category') return categories(out, c.name, coded.includes(i) ? MAX_CUSTOMERS : MAX_DICTIONARY);
      if (c.type === 'text' && coded.includes(i)) return categories(out, c.name, MAX_CUSTOMERS);
      return null;
    });
    this.idTaker = idIndex >= 0 && idsEntry !== null ? ids(out, idsEntry) : null;
  }

  private takerOf(c: number): Taker | null {
    return c === this.idIndex && this.idsEntry !== null ? this.idTaker : this.takers[c];
  }

  /** `count` rows of `width` values each, row after row from the start of `buf`. */
  take(buf: readonly Cell[], count: number, width: number): void {
    for (let c = 0; c < width; c++) {
      const t = this.takerOf(c);
      if (t?.ok) t.takeMany(buf, c, count, width);
    }
    this.rows += count;
  }

  /** An encoded batch's rows, read where they lie. */
  takeCells(b: Cells): void {
    for (let c = 0; c < b.width; c++) {
      const t = this.takerOf(c);
      if (t?.ok) t.takeCells(b, c);
    }
    this.rows += b.rows;
  }

  /** The blocks filled since the last call. */
  drain(): CapturedBlock[] {
    return this.out.drain();
  }

  finish(): CaptureEnd {
    const taken: CaptureEnd['taken'] = [];
    const dropped: string[] = [];
    this.takers.forEach((t, i) => {
      if (!t) return;
      if (!t.ok || t.kind === 'ids') {
        // (A column's taker is never the IDs'; the test narrows the kind.)
        dropped.push(this.columns[i].name);
        return;
      }
      t.flush();
      taken.push({ index: i, kind: t.kind, ...(t.text ? { text: t.text() } : {}) });
    });
    let idsTaken = false;
    if (this.idsEntry === null) {
      // No IDs entry is kept (see the constructor).
    } else if (this.idIndex < 0) {
      // No ID column: the mirror's IDs are the row numbers.
      for (let start = 1, k = 0; start <= this.rows; start += BLOCK, k++) {
        const piece: string[] = [];
        for (let i = start; i < Math.min(start + BLOCK, this.rows + 1); i++) piece.push(`"${i}"`);
        this.out.block(this.idsEntry, k, null, piece.join(','));
      }
      idsTaken = true;
    } else if (this.idTaker?.ok) {
      this.idTaker.flush();
      idsTaken = true;
    } else dropped.push(this.idsEntry);
    return { taken, dropped, ids: idsTaken, blocks: this.out.drain() };
  }
}

/** A capture fed by encoded batches (the parsing side), reading each cell where it lies as the writer will bind it. */
export class BatchCapture {
  private readonly capture: ColumnCapture;
  private readonly width: number;
  constructor(columns: readonly { name: string; type: ColumnType }[], idIndex: number, idsEntry: string | null, coded: readonly number[] = []) {
    this.width = columns.length;
    this.capture = new ColumnCapture(new BlockCollector(), columns, idIndex, idsEntry, coded);
  }
  /** Takes the batch's rows; the blocks they filled go with it. */
  take(b: EncodedBatch): void {
    this.capture.takeCells({ text: b.text, starts: b.starts, ends: b.ends, numbers: b.numbers, inline: b.inline, rows: b.rows, width: this.width });
    const blocks = this.capture.drain();
    if (blocks.length) b.blocks = blocks;
  }
  finish(): CaptureEnd {
    return this.capture.finish();
  }
}

/** Writes a batch's blocks into the import's transaction. */
export function writeBlocks(out: ImportedColumns, blocks: readonly CapturedBlock[] | undefined): void {
  if (!blocks) return;
  for (const b of blocks) out.block(b.name, b.k, b.data ? new Uint8Array(b.data) : null, b.piece, b.format === '' ? undefined : (b.format as BlockFormat));
}

/**
 * The heads of the columns taken whole, under their final types (an import may widen a type beyond its sample:
 * a yes/no column that met a 2 becomes a number column; a kind that cannot be the final type is dropped).
 * Returns how many columns were stored and whether the IDs were.
 */
export function applyCapture(
  out: ImportedColumns,
  end: CaptureEnd,
  columns: readonly { name: string; type: ColumnType }[],
  idColumn: string | null,
  idsEntry: string,
  stamp: Stamp,
  /** The import saw no ID twice and no row without one (or the file has no ID column: rows are numbered). */
  idsUnique: boolean,
): { columns: number; ids: boolean } {
  writeBlocks(out, end.blocks);
  for (const name of end.dropped) out.drop(name);
  let stored = 0;
  for (const t of end.taken) {
    const { name, type } = columns[t.index];
    // A text column is taken as codes only when asked (ColumnCapture's `coded`).
    const fits = t.kind === 'numeric' ? type === 'integer' || type === 'number' || type === 'boolean' : t.kind === 'date' ? type === 'date' || type === 'datetime' : type === 'category' || type === 'text';
    if (!fits) {
      out.drop(name);
      continue;
    }
    out.column(name, type, stamp, t.text);
    stored++;
  }
  if (end.ids) out.ids(idColumn, stamp);
  else out.drop(idsEntry);
  if (idsUnique) out.uniqueKeys(idColumn, stamp);
  return { columns: stored, ids: end.ids };
}
