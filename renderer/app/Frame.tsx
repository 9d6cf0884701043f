import { Suspense } from 'react';
import { useApp } from '../store';
import { ROUTES, type FeatureRoute } from './routes';
import { EmptyState } from './EmptyState';
import type { ThemeMode } from '../store/theme';
import { debugEnabled } from './debug-flag';
import { GuideRail, NextStep } from './GuideRail';

function FeatureView({ route }: { route: FeatureRoute }) {
  const hasData = useApp((s) => (s.workspace?.datasets.length ?? 0) > 0);
  const openImport = useApp((s) => s.openImport);
  if (route.needsData && !hasData) {
    return (
      <EmptyState title="Start with your customer file">
        <p>{route.label} works on your customers. Import a customer or orders file first; it takes a minute.</p>
        <button type="button" className="primary" onClick={() => openImport(null)} data-testid="empty-import">
          Import a file…
        </button>
      </EmptyState>
    );
  }
  if (!route.view) {
    return (
      <EmptyState title={route.label} testId="feature-pending">
        <p>This part of SegmentDesk is not available in this build yet.</p>
      </EmptyState>
    );
  }
  const View = route.view;
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <View />
    </Suspense>
  );
}

/** The app frame: header, feature navigation, the active feature's view. */
export function Frame() {
  const ws = useApp((s) => s.workspace);
  const routeId = useApp((s) => s.route);
  const closeWs = useApp((s) => s.closeWorkspace);
  const themeMode = useApp((s) => s.themeMode);
  const setThemeMode = useApp((s) => s.setThemeMode);
  const startJob = useApp((s) => s.startJob);
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];

  return (
    <div className="frame">
      <header className="topbar">
        <span className="brand">SegmentDesk</span>
        <span className="ws-name" title={ws?.workspace} data-testid="workspace-name">
          {ws?.workspace.split(/[\\/]/).pop()}
        </span>
        <span className="spacer" />
        <label className="theme-pick">
          <span className="sr-only">Theme</span>
          <select value={themeMode} onChange={(e) => setThemeMode(e.target.value as ThemeMode)} aria-label="Theme">
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <button type="button" onClick={() => void closeWs()} data-testid="workspace-close">
          Close workspace
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
              title="Runs a harmless 10-second job to check that progress and Cancel work"
            >
              Run a test job
            </button>
          </div>
        ) : null}
      </div>
      <main className="content" data-testid={`view-${route.id}`} aria-label={route.label}>
        {ws?.damaged ? (
          // The engine opened a damaged file read-only: say so on every view, with what to do.
          <p className="damaged-banner" role="alert" data-testid="workspace-damaged">
            <strong>This workspace file is damaged; it is open read-only and nothing will be written into it.</strong> {ws.damaged}
          </p>
        ) : null}
        <NextStep />
        <FeatureView route={route} />
      </main>
    </div>
  );
}
