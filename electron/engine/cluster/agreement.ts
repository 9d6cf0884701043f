/**
 * Agreement between two labellings of the same rows: adjusted Rand index (Hubert & Arabie)
 * and, per cluster of the first, the best Jaccard overlap with a cluster of the second
 * (Hennig's clusterwise stability).
 */
function contingency(a: ArrayLike<number>, b: ArrayLike<number>): { table: Float64Array; ka: number; kb: number } {
  let ka = 0;
  let kb = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] + 1 > ka) ka = a[i] + 1;
    if (b[i] + 1 > kb) kb = b[i] + 1;
  }
  const table = new Float64Array(ka * kb);
  for (let i = 0; i < a.length; i++) table[a[i] * kb + b[i]]++;
  return { table, ka, kb };
}

const pairs = (x: number) => (x * (x - 1)) / 2;

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('labellings differ in length');
  const n = a.length;
  if (n < 2) return 1;
  const { table, ka, kb } = contingency(a, b);
  let sumCells = 0;
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < ka; i++)
    for (let j = 0; j < kb; j++) {
      const v = table[i * kb + j];
      sumCells += pairs(v);
      rowSums[i] += v;
      colSums[j] += v;
    }
  let sumA = 0;
  let sumB = 0;
  for (const v of rowSums) sumA += pairs(v);
  for (const v of colSums) sumB += pairs(v);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1; // both labellings trivial (one cluster, or all singletons)
  return (sumCells - expected) / (max - expected);
}

/** For each cluster of `a`, the highest Jaccard index with any cluster of `b` (1 = reproduced exactly). */
export function bestJaccard(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number[] {
  const { table, ka, kb } = contingency(a, b);
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < ka; i++)
    for (let j = 0; j < kb; j++) {
      rowSums[i] += table[i * kb + j];
      colSums[j] += table[i * kb + j];
    }
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    let best = 0;
    for (let j = 0; j < kb && i < ka; j++) {
      const inter = table[i * kb + j];
      const uni = rowSums[i] + colSums[j] - inter;
      if (uni > 0) best = Math.max(best, inter / uni);
    }
    out.push(best);
  }
  return out;
}
