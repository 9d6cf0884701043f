/** A dense row-major matrix of n points in d dimensions (the space clustering runs in). */
export interface Matrix {
  data: Float64Array;
  n: number;
  d: number;
}

export function matrix(n: number, d: number, data: Float64Array = new Float64Array(n * d)): Matrix {
  if (data.length !== n * d) throw new Error(`matrix data has ${data.length} values, expected ${n}×${d}`);
  return { data, n, d };
}

/** The rows at `idx`, copied into a new matrix. */
export function takeRows(x: Matrix, idx: ArrayLike<number>): Matrix {
  const { d } = x;
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) out.set(x.data.subarray(idx[r] * d, idx[r] * d + d), r * d);
  return matrix(idx.length, d, out);
}

/** Squared distance between row i of `a` and row j of `b` (both with d columns). */
export function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let t = 0; t < d; t++) {
    const v = a[ai + t] - b[bj + t];
    s += v * v;
  }
  return s;
}

/** Mean per-column variance: scikit-learn scales its convergence tolerance by it, and so do we. */
export function meanVariance(x: Matrix): number {
  const { n, d, data } = x;
  if (n === 0) return 0;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const z = data[i * d + t] - mean;
      v += z * z;
    }
    total += v / n;
  }
  return total / d;
}
