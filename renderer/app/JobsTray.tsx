import { useEffect } from 'react';
import type { JobStatus } from '../../shared/contract/jobs';
import { useApp } from '../store';

/** Finished jobs leave the tray by themselves after a while; failed ones stay until dismissed. */
const KEEP_FINISHED_MS = 8000;

export function JobProgress({ job }: { job: Pick<JobStatus, 'label' | 'phase' | 'done' | 'total' | 'state'> }) {
  const known = job.total > 0;
  const pct = known ? Math.min(100, Math.round((job.done / job.total) * 100)) : undefined;
  return (
    <progress
      className={known ? 'bar' : 'bar indeterminate'}
      // An absent value is the indeterminate state of <progress>.
      value={job.state === 'running' ? pct : 100}
      max={100}
      aria-label={`${job.label}: ${job.phase}`}
      data-testid="job-progress"
    />
  );
}

/**
 * An import counts bytes of the file read (its only measure before the rows are known), which means nothing
 * to a reader: it shows as a percentage. Other jobs count things people know (rounds, customers).
 */
function progressText(j: Pick<JobStatus, 'kind' | 'done' | 'total'>): string {
  if (j.kind === 'import') return `${Math.min(100, Math.round((j.done / j.total) * 100))}%`;
  return `${j.done.toLocaleString()} / ${j.total.toLocaleString()}`;
}

/** Running and finished jobs with progress and Cancel; finished ones can be dismissed. */
export function JobsTray() {
  const jobs = useApp((s) => s.jobs);
  const cancel = useApp((s) => s.cancelJob);
  const dismiss = useApp((s) => s.dismissJob);
  useEffect(() => {
    const timers = jobs.filter((j) => j.state === 'done' || j.state === 'cancelled').map((j) => setTimeout(() => dismiss(j.jobId), KEEP_FINISHED_MS));
    return () => timers.forEach(clearTimeout);
  }, [jobs, dismiss]);
  if (jobs.length === 0) return null;
  return (
    <aside className="jobs" aria-label="Jobs" data-testid="jobs-tray">
      <h2 className="sr-only">Jobs</h2>
      <ul>
        {jobs.map((j) => (
          <li key={j.jobId} className={`job ${j.state}`} data-testid="job" data-job-kind={j.kind} data-job-state={j.state}>
            <div className="job-line">
              <strong>{j.label}</strong>
              <span className="job-phase">
                {j.state === 'running' ? j.phase : j.state}
                {j.state === 'running' && j.total > 0 ? ` ${progressText(j)}` : ''}
              </span>
              {j.state === 'running' ? (
                <button type="button" onClick={() => void cancel(j.jobId)} data-testid="job-cancel" aria-label={`Cancel ${j.label}`}>
                  Cancel
                </button>
              ) : (
                <button type="button" className="icon" onClick={() => dismiss(j.jobId)} aria-label={`Dismiss ${j.label}`}>
                  ×
                </button>
              )}
            </div>
            <JobProgress job={j} />
            {j.state === 'failed' && j.error ? <p className="job-error">{j.error.message}</p> : null}
          </li>
        ))}
      </ul>
    </aside>
  );
}
