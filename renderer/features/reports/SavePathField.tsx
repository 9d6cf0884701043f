import { useApp } from '../../store';

/**
 * Where to save a file: a typed path (the browser host has no file dialog) plus, in the desktop
 * app, "Browse…" for the native save dialog.
 */
export function SavePathField({ label, value, onChange, testId }: { label: string; value: string; onChange(path: string): void; testId: string }) {
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const pickFile = useApp((s) => s.pickFile);
  const browse = async () => {
    const picked = await pickFile('save', value || undefined);
    if (picked) onChange(picked);
  };
  return (
    <span className="row grow">
      <label className="inline grow">
        {label}
        <input type="text" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} data-testid={testId} />
      </label>
      {canPick ? (
        <button type="button" onClick={() => void browse()} data-testid={`${testId}-browse`}>
          Browse…
        </button>
      ) : null}
    </span>
  );
}
