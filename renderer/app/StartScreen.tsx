import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../store';
import { useFolderChooser } from './FolderPicker';

const DATA_ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';

const DEMO_FILE = 'segmentdesk-demo.sdw';

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** The folder part of a path (both separators: renderer code has no node:path). */
function folderOf(p: string): string {
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return cut <= 0 ? p : p.slice(0, cut);
}

/**
 * Start from the user's own file: drop it or choose it; a workspace named after it is made in the default
 * folder (shown, and changeable with a folder chooser), and the import wizard opens on the file.
 */
function StartFromFile({ busy }: { busy: boolean }) {
  const startFile = useApp((s) => s.startFile);
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const pickFile = useApp((s) => s.pickFile);
  const stageFile = useApp((s) => s.stageStartFile);
  const stagePath = useApp((s) => s.stageStartPath);
  const setFolder = useApp((s) => s.setStartFolder);
  const clear = useApp((s) => s.clearStartFile);
  const createFromFile = useApp((s) => s.createFromStartFile);
  const input = useRef<HTMLInputElement>(null);
  const folder = useFolderChooser('Where should the workspace be saved?', (f) => void setFolder(f));

  const choose = async () => {
    if (!canPick) return input.current?.click();
    const picked = await pickFile('import');
    if (picked) void stagePath(picked);
  };

  if (startFile) {
    return (
      <div className="start-file card" data-testid="start-file">
        <h3>
          Your file: <span className="file-name">{startFile.name}</span>
        </h3>
        <p>A workspace named after it keeps your data, groups, segments and reports together, on this machine only.</p>
        <p className="path-line">
          <span className="hint">It will be saved as</span>
          <br />
          <strong data-testid="start-target">{startFile.target ?? 'finding a place…'}</strong>
        </p>
        <div className="row">
          <button type="button" className="primary" disabled={busy || !startFile.target} onClick={() => void createFromFile()} data-testid="start-create">
            Create workspace and import
          </button>
          <button type="button" disabled={busy || !startFile.target} onClick={() => folder.open(startFile.folder)} data-testid="start-change-folder">
            Change folder…
          </button>
          <button type="button" onClick={clear} data-testid="start-cancel">
            Choose another file
          </button>
        </div>
        {folder.element}
      </div>
    );
  }
  return (
    <div className="dropzone" data-testid="start-dropzone">
      <p className="dropzone-title">Drop a customer or orders file here</p>
      <p className="hint">CSV or TSV, as exported from your shop, CRM or spreadsheet.</p>
      <button type="button" className="primary" disabled={busy} onClick={() => void choose()} data-testid="start-choose">
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        accept={DATA_ACCEPT}
        hidden
        data-testid="start-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void stageFile(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}

/** First screen: start from the user's file, reopen a recent workspace, try the demo, or (advanced) a path. */
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
  /**
   * The typed-path form is for people who know where their workspace is (and for scripts driving the UI):
   * it starts open so its field is reachable, but sits last, below the steps most users need.
   */
  const [advancedOpen, setAdvancedOpen] = useState(true);
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

  const demoFolder = useFolderChooser('Where should the demo be saved?', (dir) => {
    void suggestPath(DEMO_FILE, dir).then((p) => p && setDemoPath(p));
  });

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
      <header className="start-head">
        <h1>SegmentDesk</h1>
        <p className="lead">Find the groups in your customers, build segments, check them for fairness and hand over a report. Everything stays on this machine.</p>
      </header>
      <div className="start-grid">
        <section aria-labelledby="start-file" className="start-main">
          <h2 id="start-file">Start from your file</h2>
          <StartFromFile busy={busy} />
        </section>
        <section aria-labelledby="start-recent">
          <h2 id="start-recent">Open a recent workspace</h2>
          {recent.length === 0 ? (
            <p className="hint">None yet. Workspaces you open appear here.</p>
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
          <div className="demo">
            <h2>New here?</h2>
            {demoPath === null ? (
              <button ref={demoButton} type="button" disabled={busy} onClick={() => void tryDemo()} data-testid="demo-create">
                Try the demo
              </button>
            ) : (
              <form onSubmit={submitDemo} className="demo-form" data-testid="demo-form">
                <label htmlFor="demo-path">The demo workspace will be saved as</label>
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
                  <button type="button" onClick={() => demoFolder.open(folderOf(demoPath))} data-testid="demo-change-folder">
                    Change folder…
                  </button>
                  <button type="button" onClick={dismissDemo} data-testid="demo-cancel">
                    Cancel
                  </button>
                </div>
                {demoFolder.element}
              </form>
            )}
            <p className="hint" role={demoHint ? 'alert' : undefined}>
              {demoHint
                ? 'Type where the demo workspace should be saved in the path field below (for example /home/me/segmentdesk-demo.sdw), then press Try the demo again.'
                : demoPath !== null
                  ? 'A new file; nothing existing is overwritten. Press Enter to create it, or choose another folder.'
                  : 'Synthetic customers and their orders, so you can try every step at once.'}
            </p>
          </div>
          <details className="start-advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
            <summary>More: an empty workspace, or one by its path</summary>
            <form onSubmit={submit}>
              <label htmlFor="ws-path">Workspace file path (optional)</label>
              <input
                id="ws-path"
                data-testid="workspace-path"
                type="text"
                placeholder="Leave empty to choose in a dialog"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                spellCheck={false}
              />
              <div className="row">
                <button type="submit" disabled={busy || (!canPick && !path.trim())} data-testid="workspace-create">
                  New empty workspace
                </button>
                <button type="button" disabled={busy || (!canPick && !path.trim())} onClick={() => void withPath('open-workspace', open)} data-testid="workspace-open">
                  Open workspace
                </button>
              </div>
            </form>
          </details>
        </section>
      </div>
    </main>
  );
}
