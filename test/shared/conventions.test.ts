import { describe, expect, it } from 'vitest';
import { CONVENTIONS, conventionsText } from '../../shared/conventions';
import { FAR_BEFORE_DAYS } from '../../electron/engine/orders/as-of';
import { DEFAULT_RESTARTS, MAX_AUTO_RESTARTS, RESTART_SAMPLE, RESTART_SAMPLE_MIN_ROWS } from '../../electron/engine/cluster/kmeans';
import { SILHOUETTE_EXACT_MAX } from '../../electron/engine/cluster/silhouette';
import { CLEAR_SILHOUETTE, MIN_CLUSTER_SHARE } from '../../electron/engine/cluster/choose-k';
import { SKEW_LIMIT } from '../../electron/engine/cluster/prepare';
import { FOUR_FIFTHS, SMALL_GROUP } from '../../electron/engine/fairness/stats';
import { FAR_OUT_IQR } from '../../electron/engine/profile/values';
import { profile } from '../../shared/contract/ns/profile';
import { DEFAULT_BANDS, MAX_VALUE_GROUPS } from '../../electron/engine/outcomes/bands';

const n = (x: number) => x.toLocaleString('en-US');

// The texts are written for people; these checks keep their figures equal to the constants the engine uses.
describe('stated conventions match the engine', () => {
  it('as-of warnings, k-means starts, silhouette sample, k choice, transform', () => {
    expect(CONVENTIONS.asOf.text).toContain(`${FAR_BEFORE_DAYS} days or more before`);
    expect(CONVENTIONS.kmeans.text).toContain(`at least ${DEFAULT_RESTARTS} independent starts`);
    expect(CONVENTIONS.kmeans.text).toContain(`up to ${MAX_AUTO_RESTARTS})`);
    expect(CONVENTIONS.kmeans.text).toContain(`above ${n(RESTART_SAMPLE_MIN_ROWS)} rows the starts compete on a seeded sample of ${n(RESTART_SAMPLE)}`);
    expect(CONVENTIONS.chooseK.text).toContain(`exact up to ${n(SILHOUETTE_EXACT_MAX)} rows, else on a seeded sample of ${n(SILHOUETTE_EXACT_MAX)}`);
    expect(CONVENTIONS.chooseK.text).toContain(`(${CLEAR_SILHOUETTE} or more)`);
    expect(CONVENTIONS.chooseK.text).toContain(`under ${MIN_CLUSTER_SHARE * 100} %`);
    expect(CONVENTIONS.clusterPrep.text).toContain(`is above ${SKEW_LIMIT} is clustered on log(1 + x)`);
  });

  it('fairness and profile thresholds', () => {
    expect(CONVENTIONS.fairness.text).toContain(`under ${FOUR_FIFTHS} is flagged`);
    expect(CONVENTIONS.fairness.text).toContain(`Groups under ${SMALL_GROUP} customers`);
    expect(CONVENTIONS.profileStats.text).toContain(`more than ${FAR_OUT_IQR} × the interquartile range`);
    expect(CONVENTIONS.response.text).toContain(`more than ${MAX_VALUE_GROUPS} different values`);
    expect(DEFAULT_BANDS).toBe(4); // "its quartiles"
    expect(CONVENTIONS.response.text).toContain('quartiles');
    expect(CONVENTIONS.stale.text).toContain(`(${profile.get.input.parse({ dataset: 'x' }).staleMonths} by default)`);
  });

  it('the returns policy text is the contract\'s, with the default named', () => {
    expect(CONVENTIONS.returns.text).toContain('exclude-cancelled (the default)');
    expect(conventionsText(['asOf', 'returns'])).toMatch(/^As-of date: .*\n\nReturns and cancellations: /s);
  });
});
