import { describe, expect, it } from 'vitest';
import { renameCluster } from '../../../electron/engine/cluster/store';
import { frameFor, selectClusters, selectClustersByView } from '../../../electron/engine/fairness/selection';
import { customerDataSets } from '../../helpers/data';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

/**
 * The fairness audit's cluster selections read the run's labels by row when the run is of the current
 * version and IDs are unique (fairness/selection.ts); they must be the masks the join of the run's view
 * to the customers by ID gives, also when two clusters carry the same name.
 */
describe('cluster selections by row equal those by the run view', () => {
  it.each(customerDataSets())('on $label', async ({ customers }) => {
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: customers, name: 'customers', id: 'customer_id' })).status.error).toBeUndefined();
    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['annual_income', 'orders_count'], k: 4, seed: 1, stabilityRounds: 0 });
    expect(run.status.state).toBe('done');
    const ws = engine.ctx.ws();
    const id = String(run.result.run);
    const frame = frameFor(ws, 'customers');
    const byRow = selectClusters(ws, frame, id);
    expect(byRow.length).toBe(4);
    expect(byRow).toEqual(selectClustersByView(ws, frame, id));
    // Two clusters under one name are one selection either way.
    renameCluster(ws, run.result.run, 2, 'Same');
    renameCluster(ws, run.result.run, 3, 'Same');
    const merged = selectClusters(ws, frame, id);
    expect(merged.length).toBe(3);
    expect(merged).toEqual(selectClustersByView(ws, frame, id));
    engine.close();
  }, 120_000);
});
