import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import { adjustedRandIndex } from '../../../electron/engine/cluster/agreement';
import { getMirror } from '../../../electron/engine/mirror';
import { versionTable } from '../../../electron/engine/workspace/catalog';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { cli } from '../../helpers/cli';
import { customerDataSets } from '../../helpers/data';
import { sharedData, tmpDir } from '../../helpers/tmp';

const marketing = sharedData('marketing_campaign.csv');
const BEHAVIOUR = ['birth_date', 'annual_income', 'orders_count', 'total_spend', 'avg_basket', 'last_order_date'];

describe.sequential.each(customerDataSets())('clustering the synthetic customer export ($label)', ({ customers: synthetic }) => {
  let engine: Engine;
  let api: Api;
  beforeAll(async () => {
    ({ engine, api } = await engineWithWorkspace());
    const imp = await runJob(engine, api, 'import', { path: synthetic, name: 'customers' });
    expect(imp.status.state).toBe('done');
    await api.workspace.setAsOf({ asOf: '2026-11-01' });
  });

  it('recovers the generating lifestyle groups far better than chance, deterministically', { timeout: 180_000 }, async () => {
    const params = { dataset: 'customers', features: BEHAVIOUR, k: 5, seed: 11, stabilityRounds: 2 } as const;
    const a = await runJob(engine, api, 'cluster', params);
    expect(a.status.error).toBeUndefined();
    const b = await runJob(engine, api, 'cluster', params);
    expect(b.result.sizes).toEqual(a.result.sizes);
    expect(b.result.inertia).toBe(a.result.inertia);
    expect((await api.clusters.compare({ run: a.result.run, other: b.result.run })).ari).toBe(1);

    // Compare with the lifestyle column the generator used (not a feature of the run).
    const ws = engine.ctx.ws();
    const m = getMirror(ws, 'customers');
    const life = m.columns.get('lifestyle');
    if (life?.kind !== 'text') throw new Error('lifestyle should be a category column');
    const page = await api.clusters.members({ run: a.result.run, limit: 200_000 });
    expect(page.total).toBe(20_000);
    expect(page.ids[0]).toBe(m.ids[0]);
    const ari = adjustedRandIndex(life.codes, Int32Array.from(page.clusters));
    console.log(`synthetic customers: ARI vs lifestyle = ${ari.toFixed(3)} (chance = 0)`);
    // Lifestyles overlap in these features (bargain hunters and tech enthusiasts differ mainly in recency); chance is 0 ± 0.01.
    expect(ari).toBeGreaterThan(0.2);
    // Dates become "days before the as-of date"; the texts say so in plain words.
    const texts = a.result.clusters.flatMap((c) => c.top.map((t) => t.text)).join(' | ');
    expect(texts).toMatch(/×|% lower|more recent|longer ago/);
    expect(a.result.notes.join(' ')).toMatch(/skewed/);
  });

  it('saves the run with a view cluster_<run>, renames, maps without PII, removes', { timeout: 120_000 }, async () => {
    const { result } = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['orders_count', 'total_spend', 'last_order_date'], k: 3, stabilityRounds: 1 });
    const db = engine.ctx.ws().db;
    const view = `cluster_${result.run}`;
    const counts = db.prepare(`SELECT cluster, cluster_name, count(*) AS n FROM "${view}" GROUP BY cluster ORDER BY cluster`).all() as { cluster: number; cluster_name: string; n: number }[];
    expect(counts.map((c) => c.n)).toEqual(result.sizes);
    expect(counts.map((c) => c.cluster_name)).toEqual(result.clusters.map((c) => c.name));
    const one = db.prepare(`SELECT id FROM "${view}" WHERE id = 'C0000001'`).get();
    expect(one).toBeTruthy();

    const card = await api.clusters.rename({ run: result.run, cluster: 2, name: 'Loyal regulars' });
    expect(card.name).toBe('Loyal regulars');
    expect(db.prepare(`SELECT DISTINCT cluster_name FROM "${view}" WHERE cluster = 2`).pluck().all()).toEqual(['Loyal regulars']);
    const full = await api.clusters.get({ run: result.run });
    expect(full.clusters[1]).toMatchObject({ name: 'Loyal regulars', suggestedName: result.clusters[1].name });
    expect(full.heatmap.features).toEqual(['orders_count', 'total_spend', 'days since last_order_date']);
    expect(full.heatmap.z).toHaveLength(3);

    const map = await api.clusters.map({ run: result.run, maxPoints: 1000 });
    expect(map).toMatchObject({ total: 20_000, shown: 1000, sampled: true });
    expect(map.x).toHaveLength(1000);
    const tip = await api.clusters.member({ run: result.run, row: map.row[0] });
    expect(tip.fields.map((f) => f.name)).toEqual(['orders_count', 'total_spend', 'last_order_date']);
    const tipPii = await api.clusters.member({ run: result.run, row: map.row[0], pii: true });
    expect(tipPii.fields.map((f) => f.name)).toContain('email');

    expect((await api.clusters.list({ dataset: 'customers' }))[0].run).toBe(result.run);
    expect(await api.clusters.remove({ run: result.run })).toEqual({ removed: true });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = ?").pluck().get(view)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM cluster_members WHERE run_id = ?').pluck().get(result.run)).toBe(0);
  });

  it('a cancelled run leaves nothing behind, and a new run on the dataset cancels the running one', { timeout: 120_000 }, async () => {
    const db = engine.ctx.ws().db;
    const before = db.prepare('SELECT count(*) FROM cluster_runs').pluck().get();
    const first = await api.jobs.start({ kind: 'cluster', params: { dataset: 'customers', features: BEHAVIOUR, k: 'auto' } });
    const second = runJob(engine, api, 'cluster', { dataset: 'customers', features: ['orders_count', 'total_spend'], k: 2, stabilityRounds: 0 });
    const done = await second;
    expect(done.status.state).toBe('done');
    expect((await api.jobs.get({ jobId: first.jobId })).state).toBe('cancelled');
    expect(db.prepare('SELECT count(*) FROM cluster_runs').pluck().get()).toBe((before as number) + 1);

    const { jobId } = await api.jobs.start({ kind: 'cluster', params: { dataset: 'customers', features: BEHAVIOUR, k: 'auto' } });
    await new Promise((r) => setTimeout(r, 50));
    await api.jobs.cancel({ jobId });
    await new Promise<void>((resolve) => {
      const off = engine.onEvent((e) => {
        if (e.type === 'job' && e.job.jobId === jobId && e.job.state !== 'running') {
          off();
          resolve();
        }
      });
    });
    expect((await api.jobs.get({ jobId })).state).toBe('cancelled');
    expect(db.prepare('SELECT count(*) FROM cluster_runs').pluck().get()).toBe((before as number) + 1);
  });

  it('rejects unknown and unusable columns naming them', async () => {
    const unknown = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['total_spend', 'nope'], k: 3 });
    expect(unknown.status.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('"nope"') });
    const id = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['customer_id'], k: 3 });
    expect(id.status.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('customer_id') });
  });

  it('suggests behavioural features and never sensitive or contact ones', async () => {
    const f = await api.clusters.features({ dataset: 'customers' });
    const suggested = f.filter((c) => c.suggested).map((c) => c.name);
    expect(suggested).toEqual(expect.arrayContaining(['orders_count', 'total_spend', 'last_order_date']));
    expect(suggested).not.toContain('annual_income');
    expect(f.find((c) => c.name === 'email')?.unusable).toBeTruthy();
  });

  it('CLI: segmentdesk cluster prints the documented JSON and writes id,cluster', { timeout: 120_000 }, async () => {
    // Its own workspace: the CLI opens the file itself (the shared one's folder is gone after the first test).
    const dir = tmpDir();
    const out = path.join(dir, 'members.csv');
    const wsFile = path.join(dir, 'cli.sdw');
    expect(cli(['import', synthetic, '--workspace', wsFile, '--name', 'customers', '--json'], dir).code).toBe(0);
    const { code, stdout, stderr } = cli(
      ['cluster', '--workspace', wsFile, '--dataset', 'customers', '--features', 'orders_count,total_spend', '--k', 'auto', '--k-range', '2-4', '--seed', '3', '--scale', 'robust', '--transform', 'none', '--restarts', '2', '--out', out, '--json'],
      dir,
    );
    expect(stderr).not.toMatch(/segmentdesk cluster:/);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r)).toEqual(['run', 'k', 'features', 'inertia', 'silhouette', 'iterations', 'sizes', 'fitMs', 'ms', 'kScores', 'recommendedK', 'reason', 'stability', 'clusters']);
    expect(r.kScores.map((s: { k: number }) => s.k)).toEqual([2, 3, 4]);
    expect(Object.keys(r.kScores[0])).toEqual(['k', 'inertia', 'silhouette']);
    expect(Object.keys(r.stability)).toEqual(['ari']);
    expect(Object.keys(r.clusters[0])).toEqual(['cluster', 'name', 'size', 'top']);
    expect(Object.keys(r.clusters[0].top[0])).toEqual(['feature', 'effect', 'text']);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,cluster');
    expect(lines).toHaveLength(20_001);
    expect(lines[1]).toMatch(/^C0000001,[1-4]$/);
  });
});

describe.skipIf(!marketing)('mixed category + numeric clustering of marketing_campaign.csv (skipped: file absent)', () => {
  it('uses k-prototypes on codes, no one-hot columns', async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: marketing as string, name: 'marketing' });
    expect(imp.status.state).toBe('done');
    const features = ['Education', 'Marital_Status', 'Income', 'MntWines', 'MntMeatProducts', 'MntFruits'];
    const { status, result } = await runJob(engine, api, 'cluster', { dataset: 'marketing', features, k: 4, seed: 5, stabilityRounds: 2 });
    expect(status.error).toBeUndefined();
    expect(result.algorithm).toBe('k-prototypes');
    const run = await api.clusters.get({ run: result.run });
    // One prepared feature per column (Education has 5 values, Marital_Status 8): no one-hot blow-up.
    expect(run.prepared.map((p) => p.name)).toEqual(features);
    expect(run.prepared.filter((p) => p.kind === 'category').map((p) => p.name)).toEqual(['Education', 'Marital_Status']);
    // Numbers one column each; categories one column per value (at most 6 per category), in percentage points.
    expect(run.heatmap.features.slice(0, 4)).toEqual(['Income', 'MntWines', 'MntMeatProducts', 'MntFruits']);
    expect(run.heatmap.features.filter((f) => f.startsWith('Education = '))).toHaveLength(5);
    expect(run.heatmap.features.filter((f) => f.startsWith('Marital_Status = '))).toHaveLength(6);
    expect(run.heatmap.kinds).toEqual([...Array(4).fill('effect'), ...Array(11).fill('points')]);
    // Independent check in SQL on the run's view: PhD's share per cluster minus its share overall.
    const db = engine.ctx.ws().db;
    const joined = `FROM cluster_members m JOIN "${versionTable(db, 'marketing')}" d ON d.rowid = m.row_id WHERE m.run_id = ${result.run}`;
    const overall = db.prepare(`SELECT avg(d.Education = 'PhD') ${joined}`).pluck().get() as number;
    const per = db.prepare(`SELECT m.cluster, avg(d.Education = 'PhD') AS s ${joined} GROUP BY m.cluster ORDER BY m.cluster`).all() as { cluster: number; s: number }[];
    expect(per).toHaveLength(4);
    const col = run.heatmap.features.indexOf('Education = PhD');
    per.forEach((p, i) => expect(run.heatmap.z[i][col]).toBeCloseTo(100 * (p.s - overall), 1));
    // The card's number for a number column is the heatmap's.
    run.effects.forEach((effs, i) => expect(effs.find((e) => e.feature === 'MntWines')!.effect).toBe(run.heatmap.z[i][1]));
    expect(run.prepared.find((p) => p.name === 'Income')).toMatchObject({ missing: 24 });
    expect(result.notes.join(' ')).toMatch(/not one-hot/);
    expect(result.sizes.reduce((a, b) => a + b)).toBe(2240);
    expect(result.sizes.every((s) => s > 0)).toBe(true);
    const catEffects = run.effects.flat().filter((e) => e.kind === 'category');
    expect(catEffects.length).toBe(8);
    expect(catEffects[0].lift).toBeGreaterThan(0);
    engine.close();
  });
});
