import { useEffect, useMemo, useState } from 'react';
import { useResettableState } from '../../app/use-on-change';
import { fieldsUsed } from '../../../shared/rules';
import { useApp } from '../../store';
import { RuleBuilder } from './RuleBuilder';
import { incompleteMessage, pruneIncomplete } from '../../lib/rule-edit';
import { HowComputed } from '../../app/HowComputed';

const COUNT_DELAY_MS = 120;

/** Build a rule, watch its live count and description, undo/redo, and save it as a segment. */
export function BuilderPanel() {
  const fields = useApp((s) => s.segFields);
  const draft = useApp((s) => s.draft);
  const setDraft = useApp((s) => s.setDraft);
  const undo = useApp((s) => s.undoDraft);
  const redo = useApp((s) => s.redoDraft);
  const canUndo = useApp((s) => s.draftUndo.length > 0);
  const canRedo = useApp((s) => s.draftRedo.length > 0);
  const newDraft = useApp((s) => s.newDraft);
  const draftName = useApp((s) => s.draftName);
  const live = useApp((s) => s.liveCount);
  const issues = useApp((s) => s.liveIssues);
  const busy = useApp((s) => s.liveBusy);
  const refresh = useApp((s) => s.refreshLiveCount);
  const save = useApp((s) => s.saveDraft);
  // The name field follows the segment loaded into the builder; the user may type another in between.
  const [name, setName] = useResettableState(draftName ?? '');
  const [justification, setJustification] = useState('');

  useEffect(() => {
    const t = setTimeout(() => void refresh(), COUNT_DELAY_MS);
    return () => clearTimeout(t);
  }, [draft, refresh]);

  const incomplete = useMemo(() => pruneIncomplete(draft).incomplete, [draft]);
  const sensitive = useMemo(() => {
    const used = new Set(fieldsUsed(draft));
    return fields.filter((f) => f.sensitive && used.has(f.name)).map((f) => f.name);
  }, [draft, fields]);

  const onKey = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || (e.target as HTMLElement).tagName === 'INPUT') return;
    if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
      e.preventDefault();
      undo();
    } else if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) {
      e.preventDefault();
      redo();
    }
  };

  const share = live && live.total ? live.count / live.total : 0;
  return (
    <section className="seg-panel" aria-labelledby="builder-title" onKeyDown={onKey}>
      <div className="seg-toolbar">
        <h2 id="builder-title">{draftName ? `Editing “${draftName}”` : 'New segment'}</h2>
        <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="seg-undo">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Y)" data-testid="seg-redo">
          Redo
        </button>
        <button type="button" onClick={newDraft} data-testid="seg-new">
          New
        </button>
      </div>
      <div className="seg-live" aria-live="polite" data-testid="live-count">
        {live ? (
          <>
            <strong data-testid="live-count-value">{live.count.toLocaleString()}</strong> of {live.total.toLocaleString()} customers
            <span className="seg-share">({(share * 100).toFixed(1)}%)</span>
            {live.rows !== undefined && live.rows !== live.count ? (
              <small data-testid="live-count-rows" title="Some customers are on more than one row of the file, or rows have no customer ID: a segment counts each customer once.">
                {' '}
                from {live.rows.toLocaleString()} rows
              </small>
            ) : null}
            <span className="seg-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, share * 100)}%` }} />
            </span>
            {busy ? <small> updating…</small> : null}
          </>
        ) : busy ? (
          'counting…'
        ) : (
          '—'
        )}
      </div>
      <p className="seg-description" data-testid="rule-description">
        {live?.description ?? ''}
      </p>
      {live?.asOf && usesRelativeDates(draft) ? (
        <p className="seg-asof muted" data-testid="rule-as-of" title="Relative conditions are measured from the data's own latest date, not today's, so an older export still reads right. Set a workspace as-of date to change it.">
          “Within the last …” counts back from {live.asOf}
          {live.asOfSource ? ` (${live.asOfSource})` : ''}.
        </p>
      ) : null}
      <HowComputed topics={['customers', 'asOf']} testId="builder-how" />
      {issues.length ? (
        <ul className="error" data-testid="rule-issues">
          {issues.map((i, k) => (
            <li key={k}>{i.message}</li>
          ))}
        </ul>
      ) : null}
      {incomplete > 0 ? (
        <p className="seg-incomplete" role="note" data-testid="rule-incomplete">
          {incomplete === 1 ? 'One condition or group is incomplete and not counted yet.' : `${incomplete} conditions or groups are incomplete and not counted yet.`}
        </p>
      ) : null}
      <RuleBuilder fields={fields} rule={draft} onChange={setDraft} />
      <form
        className="seg-save"
        onSubmit={(e) => {
          e.preventDefault();
          void save(name.trim(), justification.trim() || null);
        }}
      >
        <label className="inline">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="seg-name" />
        </label>
        {sensitive.length ? (
          <label className="inline seg-justify">
            Justification (uses sensitive {sensitive.join(', ')})
            <input value={justification} onChange={(e) => setJustification(e.target.value)} required data-testid="seg-justification" />
          </label>
        ) : null}
        <button type="submit" className="primary" disabled={!name.trim() || issues.length > 0 || incomplete > 0} aria-describedby={incomplete > 0 ? 'seg-save-blocked' : undefined} data-testid="seg-save">
          Save segment
        </button>
        {incomplete > 0 ? (
          <small id="seg-save-blocked" className="seg-incomplete" data-testid="seg-save-blocked">
            {incompleteMessage(incomplete)}
          </small>
        ) : null}
      </form>
    </section>
  );
}

/** Whether a rule has a relative-date condition, whose meaning depends on the as-of date. */
function usesRelativeDates(rule: unknown): boolean {
  return /"op":"(within_last|more_than_ago)"/.test(JSON.stringify(rule ?? null));
}
