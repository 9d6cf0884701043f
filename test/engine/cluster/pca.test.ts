import { describe, expect, it } from 'vitest';
import { matrix } from '../../../electron/engine/cluster/matrix';
import { pca2, project, spacePca } from '../../../electron/engine/cluster/pca';
import { Rng } from '../../../electron/engine/cluster/rng';
import { spaceDist2, type Space } from '../../../electron/engine/cluster/space';

/** An independent PCA: sample covariance of a row list, eigenpairs by power iteration with deflation. */
function referencePca(rows: number[][], comps: number) {
  const n = rows.length;
  const d = rows[0].length;
  const mean = Array.from({ length: d }, (_, t) => rows.reduce((s, r) => s + r[t], 0) / n);
  const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => rows.reduce((s, r) => s + (r[a] - mean[a]) * (r[b] - mean[b]), 0) / (n - 1)));
  const trace = cov.reduce((s, r, t) => s + r[t], 0);
  const m = cov.map((r) => r.slice());
  const out: { value: number; vector: number[] }[] = [];
  for (let c = 0; c < comps; c++) {
    let v = Array.from({ length: d }, (_, t) => 1 + t * 0.37);
    let value = 0;
    for (let it = 0; it < 5000; it++) {
      const w = m.map((r) => r.reduce((s, x, t) => s + x * v[t], 0));
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      value = norm;
      v = w.map((x) => x / norm);
    }
    out.push({ value, vector: v });
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) m[a][b] -= value * v[a] * v[b];
  }
  return { mean, trace, comps: out };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);
const numSpace = (rows: number[][]): Space => ({ num: matrix(rows.length, rows[0].length, Float64Array.from(rows.flat())), cat: null, dc: 0, gamma: 0 });

describe('cluster map PCA', () => {
  it('one numeric feature: PC1 is the centred feature, 100 % explained, PC2 is 0', () => {
    const v = [-1.5, -0.5, 0.2, 0.4, 1.4];
    const s = numSpace(v.map((x) => [x]));
    const p = spacePca(s);
    expect(p.explained).toEqual([1, 0]);
    const mean = v.reduce((a, b) => a + b) / v.length;
    v.forEach((x, i) => {
      const [a, b] = project(s, p, i);
      expect(a).toBeCloseTo(x - mean, 12);
      expect(b).toBe(0);
    });
  });

  it('matches an independent PCA on a tiny 3-feature dataset (shares, axes up to sign, coordinates)', () => {
    const rows = [
      [2.5, 2.4, 0.5],
      [0.5, 0.7, -1.2],
      [2.2, 2.9, 0.3],
      [1.9, 2.2, 1.1],
      [3.1, 3.0, -0.4],
      [2.3, 2.7, 0.9],
      [2.0, 1.6, -0.8],
      [1.0, 1.1, 0.2],
      [1.5, 1.6, -0.1],
      [1.1, 0.9, 0.6],
    ];
    const s = numSpace(rows);
    const p = spacePca(s);
    const ref = referencePca(rows, 2);
    expect(p.explained[0]).toBeCloseTo(ref.comps[0].value / ref.trace, 9);
    expect(p.explained[1]).toBeCloseTo(ref.comps[1].value / ref.trace, 9);
    expect(p.explained[0] + p.explained[1]).toBeLessThanOrEqual(1 + 1e-12);
    expect(p.explained[0]).toBeGreaterThan(p.explained[1]);
    for (let c = 0; c < 2; c++) {
      const axis = p.axes.subarray(c * 3, c * 3 + 3);
      expect(Math.abs(dot(axis, ref.comps[c].vector))).toBeCloseTo(1, 9);
      const sign = Math.sign(dot(axis, ref.comps[c].vector));
      rows.forEach((r, i) => {
        const expected = dot(r.map((x, t) => x - ref.mean[t]), ref.comps[c].vector) * sign;
        expect(project(s, p, i)[c]).toBeCloseTo(expected, 9);
      });
    }
  });

  it('two correlated features: the shares follow the data, not fixed values', () => {
    const rng = new Rng(3);
    const rows: number[][] = [];
    for (let i = 0; i < 500; i++) {
      const a = rng.normal();
      rows.push([a, 0.8 * a + 0.6 * rng.normal()]);
    }
    const s = numSpace(rows);
    const p = pca2(s.num);
    // 2 × 2 covariance in closed form: λ = (a + c)/2 ± √(((a − c)/2)² + b²).
    const ref = referencePca(rows, 2);
    const [[a, b], [, c]] = [0, 1].map((x) => [0, 1].map((y) => rows.reduce((t, r) => t + (r[x] - ref.mean[x]) * (r[y] - ref.mean[y]), 0) / (rows.length - 1)));
    const l1 = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const l2 = (a + c) / 2 - Math.sqrt(((a - c) / 2) ** 2 + b * b);
    expect(p.explained[0]).toBeCloseTo(l1 / (a + c), 9);
    expect(p.explained[1]).toBeCloseTo(l2 / (a + c), 9);
    expect(p.explained[0] + p.explained[1]).toBeCloseTo(1, 9);
    expect(p.explained[0]).toBeGreaterThan(0.8);
  });

  it('category columns enter as the clustering compares them: one-hot with a mismatch γ apart', () => {
    // One numeric column and one two-valued category: the embedding has rank 2, so the map keeps every distance.
    const num = [-1.2, -0.3, 0.1, 0.9, 1.6, -0.7, 0.4];
    const codes = [0, 1, 1, 0, 1, 0, 0];
    const gamma = 0.5;
    const s: Space = { num: matrix(num.length, 1, Float64Array.from(num)), cat: Int32Array.from(codes), dc: 1, gamma };
    const p = spacePca(s);
    expect(p.explained[0] + p.explained[1]).toBeCloseTo(1, 9);
    const pts = num.map((_, i) => project(s, p, i));
    for (let i = 0; i < num.length; i++)
      for (let j = i + 1; j < num.length; j++) expect((pts[i][0] - pts[j][0]) ** 2 + (pts[i][1] - pts[j][1]) ** 2).toBeCloseTo(spaceDist2(s, i, j), 9);

    // The same as an independent PCA of the explicitly one-hot encoded rows (weight √(γ/2)).
    const w = Math.sqrt(gamma / 2);
    const ref = referencePca(num.map((x, i) => [x, codes[i] === 0 ? w : 0, codes[i] === 1 ? w : 0]), 2);
    expect(p.explained[0]).toBeCloseTo(ref.comps[0].value / ref.trace, 9);
    expect(p.explained[1]).toBeCloseTo(ref.comps[1].value / ref.trace, 9);
  });

  it('categories only: a two-valued column gives one axis with the two values √γ apart', () => {
    const codes = [0, 0, 1, 0, 1, 1, 1];
    const s: Space = { num: matrix(codes.length, 0), cat: Int32Array.from(codes), dc: 1, gamma: 2 };
    const p = spacePca(s);
    expect(p.explained[0]).toBeCloseTo(1, 9);
    expect(p.explained[1]).toBe(0);
    const x = codes.map((_, i) => project(s, p, i)[0]);
    expect(Math.abs(x[2] - x[0])).toBeCloseTo(Math.sqrt(2), 9);
    // Centred: the coordinates average to 0.
    expect(x.reduce((a, b) => a + b) / x.length).toBeCloseTo(0, 12);
  });

  it('a constant space explains nothing instead of dividing by zero', () => {
    const s = numSpace([[3], [3], [3]]);
    const p = spacePca(s);
    expect(p.explained).toEqual([0, 0]);
    expect(project(s, p, 1)).toEqual([0, 0]);
  });
});
