import { normalUpperTail } from './special';
import { messageLocale, msg } from '../../../shared/i18n/current';
import { formats } from '../../../shared/i18n/format';
import { holmAdjust } from '../stats/contingency';

// Holm's adjustment lives with the other group tests; re-exported for this module's callers.
export { holmAdjust };

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927): unlike the normal
 * ("Wald") interval it stays inside [0, 1] and keeps its coverage for small groups and rare outcomes.
 */
export function wilsonInterval(positives: number, n: number, z = Z95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = positives / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Two-sided p-value of the pooled two-proportion z-test (group vs the rest).
 * Returns 1 when either side is empty or the pooled rate is 0 or 1 (no variation to test).
 */
export function twoProportionPValue(pos1: number, n1: number, pos2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  const pooled = (pos1 + pos2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (pos1 / n1 - pos2 / n2) / se;
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/** Ratio of a group's rate to the base rate; null when the base rate is 0. */
export function lift(rate: number, baseRate: number): number | null {
  return baseRate > 0 ? rate / baseRate : null;
}

/** A plain-language note on testing many groups at once, or null when there are too few to matter. */
export function multipleComparisonNote(pValues: readonly number[], alpha = 0.05): string | null {
  const m = pValues.length;
  if (m < 3) return null;
  const raw = pValues.filter((p) => p < alpha).length;
  const adjusted = holmAdjust(pValues).filter((p) => p < alpha).length;
  const f = formats(messageLocale());
  return msg('outcomes.response.multipleNote', { m, expected: f.number(alpha * m, 1), alpha: f.plain(alpha), raw, adjusted });
}
