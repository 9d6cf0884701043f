import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { importFile } from '../fairness/load';
import { registerErasableTable } from '../../../electron/engine/erasure/registry';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

describe('removing a dataset', () => {
  it('takes its segments, clusterings, RFM and CLV results and registered ID tables with it, and logs what went', async () => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: path.join(DEMO, 'customers.csv'), name: 'customers' });
    await importFile(engine, api, { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' });
    await api.segments.save({ dataset: 'customers', name: 'high income', rule: { field: 'annual_income', op: 'gt', value: 50000 }, justification: 'income band for a test' });
    await api.rfm.compute({ transactions: 'orders', asOf: '2026-11-01' });
    const cluster = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['annual_income'], k: 3, seed: 1, stabilityRounds: 0 });
    expect(cluster.status.state).toBe('done');
    const clv = await runJob(engine, api, 'clv', { transactions: 'orders', asOf: '2026-11-01' });
    expect(clv.status.state).toBe('done');
    const db = engine.ctx.ws().db;
    db.exec('CREATE TABLE scores_demo (customer TEXT, score REAL)');
    registerErasableTable(db, { table: 'scores_demo', dataset: 'customers', idColumn: 'customer', key: 'id', place: 'demo scores' });
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const objects = () => db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND (name LIKE 'cluster\\_%' ESCAPE '\\' OR name LIKE 'rfm\\_%' ESCAPE '\\' OR name LIKE 'clv\\_%' ESCAPE '\\' OR name = 'scores_demo') AND name NOT IN ('cluster_runs', 'cluster_names', 'cluster_members', 'rfm_scores', 'rfm_runs', 'clv_scores', 'clv_runs') ORDER BY name").pluck().all() as string[];
    expect(count('SELECT count(*) FROM segment_members')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM cluster_members')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM rfm_scores')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM clv_scores')).toBeGreaterThan(0);
    expect(objects().length).toBeGreaterThanOrEqual(4);

    expect(await api.datasets.remove({ name: 'customers' })).toEqual({ removed: true });
    // The customer side is gone; the orders stay, unlinked, with their own RFM and CLV results.
    expect(count('SELECT count(*) FROM segments')).toBe(0);
    expect(count('SELECT count(*) FROM segment_members')).toBe(0);
    expect(count('SELECT count(*) FROM cluster_runs')).toBe(0);
    expect(count('SELECT count(*) FROM cluster_members')).toBe(0);
    expect(count("SELECT count(*) FROM erasable_tables WHERE dataset = 'customers'")).toBe(0);
    expect(objects()).toEqual(['clv_orders', 'rfm_orders']);
    expect(db.prepare("SELECT linked_to FROM datasets WHERE name = 'orders'").pluck().get()).toBeNull();

    expect(await api.datasets.remove({ name: 'orders' })).toEqual({ removed: true });
    expect(count('SELECT count(*) FROM rfm_scores')).toBe(0);
    expect(count('SELECT count(*) FROM clv_scores')).toBe(0);
    expect(objects()).toEqual([]);
    const audit = db.prepare("SELECT dataset, details_json FROM audit_log WHERE action = 'dataset_removed' ORDER BY id").all() as { dataset: string; details_json: string }[];
    expect(audit.map((a) => a.dataset)).toEqual(['customers', 'orders']);
    const places = (JSON.parse(audit[0].details_json) as { removedWithIt: { place: string }[] }).removedWithIt.map((p) => p.place);
    expect(places).toEqual(expect.arrayContaining(['saved segments', 'clustering runs', 'demo scores']));
  });
});
