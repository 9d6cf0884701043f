import type { JobKind, JobParams, JobResult } from '../../shared/contract/jobs';
import { AppError } from '../../shared/contract/result';
import type { CliIO } from './command';

/** Start a job through the contract and wait for it, printing progress to stderr. Ctrl-C cancels it. */
export async function runJob<K extends JobKind>(io: CliIO, kind: K, params: JobParams<K>): Promise<JobResult<K>> {
  const { jobId } = await io.api.jobs.start({ kind, params });
  return new Promise((resolve, reject) => {
    let lastLine = '';
    const onSigint = () => void io.api.jobs.cancel({ jobId });
    process.once('SIGINT', onSigint);
    const off = io.engine.onEvent((e) => {
      if (e.type !== 'job' || e.job.jobId !== jobId) return;
      const j = e.job;
      if (j.state === 'running') {
        const pct = j.total > 0 ? ` ${Math.floor((100 * j.done) / j.total)}%` : '';
        const line = `${j.label}: ${j.phase}${pct}`;
        if (line !== lastLine) io.progress(line);
        lastLine = line;
        return;
      }
      off();
      process.removeListener('SIGINT', onSigint);
      if (j.state === 'done') resolve(j.result as JobResult<K>);
      else if (j.state === 'cancelled') reject(new AppError('CANCELLED', `${j.label} was cancelled`));
      else reject(new AppError(j.error?.code ?? 'INTERNAL', j.error?.message ?? 'job failed', j.error?.details));
    });
  });
}
