import { randomUUID } from 'node:crypto';
import type { AppErrorData } from '../../../shared/contract/result';
import { AppError, toErrorData } from '../../../shared/contract/result';
import type { JobStatus } from '../../../shared/contract/jobs';
import { msg } from '../../../shared/i18n/current';
import type { MessageId } from '../../../shared/i18n/catalogue';

/** What a job function receives: a signal to honour and a progress reporter. */
export interface JobContext {
  signal: AbortSignal;
  /** Report progress; cheap to call often (events are throttled to ~10/s). */
  report(phase: string, done: number, total: number): void;
  /** Throws a CANCELLED AppError if the job was cancelled; call between units of work. */
  checkpoint(): Promise<void>;
}

export type JobFn = (ctx: JobContext) => Promise<unknown>;

const THROTTLE_MS = 100;

/**
 * The phases jobs report, in the window's language: the jobs tray and the views show them. A phase without a
 * message (a new one) shows as reported.
 */
const PHASES: Record<string, MessageId> = {
  starting: 'engine.job.phase.starting',
  detecting: 'engine.job.phase.detecting',
  importing: 'engine.job.phase.importing',
  finishing: 'engine.job.phase.finishing',
  writing: 'engine.job.phase.writing',
  counting: 'engine.job.phase.counting',
  'reading transactions': 'engine.job.phase.readingTransactions',
  'predicting per customer': 'engine.job.phase.predicting',
  'saving results': 'engine.job.phase.savingResults',
  'preparing features': 'engine.job.phase.preparingFeatures',
  silhouette: 'engine.job.phase.silhouette',
  'explaining clusters': 'engine.job.phase.explaining',
  stability: 'engine.job.phase.stability',
  loading: 'engine.job.phase.loading',
  saving: 'engine.job.phase.saving',
};

function phaseText(phase: string): string {
  const id = PHASES[phase];
  return id ? msg(id) : phase;
}
const KEEP_FINISHED = 50;

/**
 * Runs jobs cooperatively inside the engine worker: a job is an async function that
 * yields (checkpoint) between units of work, so requests keep being answered while it runs.
 * Jobs with the same `group` replace each other: starting one cancels the previous (latest wins).
 */
export class JobRunner {
  private jobs = new Map<string, { status: JobStatus; abort: AbortController; group?: string }>();

  constructor(private readonly emit: (status: JobStatus) => void) {}

  start(kind: string, label: string, fn: JobFn, opts: { group?: string } = {}): string {
    if (opts.group) {
      for (const j of this.jobs.values()) if (j.group === opts.group && j.status.state === 'running') j.abort.abort();
    }
    const jobId = randomUUID();
    const abort = new AbortController();
    const status: JobStatus = { jobId, kind, label, state: 'running', phase: phaseText('starting'), done: 0, total: 0, startedAt: Date.now() };
    this.jobs.set(jobId, { status, abort, group: opts.group });
    this.prune();
    let last = 0;
    const ctx: JobContext = {
      signal: abort.signal,
      report: (phase, done, total) => {
        status.phase = phaseText(phase);
        status.done = done;
        status.total = total;
        const now = Date.now();
        if (now - last >= THROTTLE_MS) {
          last = now;
          this.emit({ ...status });
        }
      },
      checkpoint: async () => {
        await new Promise<void>((r) => setImmediate(r));
        if (abort.signal.aborted) throw new AppError('CANCELLED', msg('engine.job.cancelled', { label }));
      },
    };
    this.emit({ ...status });
    // Run on the next tick so the caller gets the jobId before any event of the job.
    setImmediate(() => {
      fn(ctx).then(
        (result) => {
          if (abort.signal.aborted) this.finish(status, 'cancelled');
          else this.finish(status, 'done', result);
        },
        (err: unknown) => {
          if (abort.signal.aborted || (err instanceof AppError && err.code === 'CANCELLED')) this.finish(status, 'cancelled');
          else this.finish(status, 'failed', undefined, toErrorData(err));
        },
      );
    });
    return jobId;
  }

  cancel(jobId: string): boolean {
    const j = this.jobs.get(jobId);
    if (!j || j.status.state !== 'running') return false;
    j.abort.abort();
    return true;
  }

  get(jobId: string): JobStatus | undefined {
    const j = this.jobs.get(jobId);
    return j ? { ...j.status } : undefined;
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((j) => ({ ...j.status }));
  }

  running(): number {
    return [...this.jobs.values()].filter((j) => j.status.state === 'running').length;
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) if (j.status.state === 'running') j.abort.abort();
  }

  private finish(status: JobStatus, state: JobStatus['state'], result?: unknown, error?: AppErrorData): void {
    status.state = state;
    if (result !== undefined) status.result = result;
    if (error) status.error = error;
    if (state === 'done' && status.total > 0) status.done = status.total;
    this.emit({ ...status });
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
