import { useId } from 'react';
import { useApp } from '../../store';
import { useFolderChooser } from '../../app/FolderPicker';
import { useT } from '../../i18n/use-t';

/** Splits a path into its folder and file name (both separators: renderer code has no node:path). */
export function splitPath(p: string): { folder: string; name: string; sep: string } {
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (cut < 0) return { folder: '', name: p, sep: '/' };
  return { folder: p.slice(0, cut), name: p.slice(cut + 1), sep: p[cut] };
}

/**
 * Where to save a file, without typing a path: the folder (prefilled by the caller, beside the workspace) is
 * shown and changed with a folder chooser (native in the desktop app, the app's own in the browser); only the
 * file name is a text field. A name typed with folders in it is taken as a whole path, for people who know one.
 */
export function SavePathField({ label, value, onChange, testId }: { label: string; value: string; onChange(path: string): void; testId: string }) {
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const pickFile = useApp((s) => s.pickFile);
  const id = useId();
  const { t, rich } = useT();
  const { folder, name, sep } = splitPath(value);
  const join = (dir: string, file: string) => (dir ? `${dir}${dir.endsWith(sep) ? '' : sep}${file}` : file);
  const chooser = useFolderChooser(t('reports.save.whichFolder'), (dir) => onChange(join(dir, name)));
  const browse = async () => {
    if (!canPick) return chooser.open(folder || null);
    // The desktop app's save dialog asks for folder and name at once (and about overwriting).
    const picked = await pickFile('save', value || undefined);
    if (picked) onChange(picked);
  };
  return (
    <div className="save-path">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input
          id={id}
          type="text"
          className="grow"
          value={name}
          onChange={(e) => onChange(/[\\/]/.test(e.target.value) ? e.target.value : join(folder, e.target.value))}
          spellCheck={false}
          data-testid={testId}
        />
        <button type="button" onClick={() => void browse()} data-testid={`${testId}-browse`}>
          {canPick ? t('reports.save.choose') : t('reports.save.changeFolder')}
        </button>
      </div>
      <p className="hint save-folder">
        {folder
          ? rich('reports.save.inFolder', { folder: <span data-testid={`${testId}-folder`}>{folder}</span> })
          : rich('reports.save.inCurrentFolder', { s: (chunks) => <span data-testid={`${testId}-folder`}>{chunks}</span> })}
      </p>
      {chooser.element}
    </div>
  );
}
