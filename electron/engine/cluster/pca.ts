import type { Matrix } from './matrix';

export interface Pca2 {
  /** Two principal axes (2 × d), unit length. */
  axes: Float64Array;
  mean: Float64Array;
  /** Share of total variance each axis explains. */
  explained: [number, number];
}

/** Principal components via the d×d covariance and a Jacobi eigen-decomposition (d is small). */
export function pca2(x: Matrix, rows?: ArrayLike<number>): Pca2 {
  const { d, data } = x;
  const idx = rows ?? { length: x.n };
  const count = idx.length;
  const row = (r: number) => (rows ? rows[r] : r);
  const mean = new Float64Array(d);
  for (let r = 0; r < count; r++) for (let t = 0; t < d; t++) mean[t] += data[row(r) * d + t];
  for (let t = 0; t < d; t++) mean[t] /= Math.max(1, count);
  const cov = new Float64Array(d * d);
  for (let r = 0; r < count; r++) {
    const o = row(r) * d;
    for (let a = 0; a < d; a++) {
      const va = data[o + a] - mean[a];
      for (let b = a; b < d; b++) cov[a * d + b] += va * (data[o + b] - mean[b]);
    }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b] /= Math.max(1, count - 1);
  const { values, vectors } = jacobiEigen(cov, d);
  const order = [...values.keys()].sort((p, q) => values[q] - values[p]);
  const axes = new Float64Array(2 * d);
  for (let c = 0; c < 2 && c < d; c++) for (let t = 0; t < d; t++) axes[c * d + t] = vectors[t * d + order[c]];
  const total = values.reduce((s, v) => s + Math.max(0, v), 0) || 1;
  return { axes, mean, explained: [Math.max(0, values[order[0]] ?? 0) / total, d > 1 ? Math.max(0, values[order[1]]) / total : 0] };
}

export function project(x: Matrix, p: Pca2, i: number): [number, number] {
  const { d, data } = x;
  let a = 0;
  let b = 0;
  for (let t = 0; t < d; t++) {
    const v = data[i * d + t] - p.mean[t];
    a += v * p.axes[t];
    b += v * p.axes[d + t];
  }
  return [a, b];
}

/** Symmetric eigen-decomposition by cyclic Jacobi rotations; columns of `vectors` are eigenvectors. */
function jacobiEigen(sym: Float64Array, d: number): { values: number[]; vectors: Float64Array } {
  const a = sym.slice();
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off < 1e-20) break;
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
