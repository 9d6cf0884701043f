import type { BgNbdParams } from '../../../electron/engine/outcomes/bgnbd';
import { mulberry32 } from '../../../electron/engine/random';

export const rng = mulberry32;

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function gammaSample(u: () => number, shape: number): number {
  if (shape < 1) return gammaSample(u, shape + 1) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface SimulatedCustomers {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

/**
 * Customers drawn from the BG/NBD story itself: λ ~ Gamma(r, rate α), p ~ Beta(a, b);
 * a first purchase at time 0, then exponential waiting times while alive, and after each
 * repeat purchase the customer drops out with probability p. T is drawn per customer
 * (staggered acquisition) uniformly in [minT, maxT].
 */
export function simulateBgNbd(p: BgNbdParams, n: number, seed: number, minT = 20, maxT = 40): SimulatedCustomers {
  const u = rng(seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = gammaSample(u, p.r) / p.alpha;
    const g1 = gammaSample(u, p.a);
    const drop = g1 / (g1 + gammaSample(u, p.b));
    const horizon = minT + (maxT - minT) * u();
    let t = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > horizon) break;
      count++;
      last = t;
      if (u() < drop) break;
    }
    x[i] = count;
    tx[i] = last;
    T[i] = horizon;
  }
  return { x, tx, T };
}
