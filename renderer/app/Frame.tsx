import { Suspense, useContext } from 'react';
import { useApp } from '../store';
import { ROUTES, type FeatureRoute } from './routes';
import { EmptyState } from './EmptyState';
import type { ThemeMode } from '../store/theme';
import { debugEnabled } from './debug-flag';
import { GuideRail, NextStep } from './GuideRail';
import { useT } from '../i18n/use-t';
import { LanguageMenu } from '../i18n/LanguageMenu';
import { NoticeSlot } from './notice-slot';

function FeatureView({ route }: { route: FeatureRoute }) {
  const hasData = useApp((s) => (s.workspace?.datasets.length ?? 0) > 0);
  const openImport = useApp((s) => s.openImport);
  const { t } = useT();
  if (route.needsData && !hasData) {
    return (
      <EmptyState title={t('app.frame.emptyTitle')}>
        <p>{t('app.frame.emptyBody', { view: t(route.label) })}</p>
        <button type="button" className="primary" onClick={() => openImport(null)} data-testid="empty-import">
          {t('app.frame.importFile')}
        </button>
      </EmptyState>
    );
  }
  if (!route.view) {
    return (
      <EmptyState title={t(route.label)} testId="feature-pending">
        <p>{t('app.frame.pendingBody')}</p>
      </EmptyState>
    );
  }
  const View = route.view;
  return (
    <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
      <View />
    </Suspense>
  );
}

/** The app frame: header, feature navigation, the active feature's view. */
export function Frame() {
  const noticeSlot = useContext(NoticeSlot);
  const ws = useApp((s) => s.workspace);
  const routeId = useApp((s) => s.route);
  const closeWs = useApp((s) => s.closeWorkspace);
  const themeMode = useApp((s) => s.themeMode);
  const setThemeMode = useApp((s) => s.setThemeMode);
  const startJob = useApp((s) => s.startJob);
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];
  const { t } = useT();

  return (
    <div className="frame">
      <header className="topbar">
        <span className="brand">SegmentDesk</span>
        <span className="ws-name" title={ws?.workspace} data-testid="workspace-name">
          {ws?.workspace.split(/[\\/]/).pop()}
        </span>
        <span className="spacer" />
        <LanguageMenu />
        <label className="theme-pick">
          <span className="sr-only">{t('app.frame.theme')}</span>
          <select value={themeMode} onChange={(e) => setThemeMode(e.target.value as ThemeMode)} aria-label={t('app.frame.theme')}>
            <option value="system">{t('app.frame.themeSystem')}</option>
            <option value="light">{t('app.frame.themeLight')}</option>
            <option value="dark">{t('app.frame.themeDark')}</option>
          </select>
        </label>
        <button type="button" onClick={() => void closeWs()} data-testid="workspace-close">
          {t('app.frame.closeWorkspace')}
        </button>
      </header>
      <div className="side">
        <GuideRail />
        {debugEnabled() ? (
          <div className="nav-foot">
            <button
              type="button"
              className="small"
              onClick={() => void startJob('demo', { steps: 100, ms: 100 })}
              data-testid="demo-job-start"
              title={t('app.frame.testJobHint')}
            >
              {t('app.frame.testJob')}
            </button>
          </div>
        ) : null}
        <div className="side-notices" ref={noticeSlot} data-testid="side-notices" />
      </div>
      <main className="content" data-testid={`view-${route.id}`} aria-label={t(route.label)}>
        {ws?.damaged ? (
          // The engine opened a damaged file read-only: say so on every view, with what to do.
          <p className="damaged-banner" role="alert" data-testid="workspace-damaged">
            <strong>{t('app.frame.damaged')}</strong> {ws.damaged}
          </p>
        ) : null}
        <NextStep />
        <FeatureView route={route} />
      </main>
    </div>
  );
}
