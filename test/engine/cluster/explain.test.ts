import { describe, expect, it } from 'vitest';
import { explainClusters } from '../../../electron/engine/cluster/explain';
import { prepareFeatures, type RawColumn } from '../../../electron/engine/cluster/prepare';

const base = { role: 'behavioural' as const, sensitive: false, pii: false };

/** Two clusters of 4: cluster 0 signed up 100–130 days before the as-of date and mostly consented, cluster 1 400–430 days before and rarely. */
function prepared() {
  const cols: RawColumn[] = [
    { ...base, name: 'signup_date', type: 'date', kind: 'numeric', values: Float64Array.from([100, 110, 120, 130, 400, 410, 420, 430]) },
    { ...base, name: 'consent', type: 'boolean', kind: 'numeric', values: Float64Array.from([1, 1, 1, 0, 0, 0, 0, 1]) },
    { ...base, name: 'spend', type: 'number', kind: 'numeric', values: Float64Array.from([1000.5, 2000.25, 1500, 1200, 100, 120, 90, 110]) },
  ];
  return prepareFeatures(cols, { scale: 'standard', transform: 'none', includeSensitive: false });
}
const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);

describe('cluster explanations', () => {
  it('read dates as calendar dates (counted back from the as-of date) with the difference in days', () => {
    const e = explainClusters(prepared(), labels, 2, '2025-07-01');
    const date = e.clusters[0].features.find((f) => f.feature === 'signup_date')!;
    // Mean 115 days before 2025-07-01 = 2025-03-08; the rest 415 days before = 2024-05-12; 300 days apart.
    expect(date.text).toBe('signup_date more recent (avg 2025-03-08 vs 2024-05-12 for the rest, 300 days later)');
    expect(e.clusters[1].features.find((f) => f.feature === 'signup_date')!.text).toBe('signup_date longer ago (avg 2024-05-12 vs 2025-03-08 for the rest, 300 days earlier)');
    expect(e.clusters.map((c) => c.name).join(' | ')).toMatch(/Later signup_date/);
    // Without an as-of date the texts fall back to durations.
    expect(explainClusters(prepared(), labels, 2).clusters[0].features[0].text).toMatch(/months ago/);
  });

  it('read yes/no columns as shares of yes, not a mean of 0/1', () => {
    const e = explainClusters(prepared(), labels, 2, '2025-07-01');
    expect(e.clusters[0].features.find((f) => f.feature === 'consent')!.text).toBe('consent more often yes (75.0% yes vs 25.0% of the rest)');
    expect(e.clusters[1].features.find((f) => f.feature === 'consent')!.text).toBe('consent less often yes (25.0% yes vs 75.0% of the rest)');
    expect(JSON.stringify(e.clusters)).not.toMatch(/avg 0\.\d|1\.\d× higher \(avg/);
  });

  it('write averages with thousands separators', () => {
    const e = explainClusters(prepared(), labels, 2, '2025-07-01');
    expect(e.clusters[0].features.find((f) => f.feature === 'spend')!.text).toBe('spend 13.6× higher (avg 1,425 vs 105 for the rest)');
  });
});

describe('cluster heatmap numbers', () => {
  /** Cluster 0: 3 of 4 on email, cluster 1: 1 of 4; spend high in cluster 0. */
  function mixed() {
    const cols: RawColumn[] = [
      { ...base, name: 'spend', type: 'number', kind: 'numeric', values: Float64Array.from([1000.5, 2000.25, 1500, 1200, 100, 120, 90, 110]) },
      { ...base, name: 'channel', type: 'category', kind: 'category', codes: Int32Array.from([0, 0, 0, 1, 1, 1, 1, 0]), labels: ['email', 'web'] },
    ];
    return prepareFeatures(cols, { scale: 'standard', transform: 'none', includeSensitive: false });
  }

  it('shows category values as share differences in percentage points (share in the cluster minus share among everyone)', () => {
    const e = explainClusters(mixed(), labels, 2);
    expect(e.heatmap.features).toEqual(['spend', 'channel = email', 'channel = web']);
    expect(e.heatmap.kinds).toEqual(['effect', 'points', 'points']);
    // email: 3/4 = 75% in cluster 0, 1/4 = 25% in cluster 1, 4/8 = 50% overall.
    expect(e.heatmap.z.map((row) => row.slice(1))).toEqual([
      [25, -25],
      [-25, 25],
    ]);
    const card = e.clusters[0].features.find((f) => f.feature === 'channel')!;
    expect(card).toMatchObject({ value: 'email', share: 0.75, points: 25 });
  });

  it('shows the same number as the card for a number column (cluster vs the rest, standardised)', () => {
    const e = explainClusters(mixed(), labels, 2);
    for (const c of [0, 1]) {
      const card = e.clusters[c].features.find((f) => f.feature === 'spend')!;
      expect(e.heatmap.z[c][0]).toBe(card.effect);
      const top = e.clusters[c].top.find((t) => t.feature === 'spend');
      if (top) expect(top.effect).toBe(e.heatmap.z[c][0]);
    }
    // Independent: Cohen's d with the pooled sample sd of the two groups of 4 (after prepare's standard scaling, d is unchanged).
    const a = [1000.5, 2000.25, 1500, 1200];
    const b = [100, 120, 90, 110];
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const ss = (x: number[]) => x.reduce((s, v) => s + (v - mean(x)) ** 2, 0);
    const d = (mean(a) - mean(b)) / Math.sqrt((ss(a) + ss(b)) / 6);
    expect(e.heatmap.z[0][0]).toBeCloseTo(d, 2);
  });

  it('keeps at most six values of a many-valued category, those that differ most', () => {
    const codes = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    const cols: RawColumn[] = [{ ...base, name: 'city', type: 'category', kind: 'category', codes, labels: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }];
    const e = explainClusters(prepareFeatures(cols, { scale: 'standard', transform: 'none', includeSensitive: false }), labels, 2);
    expect(e.heatmap.features).toHaveLength(6);
    expect(e.heatmap.features.every((f) => f.startsWith('city = '))).toBe(true);
    // Each value: 1 of 4 in its cluster (25%) vs 1 of 8 overall (12.5%): +12.5 pp there, −12.5 pp in the other.
    expect(e.heatmap.z[0].map(Math.abs)).toEqual([12.5, 12.5, 12.5, 12.5, 12.5, 12.5]);
  });
});
