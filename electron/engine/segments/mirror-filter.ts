import type { HistoryCondition } from '../../../shared/rules';

/**
 * Filters: a rule condition as a test over candidate rows (an inclusive range on a Float64Array, a
 * missing-value test, or a lookup table on codes or bytes), with the loops the evaluator runs them in.
 * Hand-written loops because this is the live-count hot path (see test/bench/segments.ts); tests are
 * branch-free (`+(a > b)`), which measured several times faster on random data than `? 1 : 0`.
 * The mirror kernels (mirror-kernels.ts) turn each operator into one of these.
 */
/** A condition as a filter over candidate rows: an inclusive range on a Float64Array, or a lookup table on codes. */
export type Filter =
  | { kind: 'range'; values: Float64Array; lo: number; hi: number }
  | { kind: 'nan'; values: Float64Array }
  | { kind: 'lut'; codes: Int32Array; lut: Uint8Array }
  | { kind: 'lut8'; values: Uint8Array; lut: Uint8Array };

export const PASS_ONES = Uint8Array.from([0, 1]);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The next double toward -∞ / +∞, so strict comparisons become inclusive ranges exactly. */
export function nextDown(x: number): number {
  if (x !== x || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  u64[0] += x > 0 ? -1n : 1n;
  return f64[0];
}
export function nextUp(x: number): number {
  return -nextDown(-x);
}

const SAMPLE = 4096;
/** Share of an evenly strided sample of rows passing `f`: a cheap selectivity estimate for ordering AND filters. */
export function samplePassRate(f: Filter, rows: number): number {
  const step = Math.max(1, Math.floor(rows / SAMPLE));
  let pass = 0;
  let seen = 0;
  for (let i = 0; i < rows; i += step) {
    seen++;
    if (f.kind === 'range') pass += +(f.values[i] >= f.lo) & +(f.values[i] <= f.hi);
    else if (f.kind === 'nan') pass += +(f.values[i] !== f.values[i]);
    else if (f.kind === 'lut') pass += f.lut[f.codes[i] + 1];
    else pass += f.lut[f.values[i]];
  }
  return seen ? pass / seen : 0;
}

/** Rows 0..rows-1 that pass `f`, written into idx; compaction is branch-free (write, then advance by the test). */
export function firstFilter(f: Filter, idx: Uint32Array, rows: number): number {
  let k = 0;
  if (f.kind === 'range') {
    const { values: v, lo, hi } = f;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += +(v[i] >= lo) & +(v[i] <= hi);
    }
  } else if (f.kind === 'nan') {
    const v = f.values;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += +(v[i] !== v[i]);
    }
  } else if (f.kind === 'lut') {
    const { codes, lut } = f;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += lut[codes[i] + 1];
    }
  } else {
    const { values, lut } = f;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += lut[values[i]];
    }
  }
  return k;
}

/** Keep the candidates idx[0..len) that pass `f`; returns the new length. */
export function applyFilter(f: Filter, idx: Uint32Array, len: number): number {
  let k = 0;
  if (f.kind === 'range') {
    const { values: v, lo, hi } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      const x = v[i];
      idx[k] = i;
      k += +(x >= lo) & +(x <= hi);
    }
  } else if (f.kind === 'nan') {
    const v = f.values;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += +(v[i] !== v[i]);
    }
  } else if (f.kind === 'lut') {
    const { codes, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += lut[codes[i] + 1];
    }
  } else {
    const { values, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += lut[values[i]];
    }
  }
  return k;
}

/** OR a filter over every row into `mark`. */
export function markFilter(f: Filter, mark: Uint8Array, rows: number): void {
  if (f.kind === 'range') {
    const { values: v, lo, hi } = f;
    for (let i = 0; i < rows; i++) mark[i] |= +(v[i] >= lo) & +(v[i] <= hi);
  } else if (f.kind === 'nan') {
    const v = f.values;
    for (let i = 0; i < rows; i++) mark[i] |= +(v[i] !== v[i]);
  } else if (f.kind === 'lut') {
    const { codes, lut } = f;
    for (let i = 0; i < rows; i++) mark[i] |= lut[codes[i] + 1];
  } else {
    const { values, lut } = f;
    for (let i = 0; i < rows; i++) mark[i] |= lut[values[i]];
  }
}


/**
 * NOT of a lookup-table filter is the same table with every entry flipped (NOT takes in missing
 * values too, as the SQL's NOT of a guarded condition does), so it narrows candidates instead of
 * costing a full mask. Ranges have no such inverse: null.
 */
export function negatedFilter(f: Filter | null): Filter | null {
  if (!f || f.kind === 'range' || f.kind === 'nan') return null;
  const lut = f.lut.map((x) => x ^ 1);
  return f.kind === 'lut' ? { kind: 'lut', codes: f.codes, lut } : { kind: 'lut8', values: f.values, lut };
}

/** An order-history comparison as an inclusive range on the per-row numbers (NaN, no value, never passes). */
export function historyFilter(h: Pick<HistoryCondition, 'op' | 'value'>, values: Float64Array): Filter {
  const v = h.value;
  if (Array.isArray(v)) return { kind: 'range', values, lo: v[0], hi: v[1] };
  const [lo, hi] =
    h.op === 'gte' ? [v, Infinity] : h.op === 'gt' ? [nextUp(v), Infinity] : h.op === 'lte' ? [-Infinity, v] : h.op === 'lt' ? [-Infinity, nextDown(v)] : [v, v];
  return { kind: 'range', values, lo, hi };
}
