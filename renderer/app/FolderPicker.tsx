import { useEffect, useState, type ReactNode } from 'react';
import { useApp } from '../store';
import type { FolderListing } from '../store/guide';
import { Dialog } from './Dialog';
import { useT } from '../i18n/use-t';

/**
 * The browser's folder chooser: the web host has no native dialog, so it lists folders over the contract
 * (workspace.listFolders) and the user clicks through them. Every entry is a button: keyboard and screen
 * readers work as in any list of links.
 */
export function FolderPicker({ title, start, onChoose, onClose }: { title: string; start: string | null; onChoose(folder: string): void; onClose(): void }) {
  const listFolders = useApp((s) => s.listFolders);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const { t } = useT();
  const go = async (path?: string) => {
    const l = await listFolders(path);
    if (l) setListing(l);
  };
  useEffect(() => {
    void listFolders(start ?? undefined).then((l) => (l ? setListing(l) : listFolders().then((h) => h && setListing(h))));
  }, [listFolders, start]);

  return (
    <Dialog title={title} onClose={onClose} testId="folder-picker">
      {listing === null ? (
        <p className="loading">{t('app.folder.reading')}</p>
      ) : (
        <>
          <p className="folder-current">
            <span className="hint">{t('app.folder.current')}</span>
            <br />
            <strong data-testid="folder-current">{listing.path}</strong>
          </p>
          <div className="row">
            <button type="button" disabled={listing.parent === null} onClick={() => void go(listing.parent ?? undefined)} data-testid="folder-up">
              {t('app.folder.up')}
            </button>
            <button type="button" onClick={() => void go(listing.home)} data-testid="folder-home">
              {t('app.folder.home')}
            </button>
          </div>
          {listing.folders.length === 0 ? (
            <p className="hint">{t('app.folder.empty')}</p>
          ) : (
            <ul className="folder-list" aria-label={t('app.folder.listLabel', { path: listing.path })} data-testid="folder-list">
              {listing.folders.map((f) => (
                <li key={f.path}>
                  <button type="button" className="folder-entry" onClick={() => void go(f.path)}>
                    <span aria-hidden="true">📁 </span>
                    {f.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="row dialog-actions">
            <button type="button" className="primary" onClick={() => onChoose(listing.path)} data-testid="folder-choose">
              {t('app.folder.use')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/**
 * "Change folder…": the native folder dialog in the desktop app, the FolderPicker above in the browser.
 * Returns the element to render (the picker while open) and the function that opens it.
 */
export function useFolderChooser(title: string, onChoose: (folder: string) => void): { open(start: string | null): void; element: ReactNode } {
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const pickFile = useApp((s) => s.pickFile);
  const [start, setStart] = useState<string | null | undefined>(undefined);
  const open = (from: string | null) => {
    if (canPick) {
      void pickFile('folder', from ?? undefined).then((p) => p && onChoose(p));
      return;
    }
    setStart(from);
  };
  const element =
    start === undefined ? null : (
      <FolderPicker
        title={title}
        start={start}
        onClose={() => setStart(undefined)}
        onChoose={(f) => {
          setStart(undefined);
          onChoose(f);
        }}
      />
    );
  return { open, element };
}
