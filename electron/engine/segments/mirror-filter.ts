import type { HistoryCondition } from '../../../shared/rules';
import { codesBuilt, MISSING_BIN, offsetCodesOf, rangeVerdicts, scaledCodesOf, scaledRange, sketchOf, type OffsetCodes } from './sketch';

/**
 * Filters: a rule condition as a test over candidate rows, with the loops the evaluator runs them in.
 * Every test reads one byte or code per row: a lookup table on a column's codes, or on a number
 * column's bins (sketch.ts) with the exact value read only in the bins a bound cuts through.
 * Hand-written loops because this is the live-count hot path (see test/bench/segments.ts); tests are
 * branch-free (`+(a > b)`), which measured several times faster on random data than `? 1 : 0`; the one
 * branch left (a row in a cut bin) is taken for a few rows in a thousand, so it is predicted well.
 * The mirror kernels (mirror-kernels.ts) turn each operator into one of these.
 */
export type Filter =
  /** Int32 codes (−1 missing) looked up at code + 1: text with a large dictionary. */
  | { kind: 'lut'; codes: Int32Array; lut: Uint8Array }
  /** Bytes or 16-bit codes looked up directly (booleans, masks, small dictionaries' codes + 1). */
  | { kind: 'lut8'; values: Uint8Array; lut: Uint8Array }
  | { kind: 'lut16'; values: Uint16Array; lut: Uint8Array }
  /**
   * Bins looked up: 0 fail, 1 pass, 2 test the value against [lo, hi], the result XOR `flip` (a negated
   * range). The missing bin's entry is final.
   */
  | { kind: 'binned'; bins: Uint8Array; lut: Uint8Array; values: Float64Array; lo: number; hi: number; flip: number }
  /**
   * Int32 codes (0 missing) inside [lo, lo + w], the result XOR `flip`: one unsigned comparison per row,
   * ((c − lo) >>> 0) ≤ w, with no table (amounts as whole cents: sketch.ts scaledCodesOf).
   */
  | { kind: 'span'; codes: Int32Array; lo: number; w: number; flip: number }
  /** The values themselves inside [lo, hi], XOR `flip`: a process's first count, before any codes are built (rangeFilter). */
  | { kind: 'range'; values: Float64Array; lo: number; hi: number; flip: number };

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

/** A lookup on offset codes: entry c + 1 says whether value min + c passes; entry 0 is the missing rows' verdict. */
function offsetFilter(o: OffsetCodes, missing: number, pass: (v: number) => boolean): Filter {
  const lut = new Uint8Array(o.top + 1);
  lut[0] = missing;
  for (let c = 1; c <= o.top; c++) lut[c] = +pass(o.min + c - 1);
  return o.codes instanceof Uint8Array ? { kind: 'lut8', values: o.codes, lut } : { kind: 'lut16', values: o.codes, lut };
}

let warm = false;

/**
 * From now on, ranges read codes (called after a process's first compiled rule). The first count of a
 * process tests the values themselves: a one-shot command (`segmentdesk count`) would spend longer building
 * codes than counting (at 1M rows, 26 of its 350 ms); an app or a benchmark counts again and gets them.
 */
export function warmUp(): void {
  warm = true;
}

/** The rows of a number column inside the inclusive range [lo, hi] (a missing value is in none). */
export function rangeFilter(values: Float64Array, lo: number, hi: number): Filter {
  if (!warm && !codesBuilt(values)) return { kind: 'range', values, lo, hi, flip: 0 };
  const o = offsetCodesOf(values);
  if (o) return offsetFilter(o, 0, (v) => v >= lo && v <= hi);
  const sc = scaledCodesOf(values);
  if (sc) {
    const [a, b] = scaledRange(sc, lo, hi);
    return { kind: 'span', codes: sc.codes, lo: a, w: b - a, flip: 0 };
  }
  const s = sketchOf(values);
  return { kind: 'binned', bins: s.bins, lut: rangeVerdicts(s, lo, hi), values, lo, hi, flip: 0 };
}

/** The rows of a number column with a value other than x (a missing value is not one). */
export function otherThanFilter(values: Float64Array, x: number): Filter {
  const o = offsetCodesOf(values);
  if (o) return offsetFilter(o, 0, (v) => v !== x);
  // A negated span would take in missing values: this rare operator stays on the bins.
  const s = sketchOf(values);
  const f = negatedFilter({ kind: 'binned', bins: s.bins, lut: rangeVerdicts(s, x, x), values, lo: x, hi: x, flip: 0 }) as Filter & { kind: 'binned' };
  f.lut[MISSING_BIN] = 0;
  return f;
}

/** The rows of a number column with no value. */
export function missingFilter(values: Float64Array): Filter {
  const o = offsetCodesOf(values);
  if (o) return offsetFilter(o, 1, () => false);
  const sc = scaledCodesOf(values);
  if (sc) return { kind: 'span', codes: sc.codes, lo: 0, w: 0, flip: 0 };
  const lut = new Uint8Array(256);
  lut[MISSING_BIN] = 1;
  return { kind: 'lut8', values: sketchOf(values).bins, lut };
}

/** Whether row i passes (for the sample below). */
function passes(f: Filter, i: number): number {
  if (f.kind === 'lut') return f.lut[f.codes[i] + 1];
  if (f.kind === 'span') return +((f.codes[i] - f.lo) >>> 0 <= f.w) ^ f.flip;
  if (f.kind === 'range') return (+(f.values[i] >= f.lo) & +(f.values[i] <= f.hi)) ^ f.flip;
  if (f.kind === 'binned') {
    const t = f.lut[f.bins[i]];
    return t === 2 ? (+(f.values[i] >= f.lo) & +(f.values[i] <= f.hi)) ^ f.flip : t;
  }
  return f.lut[f.values[i]];
}

const SAMPLE = 4096;
/** Share of an evenly strided sample of rows passing `f`: a cheap selectivity estimate for ordering AND filters. */
export function samplePassRate(f: Filter, rows: number): number {
  const step = Math.max(1, Math.floor(rows / SAMPLE));
  let pass = 0;
  let seen = 0;
  for (let i = 0; i < rows; i += step) {
    seen++;
    pass += passes(f, i);
  }
  return seen ? pass / seen : 0;
}

/** Rows lo..hi-1 that pass `f`, written into idx; compaction is branch-free (write, then advance by the test). */
export function firstFilter(f: Filter, idx: Uint32Array, lo: number, hi: number): number {
  // One small function per kind: V8 compiles each loop on its own (measured 2× faster than one function with four loops).
  switch (f.kind) {
    case 'binned':
      return firstBinned(f.bins, f.lut, f.values, f.lo, f.hi, f.flip, idx, lo, hi);
    case 'lut8':
      return firstLut8(f.values, f.lut, idx, lo, hi);
    case 'lut16':
      return firstLut16(f.values, f.lut, idx, lo, hi);
    case 'lut':
      return firstLut32(f.codes, f.lut, idx, lo, hi);
    case 'span':
      return firstSpan(f.codes, f.lo, f.w, f.flip, idx, lo, hi);
    case 'range':
      return firstRange(f.values, f.lo, f.hi, f.flip, idx, lo, hi);
  }
}

function firstRange(v: Float64Array, a: number, b: number, flip: number, idx: Uint32Array, lo: number, hi: number): number {
  let k = 0;
  for (let i = lo; i < hi; i++) {
    idx[k] = i;
    k += (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
  }
  return k;
}

function firstSpan(codes: Int32Array, a: number, w: number, flip: number, idx: Uint32Array, lo: number, hi: number): number {
  let k = 0;
  for (let i = lo; i < hi; i++) {
    idx[k] = i;
    k += +((codes[i] - a) >>> 0 <= w) ^ flip;
  }
  return k;
}

function firstBinned(bins: Uint8Array, lut: Uint8Array, v: Float64Array, a: number, b: number, flip: number, idx: Uint32Array, lo: number, hi: number): number {
  let k = 0;
  for (let i = lo; i < hi; i++) {
    let t = lut[bins[i]];
    if (t === 2) t = (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
    idx[k] = i;
    k += t;
  }
  return k;
}

function firstLut8(values: Uint8Array, lut: Uint8Array, idx: Uint32Array, lo: number, hi: number): number {
  let k = 0;
  for (let i = lo; i < hi; i++) {
    idx[k] = i;
    k += lut[values[i]];
  }
  return k;
}

function firstLut16(values: Uint16Array, lut: Uint8Array, idx: Uint32Array, lo: number, hi: number): number {
  let k = 0;
  for (let i = lo; i < hi; i++) {
    idx[k] = i;
    k += lut[values[i]];
  }
  return k;
}

function firstLut32(codes: Int32Array, lut: Uint8Array, idx: Uint32Array, lo: number, hi: number): number {
  let k = 0;
  for (let i = lo; i < hi; i++) {
    idx[k] = i;
    k += lut[codes[i] + 1];
  }
  return k;
}

/** Keep the candidates idx[0..len) that pass `f`; returns the new length. */
export function applyFilter(f: Filter, idx: Uint32Array, len: number): number {
  switch (f.kind) {
    case 'binned':
      return applyBinned(f.bins, f.lut, f.values, f.lo, f.hi, f.flip, idx, len);
    case 'lut8':
      return applyLut8(f.values, f.lut, idx, len);
    case 'lut16':
      return applyLut16(f.values, f.lut, idx, len);
    case 'lut':
      return applyLut32(f.codes, f.lut, idx, len);
    case 'span':
      return applySpan(f.codes, f.lo, f.w, f.flip, idx, len);
    case 'range':
      return applyRange(f.values, f.lo, f.hi, f.flip, idx, len);
  }
}

function applyRange(v: Float64Array, a: number, b: number, flip: number, idx: Uint32Array, len: number): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = idx[j];
    idx[k] = i;
    k += (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
  }
  return k;
}

function applySpan(codes: Int32Array, a: number, w: number, flip: number, idx: Uint32Array, len: number): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = idx[j];
    idx[k] = i;
    k += +((codes[i] - a) >>> 0 <= w) ^ flip;
  }
  return k;
}

function applyBinned(bins: Uint8Array, lut: Uint8Array, v: Float64Array, a: number, b: number, flip: number, idx: Uint32Array, len: number): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = idx[j];
    let t = lut[bins[i]];
    if (t === 2) t = (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
    idx[k] = i;
    k += t;
  }
  return k;
}

function applyLut8(values: Uint8Array, lut: Uint8Array, idx: Uint32Array, len: number): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = idx[j];
    idx[k] = i;
    k += lut[values[i]];
  }
  return k;
}

function applyLut16(values: Uint16Array, lut: Uint8Array, idx: Uint32Array, len: number): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = idx[j];
    idx[k] = i;
    k += lut[values[i]];
  }
  return k;
}

function applyLut32(codes: Int32Array, lut: Uint8Array, idx: Uint32Array, len: number): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = idx[j];
    idx[k] = i;
    k += lut[codes[i] + 1];
  }
  return k;
}

/** OR a filter over rows lo..hi-1 into `mark` (indexed from lo). */
export function markFilter(f: Filter, mark: Uint8Array, lo: number, hi: number): void {
  if (f.kind === 'binned') {
    const { bins, lut, values: v, lo: a, hi: b, flip } = f;
    for (let i = lo; i < hi; i++) {
      let t = lut[bins[i]];
      if (t === 2) t = (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
      mark[i - lo] |= t;
    }
  } else if (f.kind === 'lut8') {
    const { values, lut } = f;
    for (let i = lo; i < hi; i++) mark[i - lo] |= lut[values[i]];
  } else if (f.kind === 'lut16') {
    const { values, lut } = f;
    for (let i = lo; i < hi; i++) mark[i - lo] |= lut[values[i]];
  } else if (f.kind === 'span') {
    const { codes, lo: a, w, flip } = f;
    for (let i = lo; i < hi; i++) mark[i - lo] |= +((codes[i] - a) >>> 0 <= w) ^ flip;
  } else if (f.kind === 'range') {
    const { values: v, lo: a, hi: b, flip } = f;
    for (let i = lo; i < hi; i++) mark[i - lo] |= (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
  } else {
    const { codes, lut } = f;
    for (let i = lo; i < hi; i++) mark[i - lo] |= lut[codes[i] + 1];
  }
}

/** OR a filter over the candidates idx[0..len) into `mark` (indexed from lo): one pass, no list built. */
export function markCandidates(f: Filter, idx: Uint32Array, len: number, mark: Uint8Array, lo: number): void {
  if (f.kind === 'binned') {
    const { bins, lut, values: v, lo: a, hi: b, flip } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      let t = lut[bins[i]];
      if (t === 2) t = (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
      mark[i - lo] |= t;
    }
  } else if (f.kind === 'lut8') {
    const { values, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      mark[i - lo] |= lut[values[i]];
    }
  } else if (f.kind === 'lut16') {
    const { values, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      mark[i - lo] |= lut[values[i]];
    }
  } else if (f.kind === 'span') {
    const { codes, lo: a, w, flip } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      mark[i - lo] |= +((codes[i] - a) >>> 0 <= w) ^ flip;
    }
  } else if (f.kind === 'range') {
    const { values: v, lo: a, hi: b, flip } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      mark[i - lo] |= (+(v[i] >= a) & +(v[i] <= b)) ^ flip;
    }
  } else {
    const { codes, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      mark[i - lo] |= lut[codes[i] + 1];
    }
  }
}

/**
 * NOT of a filter is the same table with every final entry flipped (NOT takes in missing values too,
 * as the SQL's NOT of a guarded condition does) and a cut bin's test flipped, so it narrows candidates
 * instead of costing a full mask.
 */
export function negatedFilter(f: Filter | null): Filter | null {
  if (!f) return null;
  // A span's missing rows (code 0) lie outside every span of codes ≥ 1, so flipping takes them in.
  // So do a value range's (NaN fails both comparisons).
  if (f.kind === 'span' || f.kind === 'range') return { ...f, flip: f.flip ^ 1 };
  const lut = f.lut.map((x) => (x === 2 ? 2 : x ^ 1));
  if (f.kind === 'binned') return { ...f, lut, flip: f.flip ^ 1 };
  return { ...f, lut };
}

/** An order-history comparison as an inclusive range on the per-row numbers (NaN, no value, never passes). */
export function historyFilter(h: Pick<HistoryCondition, 'op' | 'value'>, values: Float64Array): Filter {
  const v = h.value;
  if (Array.isArray(v)) return rangeFilter(values, v[0], v[1]);
  const [lo, hi] =
    h.op === 'gte' ? [v, Infinity] : h.op === 'gt' ? [nextUp(v), Infinity] : h.op === 'lte' ? [-Infinity, v] : h.op === 'lt' ? [-Infinity, nextDown(v)] : [v, v];
  return rangeFilter(values, lo, hi);
}

/** The array a filter looks its table up with: filters on the same one can share a pass. */
function lookedUp(f: Filter): ArrayBufferView {
  return f.kind === 'lut' || f.kind === 'span' ? f.codes : f.kind === 'binned' ? f.bins : f.values;
}

/** A table as final verdicts when it has no cut bins, else null (a span has no table). */
function finalTable(f: Filter): Uint8Array | null {
  if (f.kind === 'span' || f.kind === 'range') return null;
  return f.kind === 'binned' && f.lut.includes(2) ? null : f.lut;
}

/**
 * Two filters on the same column as one (`a AND b` or `a OR b`), so a rule like "no last order, or one more than
 * six months ago" reads the column once; null when they cannot be (different columns, or both would test exact
 * values in cut bins). The merged table combines entry by entry; a cut bin keeps its exact test.
 */
export function mergeFilters(a: Filter, b: Filter, op: 'and' | 'or'): Filter | null {
  if (lookedUp(a) !== lookedUp(b) || a.kind === 'span' || b.kind === 'span' || a.kind === 'range' || b.kind === 'range') return null;
  const [cut, other] = finalTable(b) ? [a, b] : [b, a];
  const fixed = finalTable(other);
  if (!fixed) return null;
  const lut = cut.lut.map((x, c) => (op === 'or' ? (fixed[c] ? 1 : x) : fixed[c] ? x : 0));
  return { ...cut, lut };
}
