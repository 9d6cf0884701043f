import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureClvExtra, offerSavedSummary } from '../../../electron/engine/customer-view/clv-extra';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

/**
 * The customer view's two lifetime-value fields are computed from the summary the fit just saved when it is
 * handed over in key order, else read back from clv_scores: both give the same table.
 */
describe('customer view lifetime-value fields', () => {
  it('are the same from an offered summary as from clv_scores, and an offer out of key order is not used', async () => {
    const { engine, api } = await engineWithWorkspace();
    const demo = path.resolve(__dirname, '../../../assets/demo');
    await runJob(engine, api, 'import', { path: path.join(demo, 'customers.csv'), name: 'customers' });
    await runJob(engine, api, 'import', { path: path.join(demo, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' });
    const clv = await runJob(engine, api, 'clv', { transactions: 'orders' });
    expect(clv.status.state).toBe('done');
    const ws = engine.ctx.ws();
    const db = ws.db;
    const table = () => db.prepare('SELECT * FROM customer_view_clv_orders ORDER BY id').raw(true).all();
    const afterJob = table();
    expect(afterJob.length).toBe(db.prepare("SELECT count(*) FROM clv_scores WHERE dataset = 'orders'").pluck().get());
    expect(ensureClvExtra(ws, 'orders')).toBe('current');

    const force = () => ws.setMeta('customer_view_clv_fit:orders', '');
    const rows = db.prepare("SELECT id, frequency, recency, T FROM clv_scores WHERE dataset = 'orders' ORDER BY id").all() as { id: string; frequency: number; recency: number; T: number }[];
    const summary = { ids: rows.map((r) => r.id), frequency: rows.map((r) => r.frequency), recency: rows.map((r) => r.recency), T: rows.map((r) => r.T) };

    force();
    expect(ensureClvExtra(ws, 'orders')).toBe('scores');
    expect(table()).toEqual(afterJob);

    force();
    offerSavedSummary(ws, 'orders', summary);
    expect(ensureClvExtra(ws, 'orders')).toBe('offered');
    expect(table()).toEqual(afterJob);

    // Out of key order (the file's first-order order, say): read back from the table instead.
    force();
    const rev = <T>(a: T[]) => [...a].reverse();
    offerSavedSummary(ws, 'orders', { ids: rev(summary.ids), frequency: rev(summary.frequency), recency: rev(summary.recency), T: rev(summary.T) });
    expect(ensureClvExtra(ws, 'orders')).toBe('scores');
    expect(table()).toEqual(afterJob);
    engine.close();
  }, 60_000);
});
