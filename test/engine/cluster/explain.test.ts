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
