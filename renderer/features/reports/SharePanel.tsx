import { useState } from 'react';
import { useResettableState } from '../../app/use-on-change';
import { useApp } from '../../store';
import { FinishedFile } from './FinishedFile';
import { SavePathField } from './SavePathField';
import { besideWorkspace } from './paths';
import type { MessageId } from '../../../shared/i18n/catalogue';
import { useT } from '../../i18n/use-t';

type Mode = 'full' | 'strip-pii' | 'pseudonymise-pii';

const MODES: { id: Mode; label: MessageId; hint: MessageId }[] = [
  { id: 'strip-pii', label: 'reports.share.stripLabel', hint: 'reports.share.stripHint' },
  { id: 'pseudonymise-pii', label: 'reports.share.pseudonymiseLabel', hint: 'reports.share.pseudonymiseHint' },
  { id: 'full', label: 'reports.share.fullLabel', hint: 'reports.share.fullHint' },
];

/** "Save a copy for sharing": a consistent copy of the workspace, PII removed or pseudonymised. */
export function SharePanel() {
  const workspace = useApp((s) => s.workspace?.workspace);
  const shareCopy = useApp((s) => s.shareCopy);
  const result = useApp((s) => s.shareResult);
  const [mode, setMode] = useState<Mode>('strip-pii');
  const { t } = useT();
  const base = workspace?.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') ?? 'workspace';
  const [out, setOut] = useResettableState(besideWorkspace(workspace, `${base}-shared.sdw`));

  return (
    <div className="reports-share" data-testid="share-panel">
      <fieldset>
        <legend>{t('reports.share.legend')}</legend>
        {MODES.map((m) => (
          <label key={m.id} className="share-mode">
            <input type="radio" name="share-mode" checked={mode === m.id} onChange={() => setMode(m.id)} data-testid={`share-mode-${m.id}`} />
            <span>
              <strong>{t(m.label)}</strong>
              <br />
              <small className="hint">{t(m.hint)}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <SavePathField label={t('reports.save.saveAs')} value={out} onChange={setOut} testId="share-out" />
        <button type="button" className="primary" disabled={!out} onClick={() => void shareCopy(out, mode)} data-testid="share-run">
          {t('reports.share.run')}
        </button>
      </div>
      {result ? <FinishedFile path={result.file} what="share" testId="share-saved" /> : null}
      {result ? (
        <p className="hint" data-testid="share-result">
          {result.piiColumns.length ? t('reports.share.result', { mode: result.mode === 'strip-pii' ? 'strip' : result.mode === 'pseudonymise-pii' ? 'pseudonymise' : 'full', columns: result.piiColumns.join(', ') }) : t('reports.share.noPii')}
        </p>
      ) : null}
    </div>
  );
}
