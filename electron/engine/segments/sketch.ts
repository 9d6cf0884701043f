/**
 * Byte sketches of the mirror's columns, for live counts. V8 runs a lookup over a Uint8Array at about
 * 0.6 ns a row on this machine and a range test over a Float64Array at 3.7 ns (test/bench/segments.ts at
 * 5M customers; README, live counts), so conditions are tested on one byte per row:
 * - a number or date column becomes 255 bins of about equal size plus a bin for missing values; a range
 *   condition passes or fails whole bins, and only the bins a bound falls inside (holding a few rows in
 *   a thousand) test the row's exact value;
 * - a number or date column whose values are all whole numbers within a span of 65,534 (dates as days, counts,
 *   ages) becomes offset codes instead: value − min + 1, 0 for missing, as bytes or 16-bit codes. A condition is
 *   then a lookup table on the codes, exact with no value read (a ranged sketch's cut bins cost more in V8 than
 *   their share of rows suggests: each cut bin added about as much as the whole lookup pass, 5M rows);
 * - a text column's codes become bytes (or 16-bit codes) when its dictionary is small enough.
 * Each sketch is built once per column array (the mirror's arrays do not change) and held no longer.
 */

export const MISSING_BIN = 255;
const VALUE_BINS = 255;
const SAMPLE = 65_536;

export interface Sketch {
  /** Bin of every row: 0..254 for values, MISSING_BIN for NaN. */
  bins: Uint8Array;
  /** Smallest and largest value in each of the 255 value bins (+∞ / −∞ when a bin is empty). */
  min: Float64Array;
  max: Float64Array;
}

const sketches = new WeakMap<Float64Array, Sketch>();

/** Whether codes of some kind were already built for this column array. */
export function codesBuilt(values: Float64Array): boolean {
  return offsets.has(values) || scaled.has(values) || sketches.has(values);
}

/** The value built for `key` once (a column array: the mirror's arrays do not change). */
function once<K extends object, V>(cache: WeakMap<K, V>, key: K, build: (key: K) => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const v = build(key);
  cache.set(key, v);
  return v;
}

export function sketchOf(values: Float64Array): Sketch {
  return once(sketches, values, buildSketch);
}

/** Cut points at the quantiles of an evenly strided sample; bin c holds values in [cut[c-1], cut[c]). */
function cutsOf(values: Float64Array): Float64Array {
  const n = values.length;
  const step = Math.max(1, Math.floor(n / SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) if (values[i] === values[i]) sample.push(values[i]);
  const sorted = Float64Array.from(sample).sort();
  const cuts: number[] = [];
  for (let j = 1; j < VALUE_BINS; j++) {
    const x = sorted[Math.floor((j * sorted.length) / VALUE_BINS)];
    if (x !== undefined && (cuts.length === 0 || x > cuts[cuts.length - 1])) cuts.push(x);
  }
  return Float64Array.from(cuts);
}

function buildSketch(values: Float64Array): Sketch {
  // Padded to 255 with NaN (never ≤ anything), so the search below takes the same eight steps for every value
  // with no branch to mispredict: 60 ms for 5M values against 200 ms for a plain binary search.
  const cuts = new Float64Array(VALUE_BINS).fill(NaN);
  cuts.set(cutsOf(values));
  const bins = new Uint8Array(new SharedArrayBuffer(values.length));
  const min = new Float64Array(VALUE_BINS).fill(Infinity);
  const max = new Float64Array(VALUE_BINS).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) {
      bins[i] = MISSING_BIN;
      continue;
    }
    // The number of cuts ≤ x (at most 254): the bin whose range holds x.
    let a = 0;
    a += +(cuts[a + 127] <= x) << 7;
    a += +(cuts[a + 63] <= x) << 6;
    a += +(cuts[a + 31] <= x) << 5;
    a += +(cuts[a + 15] <= x) << 4;
    a += +(cuts[a + 7] <= x) << 3;
    a += +(cuts[a + 3] <= x) << 2;
    a += +(cuts[a + 1] <= x) << 1;
    a += +(cuts[a] <= x);
    bins[i] = a;
    if (x < min[a]) min[a] = x;
    if (x > max[a]) max[a] = x;
  }
  return { bins, min, max };
}

/**
 * The verdict on each bin for the inclusive range [lo, hi]: 1 every row passes, 0 none does, 2 the rows
 * must be tested one by one. The missing bin fails (a missing value is in no range).
 */
export function rangeVerdicts(s: Sketch, lo: number, hi: number): Uint8Array {
  const lut = new Uint8Array(256);
  for (let c = 0; c < VALUE_BINS; c++) {
    const a = s.min[c];
    const b = s.max[c];
    lut[c] = a > b || b < lo || a > hi ? 0 : a >= lo && b <= hi ? 1 : 2;
  }
  lut[MISSING_BIN] = 0;
  return lut;
}

export interface OffsetCodes {
  /** value − min + 1 per row; 0 for a missing value. */
  codes: Uint8Array | Uint16Array;
  min: number;
  /** The largest code (max − min + 1). */
  top: number;
}

const offsets = new WeakMap<Float64Array, OffsetCodes | null>();

/** A whole-number column's offset codes, or null when a value is fractional or the span is too wide. */
export function offsetCodesOf(values: Float64Array): OffsetCodes | null {
  return once(offsets, values, buildOffsetCodes);
}

function buildOffsetCodes(values: Float64Array): OffsetCodes | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) continue;
    if (x !== Math.floor(x) || x === -Infinity || x === Infinity) return null;
    if (x < min) min = x;
    if (x > max) max = x;
    if (max - min > 65_533) return null;
  }
  if (min > max) return null;
  const top = max - min + 1;
  // Shared memory, as the bins are.
  const codes = top < 255 ? new Uint8Array(new SharedArrayBuffer(values.length)) : new Uint16Array(new SharedArrayBuffer(2 * values.length));
  const base = min - 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    codes[i] = x === x ? x - base : 0;
  }
  return { codes, min, top };
}

export interface ScaledCodes {
  /** round(value × scale) − minK + 1 per row; 0 for a missing value. */
  codes: Int32Array;
  scale: number;
  minK: number;
  maxK: number;
}

const scaled = new WeakMap<Float64Array, ScaledCodes | null>();

/**
 * A column of amounts with at most two decimals (prices, totals) as whole numbers of its smallest unit, when the
 * span fits 31 bits: a range is then one integer comparison per row, exact (each value is k / scale exactly).
 * Null for anything else (more decimals, a huge span, no value at all).
 */
export function scaledCodesOf(values: Float64Array): ScaledCodes | null {
  return once(scaled, values, buildScaledCodes);
}

function buildScaledCodes(values: Float64Array): ScaledCodes | null {
  let scale = 1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) continue;
    while (Math.round(x * scale) / scale !== x) {
      if (scale === 100) return null;
      scale *= 10;
    }
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min > max) return null;
  const minK = Math.round(min * scale);
  const maxK = Math.round(max * scale);
  if (!Number.isSafeInteger(minK) || !Number.isSafeInteger(maxK) || maxK - minK > 2_000_000_000) return null;
  const codes = new Int32Array(new SharedArrayBuffer(4 * values.length));
  const base = minK - 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    codes[i] = x === x ? Math.round(x * scale) - base : 0;
  }
  return { codes, scale, minK, maxK };
}

/** The codes [from, to] of the values in [lo, hi] (to < from when none can be): k / scale is exact for every stored value. */
export function scaledRange(s: ScaledCodes, lo: number, hi: number): [number, number] {
  const { scale, minK, maxK } = s;
  const clamp = (k: number) => Math.min(maxK + 1, Math.max(minK - 1, k));
  let a = clamp(Math.ceil(lo * scale));
  while (a > minK - 1 && (a - 1) / scale >= lo) a--;
  while (a <= maxK && a / scale < lo) a++;
  let b = clamp(Math.floor(hi * scale));
  while (b < maxK + 1 && (b + 1) / scale <= hi) b++;
  while (b >= minK && b / scale > hi) b--;
  // Never code 0 (missing): a range holds values only.
  return [Math.max(a, minK) - minK + 1, Math.min(b, maxK) - minK + 1];
}

const narrowed = new WeakMap<Int32Array, Uint8Array | Uint16Array>();

/**
 * A text column's codes plus one (so a missing value, code −1, is 0), as bytes when the dictionary has
 * fewer than 256 entries and as 16-bit codes below 65,536; null for larger dictionaries (IDs, e-mails),
 * whose rules test the Int32 codes.
 */
export function narrowCodes(codes: Int32Array, dictionarySize: number): Uint8Array | Uint16Array | null {
  if (dictionarySize >= 65_535) return null;
  return once(narrowed, codes, () => {
    const out = dictionarySize < 255 ? new Uint8Array(new SharedArrayBuffer(codes.length)) : new Uint16Array(new SharedArrayBuffer(2 * codes.length));
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] + 1;
    return out;
  });
}
