import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import { engineWithDemoCustomers, runJob } from '../../helpers/engine';
import { Workspace } from '../../../electron/engine/workspace/workspace';


/** The cluster map (clusters.map) on the demo customers, as the Clusters view shows it. */
describe.sequential('cluster map of the demo customers', () => {
  let engine: Engine;
  let api: Api;
  let file: string;
  beforeAll(async () => {
    ({ engine, api, file } = await engineWithDemoCustomers());
  });
  afterAll(() => engine.close());

  const cluster = async (features: string[], k: number) => {
    const r = await runJob(engine, api, 'cluster', { dataset: 'customers', features, k, seed: 1, stabilityRounds: 0 });
    expect(r.status.error).toBeUndefined();
    return { run: await api.clusters.get({ run: r.result.run }), map: await api.clusters.map({ run: r.result.run }) };
  };
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

  it('counts customers (distinct IDs) per cluster beside its rows where the demo has 2,013 rows for 2,000 customers', async () => {
    const { run } = await cluster(['signup_date'], 2);
    expect(run.sizes.reduce((a, b) => a + b, 0)).toBe(2013);
    expect(run.notes).toContain(
      '2,013 rows hold 2,000 customers (some IDs repeat or are missing): clustering assigns rows; each cluster shows its customers (distinct IDs) beside its rows, as a cluster saved as a segment counts them.',
    );
    // Independent count: distinct IDs per cluster from the run's own membership view, in SQL.
    const ws = Workspace.open(file);
    const perCluster = ws.db.prepare(`SELECT cluster, count(DISTINCT id) AS n, count(*) AS r FROM "cluster_${run.run}" GROUP BY cluster`).all() as { cluster: number; n: number; r: number }[];
    const all = ws.db.prepare(`SELECT count(DISTINCT id) FROM "cluster_${run.run}"`).pluck().get() as number;
    ws.close();
    expect(run.customers).toBe(all);
    for (const c of run.clusters) {
      const sql = perCluster.find((p) => p.cluster === c.cluster)!;
      expect(c.customers).toBe(sql.n);
      expect(c.size).toBe(sql.r);
    }
    expect(run.clusters.some((c) => c.customers < c.size)).toBe(true);
    // A cluster saved as a segment has as many members as the card says customers.
    const seg = await api.segments.save({ dataset: 'customers', name: 'Cluster one', rule: { all: [{ cluster: { run: String(run.run), cluster: 1 } }] } });
    expect(seg.size).toBe(run.clusters[0].customers);
  });

  it('one numeric feature: x is the standardised feature (PC1, 100 %), y is 0, not the cluster numbers', async () => {
    const { run, map } = await cluster(['signup_date'], 2);
    expect(map.shown).toBe(map.total);
    expect(map.x).not.toEqual(map.cluster);
    expect(new Set(map.x).size).toBeGreaterThan(10);
    expect(map.y.every((y) => y === 0)).toBe(true);
    expect(map.explained).toEqual([1, 0]);
    expect(run.mapExplained).toEqual([1, 0]);
    // Standardised (population sd, as the clustering scales it): mean 0, sd 1.
    expect(mean(map.x)).toBeCloseTo(0, 2);
    expect(Math.sqrt(mean(map.x.map((x) => x * x)))).toBeCloseTo(1, 2);
    // k-means on one axis cuts it into intervals: the two clusters do not overlap on x.
    const xs = (c: number) => map.x.filter((_, i) => map.cluster[i] === c);
    const [lo, hi] = mean(xs(1)) < mean(xs(2)) ? [xs(1), xs(2)] : [xs(2), xs(1)];
    expect(Math.max(...lo)).toBeLessThanOrEqual(Math.min(...hi));
  });

  it('numeric plus category features (k-prototypes): a real plane with sensible shares, categories included', async () => {
    const one = await cluster(['signup_date'], 2);
    const { run, map } = await cluster(['signup_date', 'lifestyle', 'preferred_channel'], 4);
    expect(map.x).not.toEqual(map.cluster);
    const [e1, e2] = map.explained;
    expect(e1).toBeGreaterThan(0);
    expect(e2).toBeGreaterThan(0);
    expect(e1).toBeGreaterThanOrEqual(e2);
    expect(e1 + e2).toBeLessThanOrEqual(1);
    expect(run.mapExplained?.[0]).toBeCloseTo(e1, 12);
    expect(run.mapExplained?.[1]).toBeCloseTo(e2, 12);
    expect(mean(map.x)).toBeCloseTo(0, 2);
    expect(mean(map.y)).toBeCloseTo(0, 2);
    // The categories move points: customers with the same signup date land on different points.
    const byDate = new Map<number, Set<string>>();
    one.map.row.forEach((row, i) => {
      const j = map.row.indexOf(row);
      const key = one.map.x[i];
      if (!byDate.has(key)) byDate.set(key, new Set());
      byDate.get(key)?.add(`${map.x[j]},${map.y[j]}`);
    });
    expect([...byDate.values()].some((pts) => pts.size > 1)).toBe(true);
  });

  it('a sampled map keeps the full map’s coordinates for the rows it shows', async () => {
    const r = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['signup_date', 'annual_income', 'lifestyle'], k: 3, seed: 2, stabilityRounds: 0 });
    const full = await api.clusters.map({ run: r.result.run });
    const part = await api.clusters.map({ run: r.result.run, maxPoints: 100 });
    expect(part.sampled).toBe(full.total > 100);
    expect(part.explained).toEqual(full.explained);
    part.row.forEach((row, i) => {
      expect(part.x[i]).toBe(full.x[row]);
      expect(part.y[i]).toBe(full.y[row]);
      expect(part.cluster[i]).toBe(full.cluster[row]);
    });
  });
});
