import { useT } from '../i18n/use-t';
import { useEffect } from 'react';
import { useApp } from '../store';
import { ROUTES } from './routes';
import { GUIDE_STEPS, stepOfView, type GuideStep } from './guide-steps';

/** Goes to a step's view; the quality step opens the Data view on its Profile tab. */
export function useGoToStep(): (step: GuideStep) => void {
  const navigate = useApp((s) => s.navigate);
  const showDataTab = useApp((s) => s.showDataTab);
  return (step) => {
    navigate(step.route);
    if (step.route === 'data') showDataTab(step.id === 'quality' ? 'profile' : 'table');
  };
}

/**
 * Keeps the progress current: on every view change, and whenever a step's result arrives (a profile, a
 * cluster run, the saved segments, an audit, a response analysis; a saved report shows as a notice). One small
 * query each time.
 */
function useProgress() {
  const route = useApp((s) => s.route);
  const ws = useApp((s) => s.workspace);
  const results = [
    useApp((s) => s.profile),
    useApp((s) => s.clRun),
    useApp((s) => s.segmentList),
    useApp((s) => s.auditReport),
    useApp((s) => s.responseResult),
    useApp((s) => s.toasts),
  ];
  const load = useApp((s) => s.loadProgress);
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- each result is a dependency of its own
  }, [route, ws, load, ...results]);
  return useApp((s) => s.progress);
}

/**
 * The progress rail: the guided path from file to hand-over, what is done ticked, the current view marked.
 * It is the app's navigation too, so every step is one click (or Alt+digit) away.
 */
export function GuideRail() {
  const route = useApp((s) => s.route);
  const progress = useProgress();
  const go = useGoToStep();
  const current = stepOfView(route, progress);
  const { t } = useT();
  return (
    <nav className="sidenav guide-rail" aria-label={t('app.guide.navLabel')}>
      <ol>
        {GUIDE_STEPS.map((step, i) => {
          const done = progress ? step.done(progress) : false;
          const r = ROUTES.find((x) => x.id === step.route);
          const isCurrent = i === current;
          return (
            <li key={step.id} className={done ? 'done' : undefined}>
              <button
                type="button"
                aria-current={isCurrent ? 'step' : undefined}
                onClick={() => go(step)}
                data-testid={step.id === 'quality' ? 'step-quality' : `nav-${step.route}`}
                data-done={done ? 'true' : 'false'}
                title={r ? t('app.guide.routeTitle', { view: t(r.label), key: r.key }) : undefined}
              >
                <span className="step-mark" aria-hidden="true">
                  {done ? '✓' : i + 1}
                </span>
                <span className="step-text">
                  <span className="step-label">{t(step.label)}</span>
                  <span className="step-view">{r ? t(r.label) : null}</span>
                </span>
                <span className="sr-only">
                  {' '}
                  {done ? t('app.guide.done') : t('app.guide.notDone')}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/**
 * The one obvious next step, at the top of every view: what this step is for (while it is not done) and a
 * button to the next one.
 */
export function NextStep() {
  const route = useApp((s) => s.route);
  const progress = useApp((s) => s.progress);
  const go = useGoToStep();
  const { t } = useT();
  const i = stepOfView(route, progress);
  if (i < 0 || !progress) return null;
  const step = GUIDE_STEPS[i];
  const next = GUIDE_STEPS[i + 1];
  const done = step.done(progress);
  return (
    <div className="next-step" data-testid="next-step" data-step={step.id}>
      <p className="next-step-text">
        <span className="step-count">
          {t(done ? 'app.guide.stepCountDone' : 'app.guide.stepCount', { n: i + 1, total: GUIDE_STEPS.length, label: t(step.label) })}
        </span>
        {done ? null : <span className="step-todo">{t(step.todo)}</span>}
      </p>
      {step.id === 'quality' && !done ? (
        // The quality check is a tab of the Data view: the step's own action, one click.
        <button type="button" className="primary" onClick={() => go(step)} data-testid="next-step-here">
          {t('app.guide.openProfile')}
        </button>
      ) : null}
      {next && step.id !== 'import' ? (
        <button type="button" className={done ? 'primary' : undefined} onClick={() => go(next)} data-testid="next-step-go">
          {t('app.guide.next', { label: t(next.label) })}
        </button>
      ) : null}
    </div>
  );
}
