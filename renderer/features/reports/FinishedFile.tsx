import { useState } from 'react';
import { useApp } from '../../store';
import { useT } from '../../i18n/use-t';

/**
 * `what` names the file: 'export', 'share' or 'report' ("Export", "Report": any case), anything else is shown as it is.
 *
 * Where a finished file went: its full path, and "Open folder" (the desktop app shows it selected in the
 * system's file manager) or, in the browser, where no page may open the file manager, a button that copies
 * the path.
 */
export function FinishedFile({ path, what, testId }: { path: string; what: string; testId: string }) {
  const host = useApp((s) => s.hostInfo);
  const showInFolder = useApp((s) => s.showInFolder);
  const [note, setNote] = useState<string | null>(null);
  const desktop = host?.kind === 'electron';
  const { t } = useT();

  const openFolder = async () => {
    setNote((await showInFolder(path)) ? null : t('reports.file.folderNotOpened'));
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(path);
      setNote(t('reports.file.copied'));
    } catch {
      // No clipboard access (e.g. a page not focused): select the path so Ctrl+C copies it.
      const el = document.querySelector<HTMLElement>(`[data-testid="${testId}-path"]`);
      if (el) window.getSelection()?.selectAllChildren(el);
      setNote(t('reports.file.pressCopy'));
    }
  };

  return (
    <div className="finished-file" role="status" data-testid={testId}>
      <span>{t('reports.file.savedTo', { what: what.toLowerCase() })}</span>
      <code className="finished-path" data-testid={`${testId}-path`}>
        {path}
      </code>
      {desktop ? (
        <button type="button" onClick={() => void openFolder()} data-testid={`${testId}-open`}>
          {t('reports.file.openFolder')}
        </button>
      ) : (
        <button type="button" onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {t('reports.file.copyPath')}
        </button>
      )}
      {note ? <small aria-live="polite">{note}</small> : null}
    </div>
  );
}
