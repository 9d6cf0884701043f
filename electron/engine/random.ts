/**
 * mulberry32: a tiny seeded generator, identical on every platform, for synthetic data (the demo
 * dataset, test fixtures, benchmarks) where the same seed must give the same rows. Returns a
 * function giving uniform numbers in [0, 1). (Clustering keeps its own stateful Rng in cluster/rng.ts.)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
