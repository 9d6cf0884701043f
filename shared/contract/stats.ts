import { z } from 'zod';

/**
 * The tests behind the p-values of the fairness audit and the outcome analysis, named beside every
 * number (engine: electron/engine/stats/contingency.ts, which states the conventions).
 */

/** Below this expected count in any cell the large-sample approximations are not trusted (Cochran's rule). */
export const MIN_EXPECTED = 5;
/** Fisher–Freeman–Halton is enumerated when the tables with these margins are at most this many. */
export const EXACT_TABLE_LIMIT = 200_000;
/** Monte-Carlo draws and seed for the chi-square p-value of large tables with small expected counts. */
export const MC_DRAWS = 10_000;
export const MC_SEED = 20_240_605;

/** One group compared with another (or with the rest): pooled two-proportion z-test, or Fisher's exact test when an expected cell is under 5. */
export const PAIR_TESTS = ['z', 'fisher'] as const;
export type PairTestName = (typeof PAIR_TESTS)[number];
export const PairTestSchema = z.enum(PAIR_TESTS);

export const PAIR_TEST_TEXT: Record<PairTestName, string> = {
  z: 'two-proportion z-test (pooled, two-sided)',
  fisher: "Fisher's exact test (two-sided; an expected count is under 5)",
};

/** All groups at once (a 2×k table of yes/no by group). */
export const OVERALL_METHODS = ['chi-square', 'fisher-exact', 'fisher-freeman-halton', 'chi-square-monte-carlo'] as const;
export type OverallMethodName = (typeof OVERALL_METHODS)[number];

/** Short names for plain-language lines; the full name with its convention is in OverallTest.name. */
export const OVERALL_SHORT: Record<OverallMethodName, string> = {
  'chi-square': 'chi-square test',
  'fisher-exact': "Fisher's exact test",
  'fisher-freeman-halton': 'Fisher–Freeman–Halton exact test',
  'chi-square-monte-carlo': 'chi-square test with a simulated p-value',
};

export const OverallTestSchema = z.object({
  /**
   * chi-square: Pearson, no continuity correction (2×2 included), every expected count ≥ 5.
   * Otherwise exact: fisher-exact (2 groups), fisher-freeman-halton (more groups, when its tables can be enumerated),
   * or chi-square-monte-carlo (the chi-square statistic's p-value from a fixed number of tables drawn with a fixed seed).
   */
  method: z.enum(OVERALL_METHODS),
  /** The test and its convention in words. */
  name: z.string(),
  /** Pearson's chi-square statistic (reported with the exact tests too). */
  statistic: z.number(),
  df: z.number().int(),
  p: z.number(),
  /** Groups in the table. */
  groups: z.number().int(),
  /** The smallest expected count of the table (under 5 → an exact or simulated p-value). */
  minExpected: z.number(),
  draws: z.number().int().optional(),
  seed: z.number().int().optional(),
});
export type OverallTestResult = z.infer<typeof OverallTestSchema>;

/** The conventions in words, for --help and the methods lines. */
export const TESTS_HELP =
  `Tests: each group's p-value comes from the pooled two-proportion z-test, or Fisher's exact test (two-sided, as scipy.stats.fisher_exact) when an expected count of its 2×2 table is under ${MIN_EXPECTED} ("test": "z" or "fisher"); ` +
  `pHolm is Holm-adjusted over the groups compared. The overall test is Pearson's chi-square test of independence without continuity correction (no Yates, 2×2 included) when every expected count is at least ${MIN_EXPECTED}; ` +
  `otherwise Fisher's exact test (2 groups), the Fisher–Freeman–Halton exact test (more groups, up to ${EXACT_TABLE_LIMIT.toLocaleString('en')} tables), or the chi-square statistic with a Monte-Carlo p-value from ${MC_DRAWS.toLocaleString('en')} tables with the same margins (seed ${MC_SEED}).`;

/** The significance level of the plain-language lines. */
export const ALPHA = 0.05;

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}

/** "Overall: the groups differ more than chance would explain (chi-square test, p = 0.003)." */
export function overallSentence(t: OverallTestResult): string {
  const how = `${OVERALL_SHORT[t.method]}, ${formatP(t.p)}`;
  return t.p < ALPHA
    ? `Overall: the groups differ more than chance would explain (${how}).`
    : `Overall: the differences between the groups could be chance (${how}).`;
}
