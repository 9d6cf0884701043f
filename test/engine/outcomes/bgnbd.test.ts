import { describe, expect, it } from 'vitest';
import { BgNbdPredictor, bgnbdLogLik, expectedPurchases, expectedPurchasesNew, fitBgNbd, groupTriples, pAlive, thinTriples, type BgNbdParams } from '../../../electron/engine/outcomes/bgnbd';
import { simulateBgNbd } from './simulate';

/**
 * FHL (2005) eq. 6 evaluated directly, without log-gamma: Γ(r+x)/Γ(r) and the Beta-function
 * ratios are finite products, so this shares no code with the engine's log-space version.
 */
function closedFormLogLik(p: BgNbdParams, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): number {
  let ll = 0;
  for (let i = 0; i < x.length; i++) {
    let gammaRatio = 1; // Γ(r+x)/Γ(r)
    let betaRatio = 1; // B(a, b+x)/B(a, b) = Π (b+k)/(a+b+k)
    for (let k = 0; k < x[i]; k++) {
      gammaRatio *= p.r + k;
      betaRatio *= (p.b + k) / (p.a + p.b + k);
    }
    const common = gammaRatio * Math.pow(p.alpha, p.r);
    let L = betaRatio * common / Math.pow(p.alpha + T[i], p.r + x[i]);
    if (x[i] > 0) {
      // B(a+1, b+x-1)/B(a, b) = a Π_{k<x-1}(b+k) / Π_{k<x}(a+b+k)
      let dropRatio = p.a;
      for (let k = 0; k < x[i] - 1; k++) dropRatio *= p.b + k;
      for (let k = 0; k < x[i]; k++) dropRatio /= p.a + p.b + k;
      L += dropRatio * common / Math.pow(p.alpha + tx[i], p.r + x[i]);
    }
    ll += Math.log(L);
  }
  return ll;
}

const TRUE: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD', () => {
  const sim = simulateBgNbd(TRUE, 20_000, 42);
  const grouped = groupTriples(sim.x, sim.tx, sim.T);

  it('log-likelihood equals an independent evaluation of the closed form', () => {
    for (const p of [TRUE, { r: 1.3, alpha: 0.7, a: 2.5, b: 0.4 }, { r: 0.05, alpha: 30, a: 0.1, b: 9 }]) {
      const ours = bgnbdLogLik(p, grouped);
      const ref = closedFormLogLik(p, sim.x, sim.tx, sim.T);
      expect(Math.abs(ours - ref)).toBeLessThan(1e-8 * Math.abs(ref));
    }
  });

  it('analytic gradient matches central differences', () => {
    const p = { r: 0.6, alpha: 3, a: 1.2, b: 2.2 };
    const g = [0, 0, 0, 0];
    bgnbdLogLik(p, grouped, g);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((key, i) => {
      const h = 1e-5;
      const up = { ...p, [key]: p[key] * Math.exp(h) };
      const down = { ...p, [key]: p[key] * Math.exp(-h) };
      const num = (bgnbdLogLik(up, grouped) - bgnbdLogLik(down, grouped)) / (2 * h);
      expect(Math.abs(g[i] - num)).toBeLessThan(1e-5 * Math.max(1, Math.abs(num)));
    });
  });

  it('groups identical triples without changing the likelihood', () => {
    const x = [0, 0, 2, 2, 2, 5];
    const tx = [0, 0, 3.5, 3.5, 4, 9];
    const T = [10, 10, 12, 12, 12, 12];
    const g = groupTriples(x, tx, T);
    expect(g.x.length).toBe(4);
    expect(Array.from(g.count)).toEqual([2, 2, 1, 1]);
    expect(bgnbdLogLik(TRUE, g)).toBeCloseTo(closedFormLogLik(TRUE, x, tx, T), 10);
  });

  it('groups as a plain sort of the triples does: packed keys, and the comparator where keys cannot be packed', () => {
    // The reference: triples as text keys counted in a Map, then sorted by x, t_x, T.
    const reference = (x: number[], tx: number[], T: number[]) => {
      const seen = new Map<string, [number, number, number, number]>();
      x.forEach((_, i) => {
        const k = `${x[i]}|${tx[i]}|${T[i]}`;
        const hit = seen.get(k);
        if (hit) hit[3]++;
        else seen.set(k, [x[i], tx[i], T[i], 1]);
      });
      return [...seen.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    };
    const flat = (g: ReturnType<typeof groupTriples>) => Array.from(g.x, (_, k) => [g.x[k], g.tx[k], g.T[k], g.count[k]]);
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const n = 20_000;
    // Weeks as fractions of days (the keys rank the distinct values, whatever they are).
    const x = Array.from({ length: n }, () => Math.floor(rnd() * 12));
    const T = Array.from({ length: n }, () => (30 + Math.floor(rnd() * 700)) / 7);
    const tx = x.map((xi, i) => (xi === 0 ? 0 : Math.floor(rnd() * T[i] * 7) / 7));
    const g = groupTriples(x, tx, T);
    expect(flat(g)).toEqual(reference(x, tx, T));
    expect(g.customers).toBe(n);
    expect(g.x.length).toBeLessThan(n);
    // Ages off any grid (ranks by binary search), a few repeated.
    const rough = T.map((v, i) => (i % 3 === 0 ? T[0] : v + rnd() * 1e-3));
    expect(flat(groupTriples(x, tx, rough))).toEqual(reference(x, tx, rough));
    // A fractional x cannot be packed: the comparator groups it, the same way.
    const odd = [...x];
    odd[5] = 2.5;
    expect(flat(groupTriples(odd, tx, T))).toEqual(reference(odd, tx, T));
  });

  it('predicts as expectedPurchases does, with series coefficients kept per x (including where they would overflow)', () => {
    for (const p of [TRUE, { r: 7.93, alpha: 156.9, a: 0.0019, b: 0.585 }, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }]) {
      const predict = new BgNbdPredictor(p);
      let checked = 0;
      for (const x of [0, 1, 2, 5, 13, 40, 150, 600]) {
        for (const T of [0.5, 10, 38.86, 120, 400]) {
          for (const t of [0, 0.2, 1, 4.3, 39, 52, 365]) {
            const tx = x === 0 ? 0 : T * 0.7;
            const want = expectedPurchases(p, t, x, tx, T);
            const got = predict.expected(t, x, T, pAlive(p, x, tx, T));
            // Where the plain series overflows (hundreds of purchases, a long horizon), both say so.
            if (!Number.isFinite(want)) expect(got, `x=${x} T=${T} t=${t}`).toBe(want);
            else expect(Math.abs(got - want), `x=${x} T=${T} t=${t}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
            checked++;
          }
        }
      }
      expect(checked).toBe(8 * 5 * 7);
    }
  });

  it('recovers the parameters of simulated customers within sampling error', () => {
    const fit = fitBgNbd(grouped);
    expect(fit.converged).toBe(true);
    expect(fit.startsAgreeing).toBeGreaterThanOrEqual(2);
    // The fit maximises the likelihood: it is at least as good as the true parameters.
    expect(fit.logLik).toBeGreaterThanOrEqual(bgnbdLogLik(TRUE, grouped) - 1e-6);
    // 20,000 customers: relative errors of the MLE are a few percent for r and α, larger for a, b.
    expect(Math.abs(fit.params.r / TRUE.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.alpha / TRUE.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.params.a / TRUE.a - 1)).toBeLessThan(0.25);
    expect(Math.abs(fit.params.b / TRUE.b - 1)).toBeLessThan(0.3);
  });

  it('predicts the purchases of a holdout period close to what simulated customers do', () => {
    // Expected purchases of a new customer over t equals the simulated mean count over [0, t].
    const t = 39;
    const many = simulateBgNbd(TRUE, 40_000, 7, t, t);
    const mean = many.x.reduce((s, v) => s + v, 0) / many.x.length;
    expect(Math.abs(expectedPurchasesNew(TRUE, t) - mean)).toBeLessThan(0.05 * mean);
  });

  it('matches published CDNOW predictions of FHL (2005)', () => {
    // FHL 2005 p. 281: a customer with x=2, t_x=30.43, T=38.86 is expected to make 1.226 purchases in the next 39 weeks,
    // and P(alive) for x=0 is 1 by construction.
    expect(expectedPurchases(TRUE, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 2);
    expect(pAlive(TRUE, 0, 0, 30)).toBe(1);
    expect(pAlive(TRUE, 5, 5, 40)).toBeLessThan(pAlive(TRUE, 5, 38, 40));
  });

  it('starts compared on a sample and refined on everyone reach the full multi-start optimum', () => {
    // 20,000 customers with a sample of 2,000: the path a million-customer fit takes (SAMPLE_CUSTOMERS = 50,000).
    const full = fitBgNbd(grouped, Infinity);
    const sampled = fitBgNbd(grouped, 2000);
    expect(sampled.converged).toBe(true);
    expect(Math.abs(sampled.logLik - full.logLik) / grouped.customers).toBeLessThan(1e-9);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(sampled.params[k] / full.params[k] - 1), k).toBeLessThan(1e-4);
  });

  it('thins grouped triples to every k-th customer', () => {
    const t = thinTriples(grouped, 10);
    expect(t.customers).toBe(Math.floor(grouped.customers / 10));
    expect(Array.from(t.xCount).reduce((a, b) => a + b, 0)).toBe(t.customers);
  });
});
