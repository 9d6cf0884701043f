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
  /** False once a value was seen that SQLite would store differently from how it was bound. */
  ok: boolean;
  take(v: string | number | null): void;
  /** The column for its final type (the import may widen a type beyond its sample), or null when it cannot be one. */
  finish(name: string, type: ColumnType, rows: number): MirrorColumn | null;
}

/** integer, number and boolean columns (INTEGER or REAL affinity): numbers as bound, missing as NaN. */
function numeric(): Taker {
  const values = new Floats();
  const t: Taker = {
    ok: true,
    take(v) {
      if (v === null) values.push(NaN);
      else if (typeof v === 'number') values.push(v);
      else t.ok = false;
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
  const seen = new Map<string, number>();
  const t: Taker = {
    ok: true,
    take(v) {
      if (v === null) values.push(NaN);
      else if (typeof v === 'string') {
        let d = seen.get(v);
        if (d === undefined) {
          d = isoToDayNumber(v);
          if (seen.size < 1_000_000) seen.set(v, d);
        }
        values.push(d);
      } else t.ok = false;
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
    take(v) {
      if (v === null) {
        codes.push(-1);
        return;
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
        dictionary.push(v);
        index.set(v, c);
        if (c >= counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      codes.push(c);
      counts[c]++;
    },
    finish: (name, type, rows) =>
      type === 'category' ? { kind: 'text', name, type, codes: codes.finish(rows), dictionary, counts: counts.slice(0, dictionary.length) } : null,
  };
  return t;
}

/** IDs as SQL renders them with CAST(… AS TEXT): text as it is, safe integers in decimal, missing as ''. */
function ids(): Taker & { ids: string[] } {
  const out: string[] = [];
  const t = {
    ok: true,
    ids: out,
    take(v: string | number | null) {
      if (v === null) out.push('');
      else if (typeof v === 'string' || Number.isSafeInteger(v)) out.push(String(v));
      else t.ok = false;
    },
    finish: () => null,
  };
  return t;
}

export interface Captured {
  columns: MirrorColumn[];
  /** Row IDs as the mirror reads them, or null when they could not be taken. */
  ids: string[] | null;
}

/** Takes the rows a RowInserter writes; `finish` gives the columns whose values were all taken. */
export class ColumnCapture {
  private readonly takers: (Taker | null)[];
  private readonly idTaker: ReturnType<typeof ids> | null;
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
    for (let c = 0; c < width; c++) {
      const t = c === this.idIndex ? this.idTaker : this.takers[c];
      if (!t?.ok) continue;
      for (let r = 0, i = c; r < count; r++, i += width) t.take(buf[i] ?? null);
    }
    this.rows += count;
  }

  /** The columns under their final types (same order as given), and the IDs. */
  finish(finalTypes: readonly ColumnType[]): Captured {
    const columns: MirrorColumn[] = [];
    this.takers.forEach((t, i) => {
      if (!t?.ok) return;
      const col = t.finish(this.columns[i].name, finalTypes[i], this.rows);
      if (col) columns.push(col);
    });
    const idsOut = this.idIndex < 0 ? Array.from({ length: this.rows }, (_, i) => String(i + 1)) : this.idTaker?.ok ? this.idTaker.ids : null;
    return { columns, ids: idsOut };
  }
}
