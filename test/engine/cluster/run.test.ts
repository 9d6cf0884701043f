import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';

const mall = sharedData('Mall_Customers.csv');

describe.skipIf(!mall)('clustering Mall_Customers.csv (skipped: ../shared/data/Mall_Customers.csv absent)', () => {
  it('k = auto recommends 5 and finds the five well-known groups', async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: mall as string, name: 'mall' });
    expect(imp.status.state).toBe('done');
    const { status, result } = await runJob(engine, api, 'cluster', {
      dataset: 'mall',
      features: ['Annual Income (k$)', 'Spending Score (1-100)'],
      k: 'auto',
      seed: 7,
    });
    expect(status.error).toBeUndefined();
    expect(result.k).toBe(5);
    expect(result.recommendedK).toBe(5);
    expect(result.reason).toMatch(/^5 groups: customers are most clearly separated into 5 groups/);
    expect(result.kScores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The classic five: sizes 81 (middle), 39 (rich, high spenders), 35 (rich, low), 23 and 22 (poor, low/high).
    expect([...result.sizes].sort((a, b) => b - a)).toEqual([81, 39, 35, 23, 22]);
    expect(result.silhouette).toBeGreaterThan(0.5);
    expect(result.stability?.ari).toBeGreaterThan(0.8);
    for (const c of result.clusters) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.top.length).toBeGreaterThan(0);
    }
    // Segment rules reach the run through its view: "in cluster 2 of run R", by number and by name.
    const byNumber = await api.segments.count({ dataset: 'mall', rule: { cluster: { run: String(result.run), cluster: 2 } } });
    expect(byNumber.count).toBe(result.sizes[1]);
    await api.clusters.rename({ run: result.run, cluster: 2, name: 'Careful rich' });
    const byName = await api.segments.count({ dataset: 'mall', rule: { cluster: { run: String(result.run), cluster: 'Careful rich' } } });
    expect(byName.count).toBe(result.sizes[1]);
    engine.close();
  });
});
