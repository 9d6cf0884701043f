import type { JobKind, JobParams, JobStatus } from '../../shared/contract/jobs';
import type { Slice } from './types';

export interface JobsSlice {
  /** Jobs this window knows about, oldest first; finished ones stay until dismissed. */
  jobs: JobStatus[];
  startJob<K extends JobKind>(kind: K, params: JobParams<K>): Promise<string | null>;
  cancelJob(jobId: string): Promise<void>;
  dismissJob(jobId: string): void;
  /** A job event from the engine (progress, done, failed, cancelled). */
  jobChanged(status: JobStatus): void;
  loadJobs(): Promise<void>;
}

function upsert(jobs: JobStatus[], status: JobStatus): JobStatus[] {
  const i = jobs.findIndex((j) => j.jobId === status.jobId);
  if (i < 0) return [...jobs, status];
  const next = jobs.slice();
  next[i] = status;
  return next;
}

export const createJobsSlice: Slice<JobsSlice> = (client) => (set, get) => ({
  jobs: [],
  startJob: async (kind, params) => {
    try {
      const { jobId } = await client.api.jobs.start({ kind, params });
      // The first event may race the reply; a placeholder keeps the tray honest until it arrives.
      if (!get().jobs.some((j) => j.jobId === jobId)) {
        set((s) => ({ jobs: upsert(s.jobs, { jobId, kind, label: kind, state: 'running', phase: 'starting', done: 0, total: 0, startedAt: Date.now() }) }));
      }
      return jobId;
    } catch (err) {
      get().notifyError(err);
      return null;
    }
  },
  cancelJob: async (jobId) => {
    try {
      await client.api.jobs.cancel({ jobId });
    } catch (err) {
      get().notifyError(err);
    }
  },
  dismissJob: (jobId) => set((s) => ({ jobs: s.jobs.filter((j) => j.jobId !== jobId || j.state === 'running') })),
  jobChanged: (status) => {
    const before = get().jobs.find((j) => j.jobId === status.jobId);
    set((s) => ({ jobs: upsert(s.jobs, status) }));
    if (before?.state === status.state || status.state === 'running') return;
    get().importJobEnded(status.jobId, status.state, status.result);
    // A job's outcome supersedes the toast of the previous run of the same job (same kind and label).
    const source = `job:${status.kind}:${status.label}`;
    if (status.state === 'failed') get().notify('error', `${status.label} failed: ${status.error?.message ?? 'unknown error'}`, { code: status.error?.code, source });
    else if (status.state === 'cancelled') get().notify('info', `${status.label} cancelled; nothing was changed.`, { source });
    else if (status.state === 'done') get().notify('success', `${status.label} finished.`, { source });
  },
  loadJobs: async () => {
    try {
      const list = await client.api.jobs.list({});
      set((s) => ({ jobs: list.reduce(upsert, s.jobs) }));
    } catch (err) {
      get().notifyError(err);
    }
  },
});
