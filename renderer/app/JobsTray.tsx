import { useEffect } from 'react';
import type { JobStatus } from '../../shared/contract/jobs';
import { useApp } from '../store';
import { useT } from '../i18n/use-t';
import type { Formats } from '../../shared/i18n/format';
import type { T } from '../i18n/use-t';

/** How long a finished job stays in the store (not on screen) for the views that read its result. */
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
function progressText(j: Pick<JobStatus, 'kind' | 'done' | 'total'>, t: T['t'], fmt: Formats): string {
  if (j.kind === 'import') return fmt.percent(Math.min(1, Math.round((j.done / j.total) * 100) / 100), 0);
  return t('app.jobs.progress', { done: j.done, total: j.total });
}

/**
 * Running jobs with progress and Cancel. A finished job leaves the tray at once: its one notice is the toast
 * the jobs slice raises (a success fades, an error stays until dismissed), so no action is announced twice.
 */
export function JobsTray() {
  const all = useApp((s) => s.jobs);
  const jobs = all.filter((j) => j.state === 'running');
  const cancel = useApp((s) => s.cancelJob);
  const dismiss = useApp((s) => s.dismissJob);
  const { t, fmt } = useT();
  useEffect(() => {
    // Views read a finished job's result from the store for a moment (clusters, import); then it goes.
    const timers = all.filter((j) => j.state !== 'running').map((j) => setTimeout(() => dismiss(j.jobId), KEEP_FINISHED_MS));
    return () => timers.forEach(clearTimeout);
  }, [all, dismiss]);
  if (jobs.length === 0) return null;
  return (
    <aside className="jobs" aria-label={t('app.jobs.title')} data-testid="jobs-tray">
      <h2 className="sr-only">{t('app.jobs.title')}</h2>
      <ul>
        {jobs.map((j) => (
          <li key={j.jobId} className={`job ${j.state}`} data-testid="job" data-job-kind={j.kind} data-job-state={j.state}>
            <div className="job-line">
              <strong>{j.label}</strong>
              <span className="job-phase">
                {j.phase}
                {j.total > 0 ? ` ${progressText(j, t, fmt)}` : ''}
              </span>
              <button type="button" onClick={() => void cancel(j.jobId)} data-testid="job-cancel" aria-label={t('app.jobs.cancelLabel', { label: j.label })}>
                {t('common.cancel')}
              </button>
            </div>
            <JobProgress job={j} />
          </li>
        ))}
      </ul>
    </aside>
  );
}
