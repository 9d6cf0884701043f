import type { ColumnType } from '../../../shared/types/columns';
import { isoToDayNumber } from '../mirror/build';
import { BOOL_MISSING, type MirrorColumn } from '../mirror/types';

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
 */

/**
 * What the capture may hold while an import runs (SEGMENTDESK_IMPORT_CAPTURE_MB), 0 (off) by default for now.
 * Measured on the 1M × 20 import benchmark: all typed columns took the import from 4.1 s / 229 MB to
 * 5.8 s / 440 MB, and even a 32 MB budget to 5.3 s / 352 MB, against its targets of 1.5× sqlite3 and 300 MB.
 * Columns are taken in file order (the ID first) while they fit; once the rows read so far would pass the
 * budget, the last columns are let go (and freed) and read on first use instead. Writing the store in
 * blocks as the import goes, rather than holding the columns to its end, is what should let it be on.
 */
function budgetBytes(): number {
  const mb = Number(process.env.SEGMENTDESK_IMPORT_CAPTURE_MB);
  return (Number.isFinite(mb) && mb >= 0 && process.env.SEGMENTDESK_IMPORT_CAPTURE_MB !== '' ? mb : 0) * 1024 * 1024;
}

/** Categories beyond this many distinct values are left to the first read (the dictionary would grow without bound). */
const MAX_DICTIONARY = 100_000;
const BLOCK = 65_536;

/** A Float64 column growing by blocks, joined once at the end. */
class Floats {
  private blocks: Float64Array[] = [];
  private cur = new Float64Array(BLOCK);
  private at = 0;
  push(v: number): void {
    if (this.at === BLOCK) {
      this.blocks.push(this.cur);
      this.cur = new Float64Array(BLOCK);
      this.at = 0;
    }
    this.cur[this.at++] = v;
  }
  finish(n: number): Float64Array {
    const out = new Float64Array(n);
    let o = 0;
    for (const b of this.blocks) {
      out.set(b, o);
      o += b.length;
    }
    out.set(this.cur.subarray(0, this.at), o);
    this.blocks = [];
    return out;
  }
}

class Ints {
  private blocks: Int32Array[] = [];
  private cur = new Int32Array(BLOCK);
  private at = 0;
  push(v: number): void {
    if (this.at === BLOCK) {
      this.blocks.push(this.cur);
      this.cur = new Int32Array(BLOCK);
      this.at = 0;
    }
    this.cur[this.at++] = v;
  }
  finish(n: number): Int32Array {
    const out = new Int32Array(n);
    let o = 0;
    for (const b of this.blocks) {
      out.set(b, o);
      o += b.length;
    }
    out.set(this.cur.subarray(0, this.at), o);
    this.blocks = [];
    return out;
  }
}

interface Taker {
  /** False once a value was seen that SQLite would store differently from how it was bound, or past the memory budget. */
  ok: boolean;
  /** What a row costs the capture while the import runs (bytes). */
  bytesPerRow: number;
  /**
   * Values buf[from], buf[from + stride], … (`count` of them): one column of a block of rows. The loop is
   * written out in each taker so its calls stay monomorphic: one shared call per value cost 1.9 s of a
   * 1M-row import.
   */
  takeMany(buf: readonly (string | number | null | undefined)[], from: number, count: number, stride: number): void;
  /** The column for its final type (the import may widen a type beyond its sample), or null when it cannot be one. */
  finish(name: string, type: ColumnType, rows: number): MirrorColumn | null;
}

/** integer, number and boolean columns (INTEGER or REAL affinity): numbers as bound, missing as NaN. */
function numeric(): Taker {
  const values = new Floats();
  const t: Taker = {
    ok: true,
    bytesPerRow: 8,
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
    finish(name, type, rows) {
      const raw = values.finish(rows);
      if (type === 'integer' || type === 'number') return { kind: 'number', name, type, values: raw };
      if (type !== 'boolean') return null;
      const b = new Uint8Array(rows);
      for (let i = 0; i < rows; i++) b[i] = raw[i] === 1 ? 1 : raw[i] === 0 ? 0 : BOOL_MISSING;
      return { kind: 'boolean', name, type, values: b };
    },
  };
  return t;
}

function dates(): Taker {
  const values = new Floats();
  const t: Taker = {
    ok: true,
    bytesPerRow: 8,
    takeMany(buf, from, count, stride) {
      for (let k = 0, i = from; k < count; k++, i += stride) {
        const v = buf[i];
        if (v === null || v === undefined) {
          values.push(NaN);
          continue;
        }
        if (typeof v !== 'string') {
          t.ok = false;
          return;
        }
        // Parsed each time: a Map of the texts cost more (each cell is a new string to hash; 0.66 s for 3M dates).
        values.push(isoToDayNumber(v));
      }
    },
    finish: (name, type, rows) => (type === 'date' || type === 'datetime' ? { kind: 'date', name, type, values: values.finish(rows) } : null),
  };
  return t;
}

function categories(): Taker {
  const codes = new Ints();
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let counts = new Int32Array(64);
  const t: Taker = {
    ok: true,
    bytesPerRow: 4,
    takeMany(buf, from, count, stride) {
      for (let k = 0, i = from; k < count; k++, i += stride) {
        const v = buf[i];
        if (v === null || v === undefined) {
          codes.push(-1);
          continue;
        }
        if (typeof v !== 'string') {
          t.ok = false;
          return;
        }
        let c = index.get(v);
        if (c === undefined) {
          c = dictionary.length;
          if (c >= MAX_DICTIONARY) {
            t.ok = false;
            return;
          }
          // A fresh copy: the cell is a slice of its batch's text and would keep all of it alive.
          const own = Buffer.from(v, 'utf8').toString('utf8');
          dictionary.push(own);
          index.set(own, c);
          if (c >= counts.length) {
            const grown = new Int32Array(counts.length * 2);
            grown.set(counts);
            counts = grown;
          }
        }
        codes.push(c);
        counts[c]++;
      }
    },
    finish: (name, type, rows) =>
      type === 'category' ? { kind: 'text', name, type, codes: codes.finish(rows), dictionary, counts: counts.slice(0, dictionary.length) } : null,
  };
  return t;
}

/** Text JSON writes as it is between quotes (no quote, backslash, control character or surrogate). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * IDs as SQL renders them with CAST(… AS TEXT) (text as it is, safe integers in decimal, missing as ''), kept
 * as the store's JSON text, built piece by piece. Not as an array of the strings: the parser's cells are
 * slices of each batch's text, and holding a million of them would hold every batch's text with them.
 */
function ids(): Taker & { json(): string } {
  const parts: string[] = [];
  let pending: string[] = [];
  const t = {
    ok: true,
    // The JSON of a typical ID ("C0001234",) and its share of the pieces.
    bytesPerRow: 16,
    takeMany(buf: readonly (string | number | null | undefined)[], from: number, count: number, stride: number) {
      for (let k = 0, i = from; k < count; k++, i += stride) {
        const v = buf[i];
        let s: string;
        if (v === null || v === undefined) s = '""';
        else if (typeof v === 'string') s = PLAIN.test(v) ? `"${v}"` : JSON.stringify(v);
        else if (Number.isSafeInteger(v)) s = `"${v}"`;
        else {
          t.ok = false;
          return;
        }
        pending.push(s);
        if (pending.length === BLOCK) {
          parts.push(pending.join(','));
          pending = [];
        }
      }
    },
    json() {
      if (pending.length) parts.push(pending.join(','));
      pending = [];
      return `[${parts.join(',')}]`;
    },
    finish: () => null,
  };
  return t;
}

/** The row numbers as IDs (a file without an ID column), as the store's JSON text. */
function rowNumbers(rows: number): string {
  const parts: string[] = [];
  for (let start = 1; start <= rows; start += BLOCK) {
    const piece: string[] = [];
    for (let i = start; i < Math.min(start + BLOCK, rows + 1); i++) piece.push(`"${i}"`);
    parts.push(piece.join(','));
  }
  return `[${parts.join(',')}]`;
}

export interface Captured {
  columns: MirrorColumn[];
  /** Row IDs as the mirror reads them, as the store's JSON text, or null when they could not be taken. */
  idsJson: string | null;
}

/** Takes the rows a RowInserter writes; `finish` gives the columns whose values were all taken. */
export class ColumnCapture {
  private readonly takers: (Taker | null)[];
  private idTaker: ReturnType<typeof ids> | null;
  private rows = 0;

  constructor(
    private readonly columns: readonly { name: string; type: ColumnType }[],
    private readonly idIndex: number,
  ) {
    this.takers = columns.map((c, i) => {
      if (i === idIndex) return null;
      if (c.type === 'integer' || c.type === 'number' || c.type === 'boolean') return numeric();
      if (c.type === 'date' || c.type === 'datetime') return dates();
      if (c.type === 'category') return categories();
      return null;
    });
    this.idTaker = idIndex >= 0 ? ids() : null;
  }

  /** `count` rows of `width` values each, row after row from the start of `buf`. */
  take(buf: readonly (string | number | null)[], count: number, width: number): void {
    this.keepWithinBudget(this.rows + count);
    for (let c = 0; c < width; c++) {
      const t = c === this.idIndex ? this.idTaker : this.takers[c];
      if (t?.ok) t.takeMany(buf, c, count, width);
    }
    this.rows += count;
  }

  private readonly budget = budgetBytes();

  /** Let go of the last columns (in file order, the ID first) until `rows` of the rest fit the budget. */
  private keepWithinBudget(rows: number): void {
    let used = 0;
    // Let go means forget: what a dropped column held is freed at once.
    if (this.idTaker?.ok) {
      used += this.idTaker.bytesPerRow * rows;
      if (used > this.budget) this.idTaker = null;
    }
    for (let i = 0; i < this.takers.length; i++) {
      const t = this.takers[i];
      if (!t?.ok) continue;
      used += t.bytesPerRow * rows;
      if (used > this.budget) this.takers[i] = null;
    }
  }

  /** The columns under their final types (same order as given), and the IDs. */
  finish(finalTypes: readonly ColumnType[]): Captured {
    const columns: MirrorColumn[] = [];
    this.takers.forEach((t, i) => {
      if (!t?.ok) return;
      const col = t.finish(this.columns[i].name, finalTypes[i], this.rows);
      if (col) columns.push(col);
    });
    const idsJson = this.idIndex < 0 ? rowNumbers(this.rows) : this.idTaker?.ok ? this.idTaker.json() : null;
    return { columns, idsJson };
  }
}
