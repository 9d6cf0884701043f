import { INT32_NAN, type BlockFormat } from '../mirror/store';
import type { CapturedBlock } from './encode';

/**
 * Blocks of a captured column (capture.ts): BLOCK rows each, written as they fill in the narrowest width that
 * holds the values exactly (mirror/store.ts BlockFormat), so the import holds one block per column.
 */
export const BLOCK = 65_536;

/** Where blocks go as they fill: kept with the batch they finished in (the parsing side), and written by the import's thread. */
export interface BlockOut {
  block(name: string, k: number, data: ArrayBufferView | null, piece?: string | null, format?: BlockFormat): void;
}

/** Collects blocks for the next batch; each block gets bytes of its own (the taker's block is reused). */
export class BlockCollector implements BlockOut {
  private blocks: CapturedBlock[] = [];
  block(name: string, k: number, data: ArrayBufferView | null, piece: string | null = null, format: BlockFormat | '' = ''): void {
    const own = data ? (new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer as ArrayBuffer) : null;
    this.blocks.push({ name, k, data: own, piece, format });
  }
  drain(): CapturedBlock[] {
    const out = this.blocks;
    this.blocks = [];
    return out;
  }
}

/** A column's values filled block by block; `encode` writes a full (or the last) block. */
class Blocks<T extends Float64Array | Int32Array> {
  private at = 0;
  private k = 0;
  constructor(
    private readonly cur: T,
    private readonly encode: (v: T, k: number) => void,
  ) {}
  push(v: number): void {
    this.cur[this.at++] = v;
    if (this.at === BLOCK) this.flush();
  }
  flush(): void {
    if (this.at === 0) return;
    this.encode(this.cur.subarray(0, this.at) as T, this.k++);
    this.at = 0;
  }
}

/** Numbers and day numbers: int32 when every value of the block is a whole int32 (missing as INT32_NAN), else float64. */
export function floatBlocks(out: BlockOut, name: string): Blocks<Float64Array> {
  return new Blocks<Float64Array>(new Float64Array(BLOCK), (v, k) => {
    const narrow = asInt32(v);
    if (narrow) out.block(name, k, narrow, null, 'i32n');
    else out.block(name, k, v, null, 'f64');
  });
}

/**
 * A block of whole numbers (counts, years, days without a time) as int32, missing as INT32_NAN: half the
 * bytes of float64 to write at import and read at load. Null when a value is not a whole int32 (or is -0).
 */
function asInt32(v: Float64Array): Int32Array | null {
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) out[i] = INT32_NAN;
    else if (x === (x | 0) && x !== INT32_NAN && !Object.is(x, -0)) out[i] = x;
    else return null;
  }
  return out;
}

/** Category codes (-1 missing): plus one (0 = missing) in one or two bytes while the dictionary is small, as most categories are. */
export function codeBlocks(out: BlockOut, name: string): Blocks<Int32Array> {
  return new Blocks<Int32Array>(new Int32Array(BLOCK), (v, k) => {
    let max = -1;
    for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
    // Plain loops: TypedArray.from with a mapping function cost 0.4 s of the parsing thread at 1M rows.
    if (max < 65535) {
      const narrow = max < 255 ? new Uint8Array(v.length) : new Uint16Array(v.length);
      for (let i = 0; i < v.length; i++) narrow[i] = v[i] + 1;
      out.block(name, k, narrow, null, max < 255 ? 'u8c' : 'u16c');
    } else out.block(name, k, v, null, 'i32c');
  });
}
