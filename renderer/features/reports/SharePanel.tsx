import { useState } from 'react';
import { useResettableState } from '../../app/use-on-change';
import { useApp } from '../../store';
import { FinishedFile } from './FinishedFile';
import { SavePathField } from './SavePathField';
import { besideWorkspace } from './paths';

type Mode = 'full' | 'strip-pii' | 'pseudonymise-pii';

const MODES: { id: Mode; label: string; hint: string }[] = [
  { id: 'strip-pii', label: 'Remove PII columns', hint: 'Names, e-mail addresses, phone numbers and other PII columns are dropped from every dataset version.' },
  { id: 'pseudonymise-pii', label: 'Pseudonymise PII', hint: 'PII values become keyed codes; the key stays in this workspace, so the recipient cannot reverse them.' },
  { id: 'full', label: 'Keep everything', hint: 'An exact copy, PII included. Share it only with someone entitled to the personal data.' },
];

/** "Save a copy for sharing": a consistent copy of the workspace, PII removed or pseudonymised. */
export function SharePanel() {
  const workspace = useApp((s) => s.workspace?.workspace);
  const shareCopy = useApp((s) => s.shareCopy);
  const result = useApp((s) => s.shareResult);
  const [mode, setMode] = useState<Mode>('strip-pii');
  const base = workspace?.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') ?? 'workspace';
  const [out, setOut] = useResettableState(besideWorkspace(workspace, `${base}-shared.sdw`));

  return (
    <div className="reports-share" data-testid="share-panel">
      <fieldset>
        <legend>Personal data in the copy</legend>
        {MODES.map((m) => (
          <label key={m.id} className="share-mode">
            <input type="radio" name="share-mode" checked={mode === m.id} onChange={() => setMode(m.id)} data-testid={`share-mode-${m.id}`} />
            <span>
              <strong>{m.label}</strong>
              <br />
              <small className="hint">{m.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <SavePathField label="Save as" value={out} onChange={setOut} testId="share-out" />
        <button type="button" className="primary" disabled={!out} onClick={() => void shareCopy(out, mode)} data-testid="share-run">
          Save copy
        </button>
      </div>
      {result ? <FinishedFile path={result.file} what="Copy for sharing" testId="share-saved" /> : null}
      {result ? (
        <p className="hint" data-testid="share-result">
          {result.piiColumns.length ? `PII columns ${result.mode === 'strip-pii' ? 'removed' : result.mode === 'pseudonymise-pii' ? 'pseudonymised' : 'kept'}: ${result.piiColumns.join(', ')}.` : 'No column is flagged as PII.'}
        </p>
      ) : null}
    </div>
  );
}
