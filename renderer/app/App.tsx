import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useApp, useAppStore } from '../store';
import { resolveTheme } from '../store/theme';
import { ROUTES } from './routes';
import { Frame } from './Frame';
import { StartScreen } from './StartScreen';
import { JobsTray } from './JobsTray';
import { Toasts } from './Toasts';
import { useFileDrop } from './use-file-drop';
import { Dialog } from './Dialog';
import { useT } from '../i18n/use-t';
import { NoticeSlot } from './notice-slot';

function About() {
  const open = useApp((s) => s.aboutOpen);
  const setOpen = useApp((s) => s.setAboutOpen);
  const host = useApp((s) => s.hostInfo);
  const { t } = useT();
  if (!open) return null;
  return (
    <Dialog title={t('app.about.title')} onClose={() => setOpen(false)} testId="about">
      <p>{t('app.about.version', { version: host?.appVersion ?? '' })}</p>
      <p>{t('app.about.privacy')}</p>
    </Dialog>
  );
}

/** Follows prefers-color-scheme and applies the resolved theme to <html data-theme>. */
function useTheme() {
  const setSystemTheme = useApp((s) => s.setSystemTheme);
  const theme = useApp(resolveTheme);
  useEffect(() => {
    // i18n-ignore: a media query
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    const apply = () => setSystemTheme(mq.matches ? 'dark' : 'light');
    apply();
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [setSystemTheme]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

/** Alt+1…6 switch features (Ctrl+digit belongs to the browser's tabs in web mode); Alt+I opens the import wizard. */
function useShortcuts() {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !store.getState().workspace) return;
      if (e.code === 'KeyI' || e.key.toLowerCase() === 'i') {
        e.preventDefault();
        store.getState().openImport(null);
        return;
      }
      const r = ROUTES.find((x) => x.key === e.key || `Digit${x.key}` === e.code);
      if (r) {
        e.preventDefault();
        store.getState().navigate(r.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

export function App() {
  const hasWs = useApp((s) => s.workspace !== null);
  const session = useApp((s) => s.workspaceSession);
  useTheme();
  useShortcuts();
  const dragging = useFileDrop();
  const { t } = useT();
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const notices = (
    <div className="corner-stack">
      <Toasts />
      <JobsTray />
    </div>
  );
  return (
    <div className="app">
      {/* Keyed by the workspace shown: every view's own state starts afresh with another workspace. */}
      <NoticeSlot.Provider value={setSlot}>{hasWs ? <Frame key={session} /> : <StartScreen />}</NoticeSlot.Provider>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          {hasWs ? t('app.drop.import') : t('app.drop.start')}
        </div>
      ) : null}
      {hasWs && slot ? createPortal(notices, slot) : notices}
      <About />
    </div>
  );
}
