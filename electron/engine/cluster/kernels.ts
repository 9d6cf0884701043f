/**
 * The O(n·k·d) and O(m²) loops of clustering over a row range [lo, hi), written as
 * self-contained functions (no imports, no closures, plain typed arrays) so the same code
 * runs on the calling thread and, via its source text, inside worker threads
 * (parallel.ts). Hand-written because they are the benchmarked hot paths.
 */

/** k-means++: for each candidate row, the potential Σ min(closest[i], ‖x_i − x_cand‖²) over the range. */
export function kTrialPots(data: Float64Array, d: number, lo: number, hi: number, cands: Int32Array, closest: Float64Array): Float64Array {
  const T = cands.length;
  const pots = new Float64Array(T);
  for (let i = lo; i < hi; i++) {
    const io = i * d;
    const c = closest[i];
    for (let t = 0; t < T; t++) {
      const co = cands[t] * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = data[io + j] - data[co + j];
        s += v * v;
      }
      pots[t] += s < c ? s : c;
    }
  }
  return pots;
}

/** k-means++: closest[i] = min(closest[i], ‖x_i − x_row‖²) over the range (row = the chosen centre; −1 = initialise). */
export function kApplyCenter(data: Float64Array, d: number, lo: number, hi: number, row: number, closest: Float64Array, init: number): number {
  const co = row * d;
  let pot = 0;
  for (let i = lo; i < hi; i++) {
    const io = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = data[io + j] - data[co + j];
      s += v * v;
    }
    const m = init || s < closest[i] ? s : closest[i];
    closest[i] = m;
    pot += m;
  }
  return pot;
}

/**
 * Nearest and second-nearest centre per row (labels; upper/lower bounds when given), with the
 * range's per-cluster sums and counts. Returns [inertia, ...sums (k·d), ...counts (k)].
 */
export function kAssign(
  data: Float64Array,
  d: number,
  lo: number,
  hi: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array | null,
  lower: Float64Array | null,
): Float64Array {
  const out = new Float64Array(1 + k * d + k);
  let inertia = 0;
  for (let i = lo; i < hi; i++) {
    const io = i * d;
    let b1 = Infinity;
    let b2 = Infinity;
    let bj = 0;
    for (let j = 0; j < k; j++) {
      const co = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[io + t] - centers[co + t];
        s += v * v;
      }
      if (s < b1) {
        b2 = b1;
        b1 = s;
        bj = j;
      } else if (s < b2) b2 = s;
    }
    labels[i] = bj;
    if (upper) upper[i] = Math.sqrt(b1);
    if (lower) lower[i] = Math.sqrt(b2);
    inertia += b1;
    out[1 + k * d + bj]++;
    for (let t = 0; t < d; t++) out[1 + bj * d + t] += data[io + t];
  }
  out[0] = inertia;
  return out;
}

/** Hamerly's closing pass: exact own distance, full search only where the bounds cannot prove the label. Returns the inertia. */
export function kFinish(data: Float64Array, d: number, lo: number, hi: number, centers: Float64Array, k: number, labels: Int32Array, lower: Float64Array, half: Float64Array): number {
  let inertia = 0;
  for (let i = lo; i < hi; i++) {
    const a = labels[i];
    const io = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = data[io + t] - centers[a * d + t];
      s += v * v;
    }
    const bound = half[a] > lower[i] ? half[a] : lower[i];
    if (Math.sqrt(s) <= bound) {
      inertia += s;
      continue;
    }
    let b1 = s;
    let bj = a;
    for (let j = 0; j < k; j++) {
      if (j === a) continue;
      let s2 = 0;
      for (let t = 0; t < d; t++) {
        const v = data[io + t] - centers[j * d + t];
        s2 += v * v;
      }
      if (s2 < b1) {
        b1 = s2;
        bj = j;
      }
    }
    labels[i] = bj;
    inertia += b1;
  }
  return inertia;
}

/**
 * Silhouette sums for rows [lo, hi) of an m-row sample under q labellings at once (labs: q × m,
 * sizes: q × kmax). Mixed spaces add gamma × category mismatches. Returns the q partial totals.
 */
export function kSilhouette(
  data: Float64Array,
  d: number,
  m: number,
  cat: Int32Array | null,
  dc: number,
  gamma: number,
  labs: Int32Array,
  q: number,
  kmax: number,
  sizes: Float64Array,
  lo: number,
  hi: number,
): Float64Array {
  const totals = new Float64Array(q);
  const dist = new Float64Array(m);
  const acc = new Float64Array(kmax);
  for (let i = lo; i < hi; i++) {
    const io = i * d;
    for (let j = 0; j < m; j++) {
      const jo = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[jo + t] - data[io + t];
        s += v * v;
      }
      if (cat) {
        let mis = 0;
        for (let t = 0; t < dc; t++) if (cat[j * dc + t] !== cat[i * dc + t]) mis++;
        s += gamma * mis;
      }
      dist[j] = Math.sqrt(s);
    }
    for (let p = 0; p < q; p++) {
      acc.fill(0);
      const off = p * m;
      for (let j = 0; j < m; j++) acc[labs[off + j]] += dist[j];
      const own = labs[off + i];
      const nOwn = sizes[p * kmax + own];
      if (nOwn <= 1) continue; // silhouette of a singleton is 0 by convention
      const ai = acc[own] / (nOwn - 1);
      let bi = Infinity;
      for (let c = 0; c < kmax; c++) {
        const nc = sizes[p * kmax + c];
        if (c !== own && nc > 0) {
          const v = acc[c] / nc;
          if (v < bi) bi = v;
        }
      }
      if (bi === Infinity) continue;
      const den = ai > bi ? ai : bi;
      if (den > 0) totals[p] += (bi - ai) / den;
    }
  }
  return totals;
}
