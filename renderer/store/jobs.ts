import type { JobKind, JobParams, JobStatus } from '../../shared/contract/jobs';
import { defineSlice } from './types';
import { tr } from '../i18n/active';

export interface JobsSlice {
  /** Jobs this window knows about, oldest first; finished ones stay until dismissed. */
  jobs: JobStatus[];
  /** Jobs of a previous workspace (the engine cancels them on a switch): their late events are ignored. */
  jobsElsewhere: string[];
  startJob<K extends JobKind>(kind: K, params: JobParams<K>): Promise<string | null>;
  cancelJob(jobId: string): Promise<void>;
  dismissJob(jobId: string): void;
  /**
   * The job's final status (done, failed or cancelled), however fast it ended: a view that shows a job's
   * result need not catch it in `jobs` before the tray lets it go.
   */
  waitForJob(jobId: string): Promise<JobStatus>;
  /** A job event from the engine (progress, done, failed, cancelled). */
  jobChanged(status: JobStatus): void;
  loadJobs(): Promise<void>;
}

/** Waiting views per job, resolved on the job's final status; final statuses are kept briefly for late waiters. */
const waiters = new Map<string, ((s: JobStatus) => void)[]>();
const finished = new Map<string, JobStatus>();
const FINISHED_KEPT = 50;

function settle(status: JobStatus): void {
  if (status.state === 'running') return;
  finished.set(status.jobId, status);
  if (finished.size > FINISHED_KEPT) finished.delete(finished.keys().next().value as string);
  for (const w of waiters.get(status.jobId) ?? []) w(status);
  waiters.delete(status.jobId);
}

function upsert(jobs: JobStatus[], status: JobStatus): JobStatus[] {
  const i = jobs.findIndex((j) => j.jobId === status.jobId);
  if (i < 0) return [...jobs, status];
  const next = jobs.slice();
  next[i] = status;
  return next;
}

export const jobsSlice = defineSlice<JobsSlice>({
  // Finished jobs and their notices belong to the workspace they ran in.
  reset: (s) => ({ jobs: [], jobsElsewhere: [...s.jobsElsewhere, ...s.jobs.map((j) => j.jobId)] }),
  create:
    ({ client, request }) =>
    (set, get) => ({
      jobs: [],
      jobsElsewhere: [],
      startJob: async (kind, params) => {
        const r = await request(null, () => client.api.jobs.start({ kind, params }));
        if (!r) return null;
        const { jobId } = r;
        // The first event may race the reply; a placeholder keeps the tray honest until it arrives.
        if (!get().jobs.some((j) => j.jobId === jobId)) {
          set((s) => ({ jobs: upsert(s.jobs, { jobId, kind, label: kind, state: 'running', phase: 'starting', done: 0, total: 0, startedAt: Date.now() }) }));
        }
        return jobId;
      },
      cancelJob: async (jobId) => {
        await request(null, () => client.api.jobs.cancel({ jobId }));
      },
      waitForJob: (jobId) =>
        new Promise<JobStatus>((resolve) => {
          const known = finished.get(jobId) ?? get().jobs.find((j) => j.jobId === jobId && j.state !== 'running');
          if (known) resolve(known);
          else waiters.set(jobId, [...(waiters.get(jobId) ?? []), resolve]);
        }),
      dismissJob: (jobId) => set((s) => ({ jobs: s.jobs.filter((j) => j.jobId !== jobId || j.state === 'running') })),
      jobChanged: (status) => {
        if (get().jobsElsewhere.includes(status.jobId)) return;
        const before = get().jobs.find((j) => j.jobId === status.jobId);
        set((s) => ({ jobs: upsert(s.jobs, status) }));
        settle(status);
        if (before?.state === status.state || status.state === 'running') return;
        get().importJobEnded(status.jobId, status.state, status.result);
        // A job's outcome supersedes the toast of the previous run of the same job (same kind and label).
        const source = `job:${status.kind}:${status.label}`;
        if (status.state === 'failed') get().notify('error', tr('app.jobs.failed', { label: status.label, error: status.error?.message ?? tr('app.jobs.unknownError') }), { code: status.error?.code, source });
        else if (status.state === 'cancelled') get().notify('info', tr('app.jobs.cancelled', { label: status.label }), { source });
        else if (status.state === 'done') get().notify('success', tr('app.jobs.finished', { label: status.label }), { source });
      },
      loadJobs: async () => {
        await request('jobs.list', () => client.api.jobs.list({}), {
          onValue: (list) => {
            set((s) => ({ jobs: list.filter((j) => !s.jobsElsewhere.includes(j.jobId)).reduce(upsert, s.jobs) }));
            list.forEach(settle);
          },
        });
      },
    }),
});
