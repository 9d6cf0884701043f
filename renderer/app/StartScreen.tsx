import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../store';

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** First screen: create or open a workspace file by path, reopen a recent one, or try the demo. */
export function StartScreen() {
  const recent = useApp((s) => s.recent);
  const busy = useApp((s) => s.workspaceBusy);
  const loadRecent = useApp((s) => s.loadRecent);
  const create = useApp((s) => s.createWorkspace);
  const open = useApp((s) => s.openWorkspace);
  const [path, setPath] = useState('');

  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  const submit = (e: FormEvent<HTMLFormElement>, action: 'create' | 'open') => {
    e.preventDefault();
    if (path.trim()) void (action === 'create' ? create(path) : open(path));
  };

  return (
    <main className="start" data-testid="start-screen">
      <h1>SegmentDesk</h1>
      <p className="lead">Customer segmentation on your own machine. Everything stays in one local workspace file; nothing is sent anywhere.</p>
      <div className="start-grid">
        <section aria-labelledby="start-ws">
          <h2 id="start-ws">Workspace</h2>
          <form onSubmit={(e) => submit(e, 'create')}>
            <label htmlFor="ws-path">Workspace file path</label>
            <input
              id="ws-path"
              data-testid="workspace-path"
              type="text"
              placeholder="/home/me/segments/customers.sdw"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              autoFocus
              spellCheck={false}
            />
            <div className="row">
              <button type="submit" className="primary" disabled={busy || !path.trim()} data-testid="workspace-create">
                New workspace
              </button>
              <button type="button" disabled={busy || !path.trim()} onClick={() => void open(path)} data-testid="workspace-open">
                Open workspace
              </button>
            </div>
            <p className="hint">Type the full path of a workspace file (.sdw). New creates it; Open opens an existing one.</p>
          </form>
        </section>
        <section aria-labelledby="start-recent">
          <h2 id="start-recent">Recent workspaces</h2>
          {recent.length === 0 ? (
            <p className="hint">None yet.</p>
          ) : (
            <ul className="recent" data-testid="recent-list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="link" disabled={busy || !r.exists} onClick={() => void open(r.path)} title={r.path}>
                    {baseName(r.path)}
                  </button>
                  <small>{r.exists ? r.path : `${r.path} (missing)`}</small>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
