import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../electron/engine/worker/client';
import { createApi } from '../../../shared/contract/client';
import type { EngineEvent } from '../../../shared/contract/events';
import { tmpDir } from '../../helpers/tmp';

const WORKER = path.resolve(__dirname, '../../../dist/engine-worker.cjs');

describe('engine worker (the built bundle, as the hosts run it)', () => {
  it('answers requests and streams job events from its own thread', async () => {
    const client = new EngineClient({ workerFile: WORKER, stateDir: tmpDir() });
    await client.ready;
    const api = createApi((r) => client.invoke(r));
    const file = path.join(tmpDir(), 'w.sdw');
    expect((await api.workspace.create({ path: file })).workspace).toBe(file);
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    const { jobId } = await api.jobs.start({ kind: 'demo', params: { steps: 200, ms: 5 } });
    await new Promise((r) => setTimeout(r, 120));
    // The engine thread stays responsive while a job runs.
    expect((await api.workspace.info({})).workspace).toBe(file);
    await api.jobs.cancel({ jobId });
    await new Promise((r) => setTimeout(r, 50));
    const mine = events.filter((e) => e.type === 'job' && e.job.jobId === jobId);
    expect(mine.some((e) => e.type === 'job' && e.job.state === 'running' && e.job.done > 0)).toBe(true);
    expect(mine.at(-1)).toMatchObject({ job: { state: 'cancelled' } });
    await client.close();
  });
});
