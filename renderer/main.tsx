import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './ipc/client';
import { connectEvents, createAppStore, StoreProvider } from './store';
import { App } from './app/App';
// Noto Sans and Noto Sans SC (bundled; split by unicode-range, so a window loads only the subsets its text uses):
// Polish diacritics and Chinese draw the same on a machine without such fonts (Linux without CJK fonts).
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/app.css';
import './styles/guide.css';

const root = createRoot(document.getElementById('root')!);
try {
  const client = connectToHost();
  const store = createAppStore(client);
  connectEvents(store, client);
  // The window's language before the first paint; then the host's (Electron: the OS) unless the user chose one.
  store.getState().initLocale(null);
  client.api.host
    .info({})
    .then((info) => info.locale && !store.getState().localeChosen && store.getState().initLocale(info.locale))
    .catch(() => undefined);
  // A host may already have a workspace open (e.g. reopened by the Electron app, or the CLI's web host).
  client.api.workspace
    .info({})
    .then((info) => store.setState({ workspace: info, activeDataset: info.datasets[0]?.name ?? null }))
    .catch(() => undefined);
  void store.getState().loadJobs();
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} catch (err) {
  root.render(
    <main className="start" role="alert">
      <h1>SegmentDesk</h1>
      <p>{err instanceof Error ? err.message : String(err)}</p>
    </main>,
  );
}
