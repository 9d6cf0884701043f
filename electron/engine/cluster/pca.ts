import type { Matrix } from './matrix';
import { spaceRows, type Space } from './space';

/**
 * The map's projection. It is the PCA of the space the clustering ran in, embedded in Euclidean
 * coordinates: the scaled numeric columns as they are, and each category column (k-prototypes)
 * one-hot encoded with weight √(γ/2), so that two rows with different values are γ apart in squared
 * distance, exactly as the clustering compares them. With one numeric feature PC1 is that feature
 * (centred, 100 % explained) and PC2 is 0.
 */
export interface Pca2 {
  /** Two principal axes (2 × D) over the embedded columns, unit length (a zero row when there is no second axis). */
  axes: Float64Array;
  /** Mean of each embedded column (D = numeric columns + one per category value). */
  mean: Float64Array;
  /** Share of total variance each axis explains (each in [0, 1], summing to at most 1). */
  explained: [number, number];
  /** Numeric columns d; embedded column of category t, value c is d + catOffset[t] + c. */
  d: number;
  catOffset: number[];
  /** One-hot value of a category indicator: √(γ/2). */
  catWeight: number;
  /** −Σ mean × loading over the indicator columns, per axis (every row's zeros, precomputed). */
  catShift: [number, number];
}

/** Rows the PCA axes are estimated from (the covariance of a seeded sample is plenty for a 2-D map). */
export const PCA_SAMPLE = 100_000;

/** PCA of a plain numeric matrix (no category columns). */
export function pca2(x: Matrix, rows?: ArrayLike<number>): Pca2 {
  return spacePca({ num: x, cat: null, dc: 0, gamma: 0 }, rows);
}

/**
 * Principal components of the clustering space via the D×D covariance and a Jacobi
 * eigen-decomposition (D is small: numeric features plus at most 50 values per category).
 * `rows` restricts the estimate to a sample; the projection then covers every row.
 */
export function spacePca(s: Space, rows?: ArrayLike<number>): Pca2 {
  const { d, data } = s.num;
  const dc = s.cat ? s.dc : 0;
  const cat = s.cat;
  const n = spaceRows(s);
  // Cardinalities from all rows, so the run and the map (which may sample differently) agree.
  const catOffset: number[] = [];
  let dim = d;
  for (let t = 0; t < dc; t++) {
    let max = -1;
    for (let i = 0; i < n; i++) if ((cat as Int32Array)[i * dc + t] > max) max = (cat as Int32Array)[i * dc + t];
    catOffset.push(dim - d);
    dim += max + 1;
  }
  const w = Math.sqrt(Math.max(0, s.gamma) / 2);
  const count = rows ? rows.length : n;
  const row = (r: number) => (rows ? rows[r] : r);

  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    const i = row(r);
    for (let t = 0; t < d; t++) mean[t] += data[i * d + t];
    for (let t = 0; t < dc; t++) mean[d + catOffset[t] + (cat as Int32Array)[i * dc + t]] += w;
  }
  for (let t = 0; t < dim; t++) mean[t] /= Math.max(1, count);

  // Σ y yᵀ over rows, with y = numeric columns centred and indicators raw (sparse: d + dc non-zeros a row);
  // the covariance is then Σ y yᵀ / n − m_y m_yᵀ, m_y being 0 on numeric columns and the indicator means.
  const cov = new Float64Array(dim * dim);
  const idx = new Int32Array(d + dc);
  const val = new Float64Array(d + dc);
  for (let r = 0; r < count; r++) {
    const i = row(r);
    for (let t = 0; t < d; t++) {
      idx[t] = t;
      val[t] = data[i * d + t] - mean[t];
    }
    for (let t = 0; t < dc; t++) {
      idx[d + t] = d + catOffset[t] + (cat as Int32Array)[i * dc + t];
      val[d + t] = w;
    }
    for (let a = 0; a < d + dc; a++) {
      const o = idx[a] * dim;
      const va = val[a];
      for (let b = 0; b < d + dc; b++) cov[o + idx[b]] += va * val[b];
    }
  }
  const denom = Math.max(1, count - 1);
  for (let a = 0; a < dim; a++)
    for (let b = 0; b < dim; b++) {
      const ma = a < d ? 0 : mean[a];
      const mb = b < d ? 0 : mean[b];
      cov[a * dim + b] = (cov[a * dim + b] - count * ma * mb) / denom;
    }

  const { values, vectors } = jacobiEigen(cov, dim);
  const order = [...values.keys()].sort((p, q) => values[q] - values[p]);
  const axes = new Float64Array(2 * dim);
  for (let c = 0; c < 2 && c < dim; c++) {
    // Deterministic sign: the largest loading is positive.
    let big = 0;
    for (let t = 0; t < dim; t++) if (Math.abs(vectors[t * dim + order[c]]) > Math.abs(vectors[big * dim + order[c]])) big = t;
    const sign = vectors[big * dim + order[c]] < 0 ? -1 : 1;
    for (let t = 0; t < dim; t++) axes[c * dim + t] = sign * vectors[t * dim + order[c]] + 0;
  }
  // Shares of the trace (the total variance); eigenvalues below rounding noise count as 0.
  let trace = 0;
  for (let t = 0; t < dim; t++) trace += cov[t * dim + t];
  const share = (c: number) => (c < dim && trace > 0 ? Math.min(1, Math.max(0, values[order[c]]) / trace) : 0);
  const explained: [number, number] = [share(0), share(1)];
  if (explained[1] < 1e-12) explained[1] = 0;
  const catShift: [number, number] = [0, 0];
  for (let col = d; col < dim; col++) {
    catShift[0] -= mean[col] * axes[col];
    catShift[1] -= mean[col] * axes[dim + col];
  }
  return { axes, mean, explained, d, catOffset, catWeight: w, catShift };
}

/** Row i of the space on the two axes. */
export function project(s: Space, p: Pca2, i: number): [number, number] {
  const { d, data } = s.num;
  const dim = p.mean.length;
  let a = 0;
  let b = 0;
  for (let t = 0; t < d; t++) {
    const v = data[i * d + t] - p.mean[t];
    a += v * p.axes[t];
    b += v * p.axes[dim + t];
  }
  if (s.cat) {
    const dc = s.dc;
    for (let t = 0; t < dc; t++) {
      const col = d + p.catOffset[t] + s.cat[i * dc + t];
      a += p.catWeight * p.axes[col];
      b += p.catWeight * p.axes[dim + col];
    }
    a += p.catShift[0];
    b += p.catShift[1];
  }
  return [a, b];
}

/** Symmetric eigen-decomposition by cyclic Jacobi rotations; columns of `vectors` are eigenvectors. */
function jacobiEigen(sym: Float64Array, d: number): { values: number[]; vectors: Float64Array } {
  const a = sym.slice();
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let norm = 0;
  for (let i = 0; i < d * d; i++) norm += a[i] * a[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    // Relative to the matrix's size: the data may be in any units (scale = none).
    if (off <= 1e-26 * norm) break;
    for (let p = 0; p < d; p++)
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: v };
}
