import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../store';
import { useFolderChooser } from './FolderPicker';
import { useT } from '../i18n/use-t';
import { LanguageMenu } from '../i18n/LanguageMenu';

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
  const { t, rich } = useT();
  const folder = useFolderChooser(t('app.start.folderTitle'), (f) => void setFolder(f));

  const choose = async () => {
    if (!canPick) return input.current?.click();
    const picked = await pickFile('import');
    if (picked) void stagePath(picked);
  };

  if (startFile) {
    return (
      <div className="start-file card" data-testid="start-file">
        <h3>{rich('app.start.yourFile', { name: startFile.name, file: (chunks) => <span className="file-name">{chunks}</span> })}</h3>
        <p>{t('app.start.yourFileAbout')}</p>
        <p className="path-line">
          <span className="hint">{t('app.start.savedAs')}</span>
          <br />
          <strong data-testid="start-target">{startFile.target ?? t('app.start.findingPlace')}</strong>
        </p>
        <div className="row">
          <button type="button" className="primary" disabled={busy || !startFile.target} onClick={() => void createFromFile()} data-testid="start-create">
            {t('app.start.createAndImport')}
          </button>
          <button type="button" disabled={busy || !startFile.target} onClick={() => folder.open(startFile.folder)} data-testid="start-change-folder">
            {t('app.start.changeFolder')}
          </button>
          <button type="button" onClick={clear} data-testid="start-cancel">
            {t('app.start.otherFile')}
          </button>
        </div>
        {folder.element}
      </div>
    );
  }
  return (
    <div className="dropzone" data-testid="start-dropzone">
      <p className="dropzone-title">{t('app.start.dropTitle')}</p>
      <p className="hint">{t('app.start.dropHint')}</p>
      <button type="button" className="primary" disabled={busy} onClick={() => void choose()} data-testid="start-choose">
        {t('app.start.chooseFile')}
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
  const setAboutOpen = useApp((s) => s.setAboutOpen);
  const { t } = useT();
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

  const demoFolder = useFolderChooser(t('app.start.demoFolderTitle'), (dir) => {
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
        {/* Before any file: a first-run user picks the language here (the frame's header has it too). */}
        <div className="start-lang">
          <LanguageMenu />
        </div>
        <h1>SegmentDesk</h1>
        <p className="lead">{t('app.start.lead')}</p>
      </header>
      <div className="start-grid">
        <section aria-labelledby="start-file" className="start-main">
          <h2 id="start-file">{t('app.start.fromFile')}</h2>
          <StartFromFile busy={busy} />
        </section>
        <section aria-labelledby="start-recent">
          <h2 id="start-recent">{t('app.start.recent')}</h2>
          {recent.length === 0 ? (
            <p className="hint">{t('app.start.recentNone')}</p>
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
                    title={r.exists ? t('app.start.recentOpen', { path: r.path }) : t('app.start.recentGone', { path: r.path })}
                    data-testid="recent-open"
                  >
                    <span className="recent-name">{baseName(r.path)}</span>
                    <small className="recent-path">{r.exists ? r.path : t('app.start.recentMissing', { path: r.path })}</small>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="demo">
            <h2>{t('app.start.newHere')}</h2>
            {demoPath === null ? (
              <button ref={demoButton} type="button" disabled={busy} onClick={() => void tryDemo()} data-testid="demo-create">
                {t('app.start.tryDemo')}
              </button>
            ) : (
              <form onSubmit={submitDemo} className="demo-form" data-testid="demo-form">
                <label htmlFor="demo-path">{t('app.start.demoSavedAs')}</label>
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
                    {t('app.start.createDemo')}
                  </button>
                  <button type="button" onClick={() => demoFolder.open(folderOf(demoPath))} data-testid="demo-change-folder">
                    {t('app.start.changeFolder')}
                  </button>
                  <button type="button" onClick={dismissDemo} data-testid="demo-cancel">
                    {t('common.cancel')}
                  </button>
                </div>
                {demoFolder.element}
              </form>
            )}
            <p className="hint" role={demoHint ? 'alert' : undefined}>
              {demoHint
                ? t('app.start.demoTypeHint')
                : demoPath !== null
                  ? t('app.start.demoNewFile')
                  : t('app.start.demoAbout')}
            </p>
          </div>
          <details className="start-advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
            <summary>{t('app.start.advanced')}</summary>
            <form onSubmit={submit}>
              <label htmlFor="ws-path">{t('app.start.pathLabel')}</label>
              <input
                id="ws-path"
                data-testid="workspace-path"
                type="text"
                placeholder={t('app.start.pathPlaceholder')}
                value={path}
                onChange={(e) => setPath(e.target.value)}
                spellCheck={false}
              />
              <div className="row">
                <button type="submit" disabled={busy || (!canPick && !path.trim())} data-testid="workspace-create">
                  {t('app.start.newEmpty')}
                </button>
                <button type="button" disabled={busy || (!canPick && !path.trim())} onClick={() => void withPath('open-workspace', open)} data-testid="workspace-open">
                  {t('app.start.open')}
                </button>
              </div>
            </form>
          </details>
        </section>
      </div>
      <footer className="start-foot">
        {/* The browser has no application menu: About is reachable here too. */}
        <button type="button" className="link" onClick={() => setAboutOpen(true)} data-testid="start-about">
          {t('app.about.title')}
        </button>
      </footer>
    </main>
  );
}
