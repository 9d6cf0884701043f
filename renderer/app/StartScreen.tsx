import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../store';

const DEMO_FILE = 'segmentdesk-demo.sdw';

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
  const createDemo = useApp((s) => s.createDemoWorkspace);
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const loadHostInfo = useApp((s) => s.loadHostInfo);
  const pickFile = useApp((s) => s.pickFile);
  const suggestPath = useApp((s) => s.suggestWorkspacePath);
  const [path, setPath] = useState('');
  const [demoHint, setDemoHint] = useState(false);
  /** Where the demo will be saved, prefilled with the engine's suggestion; null while that field is not shown. */
  const [demoPath, setDemoPath] = useState<string | null>(null);
  const demoButton = useRef<HTMLButtonElement>(null);
  const backToDemoButton = useRef(false);
  /** Dismissing the demo path field (Esc or Cancel) puts focus back on Try the demo. */
  const dismissDemo = () => {
    backToDemoButton.current = true;
    setDemoPath(null);
  };
  useEffect(() => {
    if (demoPath === null && backToDemoButton.current) {
      backToDemoButton.current = false;
      demoButton.current?.focus();
    }
  }, [demoPath]);

  useEffect(() => {
    void loadRecent();
    void loadHostInfo();
  }, [loadRecent, loadHostInfo]);

  /** With a native dialog, New/Open ask for the file; without one (browser) they use the typed path. */
  const withPath = async (purpose: 'new-workspace' | 'open-workspace', run: (p: string) => Promise<boolean>, suggested?: string) => {
    if (path.trim()) return void run(path);
    const picked = await pickFile(purpose, suggested);
    if (picked) void run(picked);
  };

  /**
   * A path typed above wins. Otherwise the engine suggests a new file (segmentdesk-demo.sdw in the Documents or
   * home folder, numbered past existing files): a native save dialog opens on it, or (browser) a field shows it
   * prefilled and focused, so Enter creates the demo.
   */
  const tryDemo = async () => {
    if (path.trim()) return void createDemo(path);
    const suggested = await suggestPath(DEMO_FILE);
    if (canPick) {
      const picked = await pickFile('new-workspace', suggested ?? DEMO_FILE);
      if (picked) void createDemo(picked);
      return;
    }
    if (suggested) setDemoPath(suggested);
    else setDemoHint(true);
  };

  const submitDemo = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (demoPath?.trim()) void createDemo(demoPath);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void withPath('new-workspace', create, 'customers.sdw');
  };

  return (
    <main className="start" data-testid="start-screen">
      <h1>SegmentDesk</h1>
      <p className="lead">Customer segmentation on your own machine. Everything stays in one local workspace file; nothing is sent anywhere.</p>
      <div className="start-grid">
        <section aria-labelledby="start-ws">
          <h2 id="start-ws">Workspace</h2>
          <form onSubmit={submit}>
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
              <button type="submit" className="primary" disabled={busy || (!canPick && !path.trim())} data-testid="workspace-create">
                New workspace
              </button>
              <button type="button" disabled={busy || (!canPick && !path.trim())} onClick={() => void withPath('open-workspace', open)} data-testid="workspace-open">
                Open workspace
              </button>
            </div>
            <p className="hint">
              {canPick
                ? 'Choose a file in the dialog, or type its full path here first.'
                : 'Type the full path of a workspace file (.sdw) on this machine. New creates it; Open opens an existing one.'}
            </p>
          </form>
          <div className="demo">
            <h2>New here?</h2>
            {demoPath === null ? (
              <button ref={demoButton} type="button" disabled={busy} onClick={() => void tryDemo()} data-testid="demo-create">
                Try the demo
              </button>
            ) : (
              <form onSubmit={submitDemo} className="demo-form" data-testid="demo-form">
                <label htmlFor="demo-path">Save the demo workspace as</label>
                <input
                  id="demo-path"
                  data-testid="demo-path"
                  type="text"
                  value={demoPath}
                  onChange={(e) => setDemoPath(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') dismissDemo();
                  }}
                  autoFocus
                  spellCheck={false}
                />
                <div className="row">
                  <button type="submit" className="primary" disabled={busy || !demoPath.trim()} data-testid="demo-confirm">
                    Create the demo
                  </button>
                  <button type="button" onClick={dismissDemo} data-testid="demo-cancel">
                    Cancel
                  </button>
                </div>
              </form>
            )}
            <p className="hint" role={demoHint ? 'alert' : undefined}>
              {demoHint
                ? 'Type where the demo workspace should be saved in the path field above (for example /home/me/segmentdesk-demo.sdw), then press Try the demo again.'
                : demoPath !== null
                  ? 'A new file; nothing existing is overwritten. Press Enter to create it, or change the path first.'
                  : 'Creates a workspace with synthetic customers and their orders, so you can try every feature at once.'}
            </p>
          </div>
        </section>
        <section aria-labelledby="start-recent">
          <h2 id="start-recent">Recent workspaces</h2>
          {recent.length === 0 ? (
            <p className="hint">None yet.</p>
          ) : (
            <ul className="recent" data-testid="recent-list">
              {recent.map((r) => (
                <li key={r.path}>
                  {/* The whole entry, name and path, is one button. */}
                  <button
                    type="button"
                    className="recent-entry"
                    disabled={busy || !r.exists}
                    onClick={() => void open(r.path)}
                    title={r.exists ? `Open ${r.path}` : `${r.path} no longer exists`}
                    data-testid="recent-open"
                  >
                    <span className="recent-name">{baseName(r.path)}</span>
                    <small className="recent-path">{r.exists ? r.path : `${r.path} (missing)`}</small>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
