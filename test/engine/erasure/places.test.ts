import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { importFile } from '../fairness/load';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

describe('erasure and segment history', () => {
  it("recounts each snapshot's size and total, so the history matches its member lists", async () => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: path.join(DEMO, 'customers.csv'), name: 'customers' });
    await importFile(engine, api, { path: path.join(DEMO, 'customers.csv'), name: 'customers' });
    await api.segments.save({ dataset: 'customers', name: 'germany', rule: { field: 'country', op: 'eq', value: 'Germany' } });
    const db = engine.ctx.ws().db;
    const members = () => db.prepare("SELECT seq, count(*) AS n FROM segment_members m JOIN segments s ON s.id = m.segment_id WHERE s.name = 'germany' GROUP BY seq ORDER BY seq").all() as { seq: number; n: number }[];
    const before = await api.segments.history({ name: 'germany' });
    const ids = (db.prepare("SELECT customer_id FROM customers WHERE country = 'Germany' ORDER BY customer_id LIMIT 3").pluck().all() as string[]).concat(
      db.prepare("SELECT customer_id FROM customers WHERE country <> 'Germany' ORDER BY customer_id LIMIT 2").pluck().all() as string[],
    );
    await api.erasure.erase({ dataset: 'customers', ids });
    const after = await api.segments.history({ name: 'germany' });
    expect(after.versions.map((v) => v.size)).toEqual(before.versions.map((v) => v.size - 3));
    expect(after.versions.map((v) => v.total)).toEqual(before.versions.map((v) => v.total - 5));
    expect(after.versions.map((v) => v.size)).toEqual(members().map((m) => m.n));
  });
});

describe('erasure and clustering runs', () => {
  it('closes the gaps in member positions, so labels still line up with the dataset rows', async () => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: path.join(DEMO, 'customers.csv'), name: 'customers' });
    const { runJob } = await import('../../helpers/engine');
    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['annual_income'], k: 3, seed: 1, stabilityRounds: 0 });
    expect(run.status.state).toBe('done');
    const db = engine.ctx.ws().db;
    const table = db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'customers'").pluck().get() as string;
    const ids = db.prepare(`SELECT customer_id FROM "${table}" ORDER BY rowid LIMIT 3 OFFSET 10`).pluck().all() as string[];
    const rows = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    await api.erasure.erase({ dataset: 'customers', ids });
    const members = db.prepare(`SELECT m.row_index, m.id, c.customer_id FROM cluster_members m JOIN "${table}" c ON c.rowid = m.row_id ORDER BY m.row_index`).raw().all() as [number, string, string][];
    expect(members.length).toBe(rows - 3);
    // Positions 0..n-1 in the rows' order, each member on its own row.
    expect(members.map((m) => m[0])).toEqual(Array.from({ length: rows - 3 }, (_, i) => i));
    expect(members.every((m) => m[1] === m[2])).toBe(true);
    const positions = db.prepare(`SELECT customer_id FROM "${table}" ORDER BY rowid`).pluck().all() as string[];
    expect(members.map((m) => m[1])).toEqual(positions);
    const stored = JSON.parse(db.prepare('SELECT result_json FROM cluster_runs').pluck().get() as string) as { rows: number };
    expect(stored.rows).toBe(rows - 3);
  });

  it('recounts the run’s cluster sizes and shares from its members, and notes what stays as computed', async () => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: path.join(DEMO, 'customers.csv'), name: 'customers' });
    const { runJob } = await import('../../helpers/engine');
    const { result } = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['annual_income'], k: 3, seed: 1, stabilityRounds: 0 });
    const db = engine.ctx.ws().db;
    const run = (result as { run: number }).run;
    const sizes = () => db.prepare('SELECT cluster, count(*) AS n FROM cluster_members WHERE run_id = ? GROUP BY cluster ORDER BY cluster').all(run) as { cluster: number; n: number }[];
    const before = await api.clusters.get({ run });
    // Erase two customers of the first cluster, then one more: sizes follow each time, the note counts all three.
    // The demo repeats a few IDs on purpose (a duplicate-ID alert); erasing one removes every row with it, so pick IDs held by one row.
    const inFirst = db
      .prepare('SELECT id FROM cluster_members WHERE run_id = ? AND cluster = 1 AND id IN (SELECT id FROM cluster_members WHERE run_id = ? GROUP BY id HAVING count(*) = 1) ORDER BY row_index LIMIT 3')
      .pluck()
      .all(run, run) as string[];
    await api.erasure.erase({ dataset: 'customers', ids: inFirst.slice(0, 2) });
    await api.erasure.erase({ dataset: 'customers', ids: inFirst.slice(2) });
    const after = await api.clusters.get({ run });
    const counted = sizes();
    expect(after.rows).toBe(before.rows - 3);
    expect(after.sizes).toEqual(counted.map((c) => c.n));
    expect(after.sizes[0]).toBe(before.sizes[0] - 3);
    expect(after.sizes.slice(1)).toEqual(before.sizes.slice(1));
    for (const c of after.clusters) {
      expect(c.size).toBe(counted.find((x) => x.cluster === c.cluster)!.n);
      expect(c.share).toBeCloseTo(c.size / after.rows, 12);
    }
    // What describes the fit itself is kept, and the run says so, once.
    expect(after.inertia).toBe(before.inertia);
    expect(after.effects).toEqual(before.effects);
    const notes = after.notes.filter((n) => /erased after this run was computed/.test(n));
    expect(notes).toEqual([expect.stringMatching(/^3 customers were erased after this run was computed/)]);

    // A customer on two rows is one customer: the rows go, the note and the customer counts say one.
    const repeated = db.prepare('SELECT id FROM cluster_members WHERE run_id = ? GROUP BY id HAVING count(*) = 2 LIMIT 1').pluck().get(run) as string;
    await api.erasure.erase({ dataset: 'customers', ids: [repeated] });
    const last = await api.clusters.get({ run });
    expect(last.rows).toBe(after.rows - 2);
    expect(last.customers).toBe(after.customers - 1);
    const distinct = db.prepare("SELECT cluster, count(DISTINCT id) AS n FROM cluster_members WHERE run_id = ? AND id <> '' GROUP BY cluster").all(run) as { cluster: number; n: number }[];
    for (const c of last.clusters) expect(c.customers).toBe(distinct.find((x) => x.cluster === c.cluster)?.n ?? 0);
    expect(last.notes.filter((n) => /erased after this run was computed/.test(n))).toEqual([expect.stringMatching(/^4 customers were erased after this run was computed/)]);
    engine.close();
  });
});
