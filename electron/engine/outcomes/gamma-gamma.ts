import { bfgs, nelderMead, type OptimResult } from './optimize';
import { say } from './said';
import { msg } from '../../../shared/i18n/current';
import { digamma, lgamma } from './special';
import { SAMPLE_CUSTOMERS } from './bgnbd';

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
 * Customers grouped for the likelihood: the Γ/ψ terms depend only on x (an integer), so
 * they are computed once per distinct x; an evaluation costs two logs per customer.
 */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  /** x·m̄ per customer (the customer's total repeat spend). */
  xm: Float64Array;
  xs: Float64Array;
  xCount: Float64Array;
  /** Σ ln m̄ over customers. */
  sumLnM: number;
}

export function spendData(x: ArrayLike<number>, m: ArrayLike<number>): SpendData {
  const counts = new Map<number, number>();
  let sumLnM = 0;
  const xm = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    counts.set(x[i], (counts.get(x[i]) ?? 0) + 1);
    sumLnM += Math.log(m[i]);
    xm[i] = x[i] * m[i];
  }
  const xs = [...counts.keys()].sort((a, b) => a - b);
  return { x: Float64Array.from(x), m: Float64Array.from(m), xm, xs: Float64Array.from(xs), xCount: Float64Array.from(xs.map((v) => counts.get(v)!)), sumLnM };
}

const LARGE = 1e4;

/**
 * ln Γ(z+q) − ln Γ(z). For large z the two terms are huge and nearly equal, so their
 * difference is taken from Stirling's series instead (exact to double precision there).
 */
function lgammaDiff(z: number, q: number): number {
  if (z < LARGE) return lgamma(z + q) - lgamma(z);
  const zq = z + q;
  return (z - 0.5) * Math.log1p(q / z) + q * Math.log(zq) - q + (1 / zq - 1 / z) / 12 - (1 / zq ** 3 - 1 / z ** 3) / 360;
}

/** ψ(z+q) − ψ(z), with the same large-z treatment. */
function digammaDiff(z: number, q: number): number {
  if (z < LARGE) return digamma(z + q) - digamma(z);
  const zq = z + q;
  return Math.log1p(q / z) - (1 / zq - 1 / z) / 2 - (1 / zq ** 2 - 1 / z ** 2) / 12;
}

/**
 * Σ log-likelihood; with `grad`, its gradient with respect to (ln p, ln q, ln v). Written as
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v − ln m̄ − px·log1p(v/(x m̄)) − q ln(x m̄ + v),
 * which equals the textbook form but keeps its precision when p is large and v small.
 */
export function gammaGammaLogLik(params: GammaGammaParams, d: SpendData, grad?: number[]): number {
  const { p, q, v } = params;
  const n = d.x.length;
  let ll = n * (q * Math.log(v) - lgamma(q)) - d.sumLnM;
  let gp = 0;
  let gq = grad ? n * (Math.log(v) - digamma(q)) : 0;
  for (let k = 0; k < d.xs.length; k++) {
    const px = p * d.xs[k];
    const c = d.xCount[k];
    ll += c * lgammaDiff(px, q);
    if (grad) {
      gp += c * d.xs[k] * digammaDiff(px, q);
      gq += c * digamma(px + q);
    }
  }
  let gv = 0;
  for (let i = 0; i < n; i++) {
    const x = d.x[i];
    const xm = d.xm[i];
    const l1 = Math.log1p(v / xm);
    const ls = Math.log(xm + v);
    ll -= p * x * l1 + q * ls;
    if (grad) {
      gp -= x * l1;
      gq -= ls;
      // q/v − (px+q)/(xm+v), rearranged to avoid cancelling two large terms.
      gv += (x * (q * d.m[i] - p * v)) / (xm + v);
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gv;
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
export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>, sample = SAMPLE_CUSTOMERS): GammaGammaFit {
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
  if (nonPositive > 0) warnings.push(say('outcomes.clvWarn.nonPositive', { count: nonPositive }));
  const n = xs.length;
  if (n < 10) throw new Error(msg('outcomes.clvWarn.ggTooFew', { n }));
  if (n < 100) warnings.push(say('outcomes.clvWarn.ggFew', { n }));
  const corr = pearson(xs, ms);
  if (Math.abs(corr) > 0.3)
    warnings.push(say('outcomes.clvWarn.correlated', { r: corr }));
  const meanM = ms.reduce((s, v) => s + v, 0) / n;
  const toParams = (t: number[]) => ({ p: Math.exp(t[0]), q: Math.exp(t[1]), v: Math.exp(t[2]) });
  const objective = (data: SpendData, size: number) => (t: number[], g: number[]) => {
    if (t.some((v) => Math.abs(v) > 30)) return Infinity;
    const ll = gammaGammaLogLik(toParams(t), data, g);
    for (let i = 0; i < 3; i++) g[i] = -g[i] / size;
    return -ll / size;
  };
  // v is on the money scale: start it so the prior mean spend p·v/(q-1) is near the observed mean.
  const starts = [
    [1, 1, 1],
    [1, 2, meanM],
    [5, 4, 2 * meanM],
  ].map((s) => s.map(Math.log));
  const bestOf = (fgOf: (t: number[], g: number[]) => number): OptimResult =>
    starts.map((s) => bfgs(fgOf, s, { gtol: 1e-7, maxIter: 300 })).reduce((m, r) => (r.f < m.f ? r : m));
  const fg = objective(spendData(xs, ms), n);
  let best: OptimResult;
  if (n > 2 * sample) {
    // As for BG/NBD (bgnbd.ts): the starts on a systematic sample, the best refined on everyone.
    const k = Math.ceil(n / sample);
    const sx = xs.filter((_, i) => i % k === 0);
    const sm = ms.filter((_, i) => i % k === 0);
    const pre = bestOf(objective(spendData(sx, sm), sx.length));
    best = bfgs(fg, pre.x, { gtol: 1e-7, maxIter: 300, inverseHessian: pre.inverseHessian });
  } else best = bestOf(fg);
  if (!best.converged) {
    const nm = nelderMead((t) => fg(t, [0, 0, 0]), best.x, { maxEval: 1500, ftol: 1e-14 });
    const g = [0, 0, 0];
    const f = fg(nm.x, g);
    const gradMax = Math.max(...g.map(Math.abs));
    if (f <= best.f) best = { ...nm, f, gradMax, converged: gradMax <= 1e-6 };
  }
  const b = best;
  const params = toParams(b.x);
  if (b.x.some((v) => Math.abs(v) > 15))
    warnings.push(
      say('outcomes.clvWarn.ggExtreme'),
    );
  else if (!b.converged) warnings.push(say('outcomes.clvWarn.ggNotConverged'));
  if (params.q <= 1) warnings.push(say('outcomes.clvWarn.ggQ', { q: params.q }));
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
