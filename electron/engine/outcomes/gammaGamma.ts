import { bfgs, nelderMead, type OptimResult } from './optimize';
import { digamma, lgamma } from './special';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013 note):
 * each transaction value ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers. Fit on customers
 * with at least one repeat purchase and a positive mean repeat spend.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/**
 * Customers grouped for the likelihood: the Γ/ψ terms depend only on x (an integer), and
 * Σ(px−1)·ln m splits into constants, so an evaluation costs one log per customer.
 */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  xs: Float64Array;
  xCount: Float64Array;
  /** Σ x·ln m, Σ ln m, Σ x·ln x over customers. */
  sumXLnM: number;
  sumLnM: number;
  sumXLnX: number;
}

export function spendData(x: ArrayLike<number>, m: ArrayLike<number>): SpendData {
  const counts = new Map<number, number>();
  let sumXLnM = 0;
  let sumLnM = 0;
  let sumXLnX = 0;
  for (let i = 0; i < x.length; i++) {
    counts.set(x[i], (counts.get(x[i]) ?? 0) + 1);
    const lm = Math.log(m[i]);
    sumXLnM += x[i] * lm;
    sumLnM += lm;
    sumXLnX += x[i] * Math.log(x[i]);
  }
  const xs = [...counts.keys()].sort((a, b) => a - b);
  return {
    x: Float64Array.from(x),
    m: Float64Array.from(m),
    xs: Float64Array.from(xs),
    xCount: Float64Array.from(xs.map((v) => counts.get(v)!)),
    sumXLnM,
    sumLnM,
    sumXLnX,
  };
}

/** Σ log-likelihood; with `grad`, its gradient with respect to (ln p, ln q, ln v). */
export function gammaGammaLogLik(params: GammaGammaParams, d: SpendData, grad?: number[]): number {
  const { p, q, v } = params;
  const lgQ = lgamma(q);
  const lnV = Math.log(v);
  let ll = p * d.sumXLnM - d.sumLnM + p * d.sumXLnX;
  let gp = d.sumXLnM + d.sumXLnX;
  let gq = 0;
  let gv = 0;
  const psiQ = grad ? digamma(q) : 0;
  for (let k = 0; k < d.xs.length; k++) {
    const px = p * d.xs[k];
    const n = d.xCount[k];
    ll += n * (lgamma(px + q) - lgamma(px) - lgQ + q * lnV);
    if (grad) {
      const psiPXQ = digamma(px + q);
      gp += n * d.xs[k] * (psiPXQ - digamma(px));
      gq += n * (psiPXQ - psiQ + lnV);
      gv += (n * q) / v;
    }
  }
  for (let i = 0; i < d.x.length; i++) {
    const s = d.x[i] * d.m[i] + v;
    const lns = Math.log(s);
    const px = p * d.x[i];
    ll -= (px + q) * lns;
    if (grad) {
      gp -= d.x[i] * lns;
      gq -= lns;
      gv -= (px + q) / s;
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gv * v;
  }
  return ll;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLik: number;
  converged: boolean;
  customers: number;
  /** Pearson correlation between frequency and mean spend among the fitted customers. */
  frequencySpendCorrelation: number;
  warnings: string[];
}

/**
 * Maximum likelihood in log space: BFGS with the analytic gradient from several starts,
 * Nelder-Mead from the best point when none converges. Customers without repeat purchases
 * or with non-positive mean spend are left out (the model needs positive spend), with a warning.
 */
export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>): GammaGammaFit {
  const xs: number[] = [];
  const ms: number[] = [];
  let nonPositive = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] <= 0) continue;
    if (!(m[i] > 0)) {
      nonPositive++;
      continue;
    }
    xs.push(x[i]);
    ms.push(m[i]);
  }
  const warnings: string[] = [];
  if (nonPositive > 0) warnings.push(`${nonPositive} repeat customers with zero or negative mean spend were left out of the Gamma-Gamma fit (the model needs positive spend).`);
  const n = xs.length;
  if (n < 10) throw new Error(`only ${n} repeat customers with positive spend: too few to fit the Gamma-Gamma spend model`);
  if (n < 100) warnings.push(`Only ${n} repeat customers with positive spend: Gamma-Gamma estimates are uncertain.`);
  const corr = pearson(xs, ms);
  if (Math.abs(corr) > 0.3)
    warnings.push(`Frequency and spend are correlated (r = ${corr.toFixed(2)}); the Gamma-Gamma model assumes they are independent, so expected spend may be biased.`);
  const data = spendData(xs, ms);
  const meanM = ms.reduce((s, v) => s + v, 0) / n;
  const toParams = (t: number[]) => ({ p: Math.exp(t[0]), q: Math.exp(t[1]), v: Math.exp(t[2]) });
  const fg = (t: number[], g: number[]) => {
    if (t.some((v) => Math.abs(v) > 30)) return Infinity;
    const ll = gammaGammaLogLik(toParams(t), data, g);
    for (let i = 0; i < 3; i++) g[i] = -g[i] / n;
    return -ll / n;
  };
  // v is on the money scale: start it so the prior mean spend p·v/(q-1) is near the observed mean.
  const starts = [
    [1, 1, 1],
    [1, 2, meanM],
    [5, 4, 2 * meanM],
  ].map((s) => s.map(Math.log));
  let best: OptimResult | null = null;
  for (const s of starts) {
    const r = bfgs(fg, s, { gtol: 1e-7, maxIter: 400 });
    if (!best || r.f < best.f) best = r;
  }
  if (!best!.converged) {
    const nm = nelderMead((t) => fg(t, [0, 0, 0]), best!.x, { maxEval: 4000, ftol: 1e-14 });
    const g = [0, 0, 0];
    const f = fg(nm.x, g);
    const gradMax = Math.max(...g.map(Math.abs));
    if (f <= best!.f) best = { ...nm, f, gradMax, converged: gradMax <= 1e-6 };
  }
  const b = best!;
  if (!b.converged) warnings.push('Gamma-Gamma fit did not converge; expected spend may be unreliable.');
  const params = toParams(b.x);
  if (params.q <= 1) warnings.push(`Gamma-Gamma q = ${params.q.toFixed(2)} ≤ 1: the population mean spend is infinite, so expected spend leans entirely on each customer's own history.`);
  return { params, logLik: -b.f * n, converged: b.converged, customers: n, frequencySpendCorrelation: corr, warnings };
}

/** E[M | x, m̄]: a weighted average of the population mean p·v/(q-1) and the customer's own mean. */
export function expectedAverageSpend(params: GammaGammaParams, x: number, m: number): number | null {
  const { p, q, v } = params;
  if (x <= 0 || !(m > 0)) return q > 1 ? (p * v) / (q - 1) : null;
  return (p * (v + x * m)) / (p * x + q - 1);
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
