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
