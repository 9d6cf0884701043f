/**
 * Small unconstrained optimisers for the likelihood fits (parameters live in log space,
 * so every real vector is admissible). Dense BFGS is the right size here: 3-4 parameters.
 */

export interface OptimResult {
  x: number[];
  f: number;
  iterations: number;
  evaluations: number;
  /** Largest absolute gradient component at the end (NaN when no gradient was used). */
  gradMax: number;
  converged: boolean;
  /** BFGS: its approximation of the inverse Hessian at the end (a warm start for a related problem). */
  inverseHessian?: number[][];
}

export type ValueAndGradient = (x: number[], grad: number[]) => number;

/** BFGS run to the end (see bfgsSteps). */
export interface BfgsOptions {
  gtol?: number;
  maxIter?: number;
  /** Starting inverse Hessian (default: the identity). */
  inverseHessian?: number[][];
}

export function bfgs(fg: ValueAndGradient, x0: number[], opts: BfgsOptions = {}): OptimResult {
  return drain(bfgsSteps(fg, x0, opts));
}

/** Run a stepwise computation to completion, synchronously. */
export function drain<T>(gen: Generator<unknown, T>): T {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

/**
 * BFGS with an Armijo backtracking line search; converges when the gradient's largest
 * component is below `gtol`. A generator yielding after every iteration, so a job can
 * check for cancellation and keep the worker responsive between iterations.
 */
export function* bfgsSteps(fg: ValueAndGradient, x0: number[], opts: BfgsOptions = {}): Generator<number, OptimResult> {
  const n = x0.length;
  const gtol = opts.gtol ?? 1e-6;
  const maxIter = opts.maxIter ?? 200;
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let f = fg(x, g);
  let evaluations = 1;
  // Inverse Hessian approximation, starting at the identity unless given.
  let H = opts.inverseHessian ? opts.inverseHessian.map((r) => r.slice()) : identity(n);
  let iter = 0;
  let stalled = 0;
  const gmax = (v: number[]) => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);
  if (!Number.isFinite(f)) return { x, f, iterations: 0, evaluations, gradMax: NaN, converged: false };
  for (; iter < maxIter && gmax(g) > gtol; iter++) {
    yield iter;
    const d = matVec(H, g).map((v) => -v);
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (H lost positive definiteness): restart from steepest descent.
      H = identity(n);
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    // Cap the step so a log-parameter cannot jump by more than 5 (a factor of ~150) at once.
    let step = Math.min(1, 5 / Math.max(1e-300, gmax(d)));
    const gNew = new Array<number>(n).fill(0);
    let xNew = x;
    let fNew = Infinity;
    for (let k = 0; k < 40; k++) {
      xNew = x.map((v, i) => v + step * d[i]);
      fNew = fg(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= f)) break; // line search failed: no further progress possible from here
    const s = xNew.map((v, i) => v - x[i]);
    const y = gNew.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12) {
      const Hy = matVec(H, y);
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) H[i][j] += rho * ((1 + rho * yHy) * s[i] * s[j] - Hy[i] * s[j] - s[i] * Hy[j]);
    }
    const small = Math.abs(f - fNew) <= 1e-13 * Math.max(1, Math.abs(f));
    stalled = small ? stalled + 1 : 0;
    x = xNew;
    g = gNew.slice();
    f = fNew;
    // No measurable progress for several iterations: at a (numerically) flat optimum, or
    // drifting towards a boundary at infinity; either way further steps only cost time.
    if ((small && gmax(g) <= gtol * 100) || stalled >= 5) break;
  }
  const gm = gmax(g);
  return { x, f, iterations: iter, evaluations, gradMax: gm, converged: gm <= gtol, inverseHessian: H };
}

/** Nelder-Mead simplex (Lagarias et al. 1998 coefficients); derivative-free, for the small Gamma-Gamma fit. */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: { ftol?: number; xtol?: number; maxEval?: number; step?: number } = {}): OptimResult {
  const n = x0.length;
  const ftol = opts.ftol ?? 1e-10;
  const xtol = opts.xtol ?? 1e-8;
  const maxEval = opts.maxEval ?? 2000;
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += opts.step ?? 0.5;
    simplex.push(p);
  }
  let values = simplex.map(safe);
  let evaluations = n + 1;
  let iterations = 0;
  let converged = false;
  while (evaluations < maxEval) {
    iterations++;
    const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[n] - values[0]);
    const size = Math.max(...simplex.slice(1).map((p) => Math.max(...p.map((v, i) => Math.abs(v - simplex[0][i])))));
    if (spread <= ftol * Math.max(1, Math.abs(values[0])) && size <= xtol * 1e4) {
      converged = true;
      break;
    }
    if (size <= xtol) {
      converged = spread <= 1e-6 * Math.max(1, Math.abs(values[0]));
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const at = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const xr = at(-1);
    const fr = safe(xr);
    evaluations++;
    if (fr < values[0]) {
      const xe = at(-2);
      const fe = safe(xe);
      evaluations++;
      if (fe < fr) [simplex[n], values[n]] = [xe, fe];
      else [simplex[n], values[n]] = [xr, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [xr, fr];
    } else {
      const outside = fr < values[n];
      const xc = at(outside ? -0.5 : 0.5);
      const fc = safe(xc);
      evaluations++;
      if (fc < (outside ? fr : values[n])) [simplex[n], values[n]] = [xc, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = safe(simplex[i]);
        }
        evaluations += n;
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], f: values[best], iterations, evaluations, gradMax: NaN, converged };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function matVec(m: number[][], v: number[]): number[] {
  return m.map((row) => dot(row, v));
}
