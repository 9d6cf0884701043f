import { describe, expect, it } from 'vitest';
import { expectedAverageSpend, fitGammaGamma, gammaGammaLogLik, spendData } from '../../../electron/engine/outcomes/gamma-gamma';
import { gammaSample, rng } from './simulate';

const TRUE = { p: 6.25, q: 3.74, v: 15.44 };

function simulate(n: number, seed: number) {
  const u = rng(seed);
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 1 + Math.floor(u() * 8);
    const nu = gammaSample(u, TRUE.q) / TRUE.v; // ν ~ Gamma(q, rate γ)
    let sum = 0;
    for (let k = 0; k < x[i]; k++) sum += gammaSample(u, TRUE.p) / nu; // z ~ Gamma(p, rate ν)
    m[i] = sum / x[i];
  }
  return { x, m };
}

/** ln Γ by recurrence up to 20 and Stirling's series: shares nothing with the engine's Lanczos code. */
function lnGamma(z: number): number {
  let shift = 0;
  while (z < 20) {
    shift -= Math.log(z);
    z += 1;
  }
  return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5);
}

describe('Gamma-Gamma', () => {
  const sim = simulate(5000, 11);

  it('log-likelihood equals an independent evaluation of the closed form', () => {
    let ref = 0;
    for (let i = 0; i < sim.x.length; i++) {
      const { p, q, v } = TRUE;
      const px = p * sim.x[i];
      // f(m̄ | x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q x^{px} m̄^{px−1} / (γ + x m̄)^{px+q}
      ref += lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * Math.log(v) + px * Math.log(sim.x[i]) + (px - 1) * Math.log(sim.m[i]) - (px + q) * Math.log(v + sim.x[i] * sim.m[i]);
    }
    const ours = gammaGammaLogLik(TRUE, spendData(sim.x, sim.m));
    expect(Math.abs(ours - ref)).toBeLessThan(1e-9 * Math.abs(ref));
  });

  it('recovers the parameters of simulated spend', () => {
    const fit = fitGammaGamma(sim.x, sim.m);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(5000);
    expect(fit.logLik).toBeGreaterThanOrEqual(gammaGammaLogLik(TRUE, spendData(sim.x, sim.m)) - 1e-6);
    // The population mean spend p·v/(q−1) is well identified even when p, q, v trade off.
    const mean = (fit.params.p * fit.params.v) / (fit.params.q - 1);
    expect(Math.abs(mean / ((TRUE.p * TRUE.v) / (TRUE.q - 1)) - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.p / TRUE.p - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.params.q / TRUE.q - 1)).toBeLessThan(0.3);
    expect(fit.warnings.filter((w) => w.includes('correlated'))).toEqual([]);
  });

  it('warns when frequency and spend are correlated and skips non-positive spend', () => {
    const x = Array.from({ length: 200 }, (_, i) => 1 + (i % 10));
    const m = x.map((v, i) => v * 10 + (i % 7));
    m[0] = 0;
    const fit = fitGammaGamma(x, m);
    expect(fit.customers).toBe(199);
    expect(fit.warnings.some((w) => w.includes('correlated'))).toBe(true);
    expect(fit.warnings.some((w) => w.includes('zero or negative'))).toBe(true);
  });

  it('expected spend shrinks a customer mean towards the population mean (FH 2013 example)', () => {
    // Fader & Hardie's note: with p=6.25, q=3.74, γ=15.44 the population mean is 35.22.
    expect(expectedAverageSpend(TRUE, 0, 0)).toBeCloseTo(35.22, 2);
    const e = expectedAverageSpend(TRUE, 2, 20)!;
    expect(e).toBeGreaterThan(20);
    expect(e).toBeLessThan(35.22);
  });

  it('starts compared on a sample and refined on everyone reach the full multi-start optimum', () => {
    const full = fitGammaGamma(sim.x, sim.m, Infinity);
    const sampled = fitGammaGamma(sim.x, sim.m, 500);
    expect(sampled.converged).toBe(true);
    expect(Math.abs(sampled.logLik - full.logLik) / full.customers).toBeLessThan(1e-9);
    for (const k of ['p', 'q', 'v'] as const) expect(Math.abs(sampled.params[k] / full.params[k] - 1), k).toBeLessThan(1e-4);
  });
});
