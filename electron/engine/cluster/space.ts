import type { Matrix } from './matrix';

/**
 * The space a clustering runs in: scaled numeric columns plus (for k-prototypes) category
 * codes compared by mismatch, weighted by gamma. Category columns stay codes, never one-hot.
 */
export interface Space {
  num: Matrix;
  /** Row-major category codes (n × dc), already imputed (no −1); null when there are no category features. */
  cat: Int32Array | null;
  dc: number;
  /** Weight of one category mismatch relative to squared numeric distance. */
  gamma: number;
}

export function spaceRows(s: Space): number {
  return s.num.d > 0 ? s.num.n : s.cat ? s.cat.length / Math.max(1, s.dc) : 0;
}

/** Squared mixed distance between row i and row j. */
export function spaceDist2(s: Space, i: number, j: number): number {
  const { data, d } = s.num;
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const v = data[i * d + t] - data[j * d + t];
    sum += v * v;
  }
  if (s.cat) {
    const dc = s.dc;
    let mis = 0;
    for (let t = 0; t < dc; t++) if (s.cat[i * dc + t] !== s.cat[j * dc + t]) mis++;
    sum += s.gamma * mis;
  }
  return sum;
}

/** The rows at idx as a new space. */
export function takeSpace(s: Space, idx: ArrayLike<number>): Space {
  const { d } = s.num;
  const num = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) num.set(s.num.data.subarray(idx[r] * d, idx[r] * d + d), r * d);
  let cat: Int32Array | null = null;
  if (s.cat) {
    cat = new Int32Array(idx.length * s.dc);
    for (let r = 0; r < idx.length; r++) cat.set(s.cat.subarray(idx[r] * s.dc, idx[r] * s.dc + s.dc), r * s.dc);
  }
  return { num: { data: num, n: idx.length, d }, cat, dc: s.dc, gamma: s.gamma };
}
