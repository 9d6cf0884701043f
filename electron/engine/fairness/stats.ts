/**
 * Association and disparity statistics for the fairness audit. Inputs are dense integer
 * codes (one per row, -1 = missing) so the same code serves SQLite-loaded columns and
 * the columnar mirror; loops are plain typed-array passes because they run over every
 * row of the base for every column pair (hot path, measured by the audit tests' timing).
 */
import { FOUR_FIFTHS } from '../../../shared/fairness/ratio';
import { compareTwo, holmAdjust, MIN_EXPECTED, overallTest, zTest, type OverallTest, type PairTest } from '../stats/contingency';
import { msg } from '../../../shared/i18n/current';

export { FOUR_FIFTHS };

/** The group of rows without a value. */
export const MISSING_LABEL = '(missing)';

/** Rows where either side is missing (-1) are left out of the table. */
export function contingency(a: Int32Array, aLevels: number, b: Int32Array, bLevels: number): { table: Float64Array; n: number } {
  const table = new Float64Array(aLevels * bLevels);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x < 0 || y < 0) continue;
    table[x * bLevels + y]++;
    n++;
  }
  return { table, n };
}

/** The estimator behind `cramersV`, named next to every value. */
export const CRAMERS_V_ESTIMATOR = "Cramér's V, bias-corrected (Bergsma 2013)";
/** The estimator behind `correlationRatio`. */
export const ETA_ESTIMATOR = 'correlation ratio η (not bias-corrected)';

/**
 * Cramér's V with Bergsma's (2013) bias correction, so a column with many rare levels
 * (postal codes, cities) is not reported as associated merely because it has many levels.
 * Returns null when either side has fewer than two observed levels.
 */
export function cramersV(a: Int32Array, aLevels: number, b: Int32Array, bLevels: number): number | null {
  const { table, n } = contingency(a, aLevels, b, bLevels);
  if (n < 2) return null;
  const rowSum = new Float64Array(aLevels);
  const colSum = new Float64Array(bLevels);
  for (let i = 0; i < aLevels; i++) for (let j = 0; j < bLevels; j++) {
    const v = table[i * bLevels + j];
    rowSum[i] += v;
    colSum[j] += v;
  }
  const r = rowSum.filter((v) => v > 0).length;
  const k = colSum.filter((v) => v > 0).length;
  if (r < 2 || k < 2) return null;
  let chi2 = 0;
  for (let i = 0; i < aLevels; i++) {
    if (rowSum[i] === 0) continue;
    for (let j = 0; j < bLevels; j++) {
      if (colSum[j] === 0) continue;
      const expected = (rowSum[i] * colSum[j]) / n;
      const d = table[i * bLevels + j] - expected;
      chi2 += (d * d) / expected;
    }
  }
  const phi2 = chi2 / n;
  const phi2c = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const kc = k - (k - 1) ** 2 / (n - 1);
  const denom = Math.min(kc - 1, rc - 1);
  if (denom <= 0) return null;
  return Math.min(1, Math.sqrt(phi2c / denom));
}

/**
 * Correlation ratio η of a number across groups: sqrt(between-group / total sum of squares).
 * NaN numbers and missing groups (-1) are left out. Null when the number does not vary.
 */
export function correlationRatio(values: Float64Array, groups: Int32Array, levels: number): number | null {
  const sum = new Float64Array(levels);
  const count = new Float64Array(levels);
  let total = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const g = groups[i];
    const v = values[i];
    if (g < 0 || Number.isNaN(v)) continue;
    sum[g] += v;
    count[g]++;
    total += v;
    n++;
  }
  if (n < 2) return null;
  const mean = total / n;
  let sst = 0;
  for (let i = 0; i < values.length; i++) {
    const g = groups[i];
    const v = values[i];
    if (g < 0 || Number.isNaN(v)) continue;
    sst += (v - mean) ** 2;
  }
  if (sst === 0) return null;
  let ssb = 0;
  let used = 0;
  for (let g = 0; g < levels; g++) {
    if (count[g] === 0) continue;
    used++;
    ssb += count[g] * (sum[g] / count[g] - mean) ** 2;
  }
  if (used < 2) return null;
  return Math.min(1, Math.sqrt(ssb / sst));
}

/** Groups smaller than this are reported but not treated as evidence of disparity. */
export const SMALL_GROUP = 30;
/** Associations at or above this are flagged as proxies. */
export const PROXY_THRESHOLD = 0.3;

export interface GroupRate {
  value: string;
  base: number;
  selected: number;
  rate: number | null;
  small: boolean;
  /** Against the reference group (absent on the reference row itself): which test, its p-value, Holm-adjusted over the comparisons. */
  test?: PairTest;
  pValue?: number;
  pHolm?: number;
}

export interface Disparity {
  groups: GroupRate[];
  ratio: number | null;
  difference: number | null;
  flag: boolean;
  /** The group with the highest rate among those that may set it (30 or more customers, not missing unless asked). */
  referenceGroup: string | null;
  /** Groups that may not set the reference rate nor enter the overall test although they are shown. */
  referenceExcludes: string[];
  overall: OverallTest | null;
  warnings: string[];
}

/**
 * Selection rate per group and the four-fifths comparison. `codes[i]` is row i's group
 * (-1 = missing, reported as its own group), `selected[i]` is 1 when row i is in the selection.
 * Only groups with at least SMALL_GROUP rows enter the ratio. The missing group is not a group the
 * attribute defines: unless `missingAsReference`, it is shown and compared with the reference but
 * may neither set the reference (highest) rate nor enter the overall test.
 */
export function selectionRates(
  codes: Int32Array,
  labels: readonly string[],
  selected: Uint8Array,
  missingLabel = MISSING_LABEL,
  population?: Uint8Array,
  missingAsReference = false,
): Disparity {
  const levels = labels.length;
  const base = new Float64Array(levels + 1);
  const sel = new Float64Array(levels + 1);
  for (let i = 0; i < codes.length; i++) {
    // Only the rows that stand for the population (one per customer) count, when given.
    if (population && population[i] === 0) continue;
    const g = codes[i] < 0 ? levels : codes[i];
    base[g]++;
    if (selected[i]) sel[g]++;
  }
  const groups: GroupRate[] = [];
  const evidence: GroupRate[] = [];
  const tested: GroupRate[] = [];
  let missing: GroupRate | null = null;
  for (let g = 0; g <= levels; g++) {
    if (base[g] === 0) continue;
    const group: GroupRate = { value: g === levels ? missingLabel : labels[g], base: base[g], selected: sel[g], rate: sel[g] / base[g], small: base[g] < SMALL_GROUP };
    groups.push(group);
    if (g === levels) missing = group;
    const mayCount = g < levels || missingAsReference;
    if (mayCount) tested.push(group);
    if (!group.small && mayCount) evidence.push(group);
  }
  const reference = evidence.reduce<GroupRate | null>((m, g) => (m === null || (g.rate as number) > (m.rate as number) ? g : m), null);
  const others = reference ? groups.filter((g) => g !== reference) : [];
  const pairs = others.map((g) => compareTwo({ positives: g.selected, n: g.base }, { positives: reference!.selected, n: reference!.base }));
  const adjusted = holmAdjust(pairs.map((t) => t.p));
  others.forEach((g, i) => Object.assign(g, { test: pairs[i].test, pValue: pairs[i].p, pHolm: adjusted[i] }));
  const overall = overallTest(tested.map((g) => ({ positives: g.selected, n: g.base })));
  const warnings: string[] = [];
  const small = groups.filter((g) => g.small).map((g) => g.value);
  if (small.length) warnings.push(msg('responsible.fairness.warnSmall', { size: SMALL_GROUP, groups: small.join(', ') }));
  const exact = others.filter((g) => g.test === 'fisher').map((g) => g.value);
  if (exact.length) warnings.push(msg('responsible.fairness.warnFisher', { groups: exact.join(', '), min: MIN_EXPECTED }));
  if (missing && !missingAsReference) warnings.push(msg('responsible.fairness.warnMissing', { missing: missingLabel }));
  const common = { groups, referenceGroup: reference?.value ?? null, referenceExcludes: missingAsReference ? [] : [missingLabel], overall, warnings };
  if (evidence.length < 2) return { ...common, ratio: null, difference: null, flag: false };
  const rates = evidence.map((g) => g.rate as number);
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  if (hi === 0) return { ...common, ratio: null, difference: 0, flag: false };
  const ratio = lo / hi;
  return { ...common, ratio, difference: hi - lo, flag: ratio < FOUR_FIFTHS };
}

/**
 * Two-sided pooled two-proportion z-test of two groups' selection rates (the large-sample test the audit
 * uses when every expected count is at least 5; see compareTwo in stats/contingency.ts for the choice).
 */
export function twoProportionTest(a: { selected: number; base: number }, b: { selected: number; base: number }): { z: number; p: number } {
  return zTest({ positives: a.selected, n: a.base }, { positives: b.selected, n: b.base });
}
