import path from 'node:path';
import { createApi } from '../../shared/contract/client';
import type { Api } from '../../shared/contract/api';
import type { EngineEvent } from '../../shared/contract/events';
import type { JobKind, JobParams, JobResult, JobStatus } from '../../shared/contract/jobs';
import { Engine } from '../../electron/engine/engine';
import { tmpDir } from './tmp';

/** A real engine (real SQLite in a temp folder) with a typed Api over it, for engine tests. */
export async function engineWithWorkspace(): Promise<{ engine: Engine; api: Api; dir: string; file: string; events: EngineEvent[] }> {
  const dir = tmpDir();
  const events: EngineEvent[] = [];
  const engine = new Engine({ stateDir: dir, onEvent: (e) => events.push(e) });
  const api = createApi((req) => engine.invoke(req));
  const file = path.join(dir, 'test.sdw');
  await api.workspace.create({ path: file });
  return { engine, api, dir, file, events };
}

/** Start a job and wait for its end state. */
export async function runJob<K extends JobKind>(engine: Engine, api: Api, kind: K, params: JobParams<K>): Promise<{ status: JobStatus; result: JobResult<K> }> {
  const { jobId } = await api.jobs.start({ kind, params });
  return new Promise((resolve) => {
    const check = (e: EngineEvent) => {
      if (e.type === 'job' && e.job.jobId === jobId && e.job.state !== 'running') {
        off();
        resolve({ status: e.job, result: e.job.result as JobResult<K> });
      }
    };
    const off = engine.onEvent(check);
  });
}

/** The demo customers (assets/demo/customers.csv) imported as "customers" into a fresh workspace. */
export async function engineWithDemoCustomers(): Promise<{ engine: Engine; api: Api; dir: string; file: string }> {
  const w = await engineWithWorkspace();
  const imp = await runJob(w.engine, w.api, 'import', { path: path.resolve(__dirname, '../../assets/demo/customers.csv'), name: 'customers' });
  if (imp.status.state !== 'done') throw new Error(`demo import failed: ${JSON.stringify(imp.status.error)}`);
  return w;
}
