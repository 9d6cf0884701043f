/**
 * Tests on counts of "yes" by group (2×k tables), shared by the fairness audit (selected or not)
 * and the outcome analysis (responded or not). Every result names the test it used, because the
 * choice between an approximate and an exact test depends on the counts and a reader comparing
 * with scipy or R needs to know which one to run.
 *
 * Conventions (also in OVERALL_TEST_NAMES and the --help of audit and response):
 * - Two groups compared (one row of a table): pooled two-proportion z-test when every expected
 *   cell of the 2×2 table is at least 5; Fisher's exact test otherwise (two-sided: the summed
 *   probability of every table no more likely than the observed one, as scipy.stats.fisher_exact).
 * - All groups at once: Pearson's chi-square test of independence without a continuity correction
 *   (scipy.stats.chi2_contingency(correction=False); no Yates for 2×2 either, so 2×2 and 2×k read
 *   the same way) when every expected cell is at least 5. Otherwise an exact test: Fisher's for 2×2,
 *   Fisher–Freeman–Halton (same "no more likely" rule) for 2×k when its tables can be enumerated
 *   (at most EXACT_TABLE_LIMIT), else the chi-square statistic with a Monte-Carlo p-value over
 *   MC_DRAWS tables drawn with the same margins from a fixed seed (as R's chisq.test(simulate.p.value = TRUE)).
 */
import { lgamma, normalUpperTail } from '../outcomes/special';
import { msg } from '../../../shared/i18n/current';
import { mulberry32 } from '../random';
import { EXACT_TABLE_LIMIT, MC_DRAWS, MC_SEED, MIN_EXPECTED, type OverallMethodName, type OverallTestResult, type PairTestName } from '../../../shared/contract/stats';

export interface Counts {
  /** Members with the outcome (selected, responded). */
  positives: number;
  n: number;
}

export { EXACT_TABLE_LIMIT, MC_DRAWS, MC_SEED, MIN_EXPECTED };
/** Tables whose probability is within this relative tolerance of the observed one count as "as likely" (R uses the same 1e-7). */
const TIE = 1 + 1e-7;

export type PairTest = PairTestName;
export type OverallMethod = OverallMethodName;

/** The overall test with its convention, in the process's language (the CLI's English is OVERALL_TEST_NAMES). */
export function overallTestName(method: OverallMethod): string {
  if (method === 'chi-square') return msg('outcomes.stats.chiSquare');
  if (method === 'fisher-exact') return msg('outcomes.stats.fisherExact');
  if (method === 'fisher-freeman-halton') return msg('outcomes.stats.fisherFreemanHalton');
  return msg('outcomes.stats.monteCarlo', { draws: MC_DRAWS, seed: String(MC_SEED) });
}

export const OVERALL_TEST_NAMES: Record<OverallMethod, string> = {
  'chi-square': 'Pearson chi-square test of independence (no continuity correction)',
  'fisher-exact': "Fisher's exact test, two-sided (an expected count is under 5)",
  'fisher-freeman-halton': 'Fisher–Freeman–Halton exact test, two-sided (an expected count is under 5)',
  'chi-square-monte-carlo': `Pearson chi-square with a Monte-Carlo p-value, ${MC_DRAWS.toLocaleString('en')} tables with the same margins, seed ${MC_SEED} (an expected count is under 5 and the exact test is too large)`,
};

function logChoose(n: number, k: number): number {
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/** Regularised upper incomplete gamma Q(a, x) (Numerical Recipes: series below a + 1, continued fraction above). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = a * Math.log(x) - x - lgamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < 10_000; i++) {
      ap++;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(lnPre) * h);
}

/** P(χ²_df > x). */
export function chiSquareUpperTail(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Smallest expected cell of the 2×k table of these groups. */
function minExpectedOf(groups: readonly Counts[]): number {
  let n = 0;
  let s = 0;
  for (const g of groups) {
    n += g.n;
    s += g.positives;
  }
  let min = Infinity;
  for (const g of groups) min = Math.min(min, (g.n * s) / n, (g.n * (n - s)) / n);
  return min;
}

/**
 * Fisher's exact test of a 2×2 table, two-sided: the probability, with both margins fixed, of
 * every table at most as likely as the observed one (scipy.stats.fisher_exact's definition).
 */
export function fisherExact(a: Counts, b: Counts): number {
  return fisherFreemanHalton([a, b]) ?? 1;
}

/** Pooled two-proportion z-test, two-sided, no continuity correction. */
export function zTest(a: Counts, b: Counts): { z: number; p: number } {
  if (a.n === 0 || b.n === 0) return { z: 0, p: 1 };
  const pooled = (a.positives + b.positives) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = (a.positives / a.n - b.positives / b.n) / se;
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/** One group against another (or against the rest): z-test, or Fisher's exact test when an expected cell is under 5. */
export function compareTwo(a: Counts, b: Counts): { test: PairTest; p: number } {
  if (a.n === 0 || b.n === 0) return { test: 'z', p: 1 };
  if (minExpectedOf([a, b]) < MIN_EXPECTED) return { test: 'fisher', p: fisherExact(a, b) };
  return { test: 'z', p: zTest(a, b).p };
}

/** Pearson's chi-square statistic of a 2×k table (no continuity correction). */
function chiSquareStatistic(pos: ArrayLike<number>, groups: readonly Counts[], s: number, n: number): number {
  let chi2 = 0;
  for (let j = 0; j < groups.length; j++) {
    const e1 = (groups[j].n * s) / n;
    const e0 = groups[j].n - e1;
    const d = pos[j] - e1;
    chi2 += (d * d) / e1 + (d * d) / e0;
  }
  return chi2;
}

/** Upper bound on the number of 2×k tables with these margins (the enumeration's size; the last group's count follows from the others). */
function tableCount(groups: readonly Counts[], s: number, n: number): number {
  let count = 1;
  for (const g of groups.slice(0, -1)) {
    count *= Math.min(g.n, s, n - s) + 1;
    if (count > EXACT_TABLE_LIMIT) return Infinity;
  }
  return count;
}

/**
 * Fisher–Freeman–Halton exact test of a 2×k table, two-sided: the summed probability of every table with
 * the same margins no more likely than the observed one. Null when the tables are too many to enumerate.
 */
export function fisherFreemanHalton(input: readonly Counts[]): number | null {
  // The largest group last: its count follows from the others, so it is never enumerated.
  const groups = [...input].sort((x, y) => x.n - y.n);
  const k = groups.length;
  let n = 0;
  let s = 0;
  for (const g of groups) {
    n += g.n;
    s += g.positives;
  }
  if (tableCount(groups, s, n) === Infinity) return null;
  const logTotal = logChoose(n, s);
  let logObs = -logTotal;
  for (const g of groups) logObs += logChoose(g.n, g.positives);
  const limit = Math.exp(logObs) * TIE;
  // Members left in the later groups bound what earlier groups can take.
  const after = new Float64Array(k + 1);
  for (let j = k - 1; j >= 0; j--) after[j] = after[j + 1] + groups[j].n;
  // Per group, the log-probability terms of each possible count, computed once.
  const terms = groups.map((g) => Float64Array.from({ length: g.n + 1 }, (_, x) => logChoose(g.n, x)));
  let p = 0;
  const walk = (j: number, left: number, logSum: number): void => {
    if (j === k - 1) {
      const prob = Math.exp(logSum + terms[j][left] - logTotal);
      if (prob <= limit) p += prob;
      return;
    }
    const lo = Math.max(0, left - after[j + 1]);
    const hi = Math.min(groups[j].n, left);
    for (let x = lo; x <= hi; x++) walk(j + 1, left - x, logSum + terms[j][x]);
  };
  walk(0, s, 0);
  return Math.min(1, p);
}

/** One draw from the hypergeometric distribution (draws from total, of which succ are successes), by inversion from the mode outwards. */
function hypergeometric(total: number, succ: number, draws: number, u: number): number {
  const lo = Math.max(0, draws - (total - succ));
  const hi = Math.min(draws, succ);
  if (lo === hi) return lo;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (succ + 1)) / (total + 2))));
  const pm = Math.exp(logChoose(succ, mode) + logChoose(total - succ, draws - mode) - logChoose(total, draws));
  let acc = pm;
  if (u <= acc) return mode;
  let l = mode;
  let h = mode;
  let pl = pm;
  let ph = pm;
  for (;;) {
    const nextL = l > lo ? (pl * l * (total - succ - draws + l)) / ((succ - l + 1) * (draws - l + 1)) : -1;
    const nextH = h < hi ? (ph * (succ - h) * (draws - h)) / ((h + 1) * (total - succ - draws + h + 1)) : -1;
    if (nextL < 0 && nextH < 0) return mode; // rounding left u beyond the summed mass
    if (nextL >= nextH) {
      l--;
      pl = nextL;
      acc += pl;
      if (u <= acc) return l;
    } else {
      h++;
      ph = nextH;
      acc += ph;
      if (u <= acc) return h;
    }
  }
}

/** Monte-Carlo p-value of the chi-square statistic: (1 + tables at least as extreme) / (draws + 1). */
function chiSquareMonteCarlo(groups: readonly Counts[], s: number, n: number, observed: number): number {
  const rand = mulberry32(MC_SEED);
  const pos = new Float64Array(groups.length);
  let extreme = 0;
  // R's tolerance for "at least as large", so ties with the observed table are not lost to rounding.
  const bar = observed * (1 - 1e-7);
  for (let d = 0; d < MC_DRAWS; d++) {
    let left = s;
    let total = n;
    for (let j = 0; j < groups.length - 1; j++) {
      pos[j] = hypergeometric(total, left, groups[j].n, rand());
      left -= pos[j];
      total -= groups[j].n;
    }
    pos[groups.length - 1] = left;
    if (chiSquareStatistic(pos, groups, s, n) >= bar) extreme++;
  }
  return (1 + extreme) / (MC_DRAWS + 1);
}

export type OverallTest = OverallTestResult;

/**
 * Are the groups' rates different beyond chance, all groups at once (see the conventions above)?
 * Groups with no members are left out; null when fewer than two remain or nobody or everybody has
 * the outcome (the table has no variation to test).
 */
export function overallTest(input: readonly Counts[]): OverallTest | null {
  const groups = input.filter((g) => g.n > 0);
  if (groups.length < 2) return null;
  let n = 0;
  let s = 0;
  for (const g of groups) {
    n += g.n;
    s += g.positives;
  }
  if (s === 0 || s === n) return null;
  const statistic = chiSquareStatistic(groups.map((g) => g.positives), groups, s, n);
  const df = groups.length - 1;
  const minExpected = minExpectedOf(groups);
  const base = { statistic, df, groups: groups.length, minExpected };
  if (minExpected >= MIN_EXPECTED) return { method: 'chi-square', name: overallTestName('chi-square'), p: chiSquareUpperTail(statistic, df), ...base };
  const exact = fisherFreemanHalton(groups);
  if (exact !== null) {
    const method = groups.length === 2 ? 'fisher-exact' : 'fisher-freeman-halton';
    return { method, name: overallTestName(method), p: exact, ...base };
  }
  return { method: 'chi-square-monte-carlo', name: overallTestName('chi-square-monte-carlo'), p: chiSquareMonteCarlo(groups, s, n, statistic), draws: MC_DRAWS, seed: MC_SEED, ...base };
}

/**
 * Holm's step-down adjustment (controls the family-wise error rate, never less powerful
 * than Bonferroni), for many groups tested at once.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}
