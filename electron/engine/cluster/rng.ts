/**
 * Seeded pseudo-random numbers (mulberry32): every random choice in clustering
 * (k-means++ seeds, restarts, samples, subsamples) comes from one of these, so a
 * run with the same seed gives the same result on every machine.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A derived generator, so sub-steps (restart r, stability round s) stay reproducible independently. */
  fork(salt: number): Rng {
    return new Rng((Math.imul(this.state ^ 0x85ebca6b, 0xc2b2ae35) + Math.imul(salt + 1, 0x27d4eb2f)) >>> 0);
  }
}

/** `m` distinct indices from [0, n), sorted (partial Fisher–Yates); all of them when m ≥ n. */
export function sampleIndices(n: number, m: number, rng: Rng): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(m);
  if (m * 4 < n) {
    // Sparse case: rejection through a set avoids allocating n slots for a small sample of a huge matrix.
    const seen = new Set<number>();
    let c = 0;
    while (c < m) {
      const i = rng.int(n);
      if (!seen.has(i)) {
        seen.add(i);
        out[c++] = i;
      }
    }
  } else {
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < m; i++) {
      const j = i + rng.int(n - i);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      out[i] = perm[i];
    }
  }
  return out.sort();
}
