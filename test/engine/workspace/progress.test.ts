import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/contract/client';
import { Engine } from '../../../electron/engine/engine';
import { runJob } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';

/** The guided path's progress rail reads workspace.progress: each step turns done when its result exists. */
describe.sequential('workspace.progress', () => {
  const dir = tmpDir();
  const engine = new Engine({ stateDir: dir });
  const api = createApi((req) => engine.invoke(req));
  afterAll(() => engine.close());

  it('is all false for a new workspace and follows each step, surviving a reopen', async () => {
    await api.workspace.create({ path: path.join(dir, 'empty.sdw') });
    expect(await api.workspace.progress({})).toEqual({ data: false, profile: false, clusters: false, segment: false, audit: false, response: false, report: false });

    const file = path.join(dir, 'demo.sdw');
    await api.demo.create({ path: file });
    const fresh = await api.workspace.progress({});
    expect(fresh.data).toBe(true);
    expect([fresh.profile, fresh.clusters, fresh.audit, fresh.response, fresh.report]).toEqual([false, false, false, false, false]);

    await api.profile.get({ dataset: 'customers' });
    expect((await api.workspace.progress({})).profile).toBe(true);

    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['lifestyle', 'preferred_channel'], k: 3, seed: 1, stabilityRounds: 0 });
    expect(run.status.error).toBeUndefined();
    expect((await api.workspace.progress({})).clusters).toBe(true);

    await api.segments.save({ dataset: 'customers', name: 'Consenting', rule: { all: [{ field: 'marketing_consent', op: 'is_true' }] } });
    expect((await api.workspace.progress({})).segment).toBe(true);

    await api.fairness.audit({ dataset: 'customers', segment: 'Consenting' });
    expect((await api.workspace.progress({})).audit).toBe(true);

    await api.outcomes.response({ dataset: 'customers', outcome: 'marketing_consent', grouping: { by: 'lifestyle' } });
    expect((await api.workspace.progress({})).response).toBe(true);

    await api.reports.save({ dataset: 'customers', out: path.join(dir, 'report.html') });
    const done = await api.workspace.progress({});
    expect(done.report).toBe(true);

    await api.workspace.close({});
    await api.workspace.open({ path: file });
    expect(await api.workspace.progress({})).toEqual(done);
  }, 180_000);
});
