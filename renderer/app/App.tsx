import { useEffect } from 'react';
import { useApp, useAppStore } from '../store';
import { resolveTheme } from '../store/theme';
import { ROUTES } from './routes';
import { Frame } from './Frame';
import { StartScreen } from './StartScreen';
import { JobsTray } from './JobsTray';
import { Toasts } from './Toasts';
import { useFileDrop } from './useFileDrop';

/** Follows prefers-color-scheme and applies the resolved theme to <html data-theme>. */
function useTheme() {
  const setSystemTheme = useApp((s) => s.setSystemTheme);
  const theme = useApp(resolveTheme);
  useEffect(() => {
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

/** Alt+1…6 switch features (Ctrl+digit belongs to the browser's tabs in web mode). */
function useShortcuts() {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !store.getState().workspace) return;
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
  useTheme();
  useShortcuts();
  const dragging = useFileDrop();
  return (
    <div className="app">
      {hasWs ? <Frame /> : <StartScreen />}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          {hasWs ? 'Drop the file to import it' : 'Open or create a workspace first'}
        </div>
      ) : null}
      <JobsTray />
      <Toasts />
    </div>
  );
}
