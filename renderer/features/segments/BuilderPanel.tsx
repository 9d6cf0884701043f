import { useEffect, useMemo, useState } from 'react';
import { useResettableState } from '../../app/use-on-change';
import { fieldsUsed, speaker } from '../../../shared/rules';
import { useApp } from '../../store';
import { RuleBuilder } from './RuleBuilder';
import { incompleteMessage, pruneIncomplete } from '../../lib/rule-edit';
import { HowComputed } from '../../app/HowComputed';
import { useT } from '../../i18n/use-t';

const COUNT_DELAY_MS = 120;

/** Build a rule, watch its live count and description, undo/redo, and save it as a segment. */
export function BuilderPanel() {
  const fields = useApp((s) => s.segFields);
  const segDataset = useApp((s) => s.segDataset);
  const segmentList = useApp((s) => s.segmentList);
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
  const { t, rich, fmt, locale } = useT();
  // English keeps ISO dates, as rule descriptions do; other languages write them their own way.
  const day = speaker(locale).date;

  useEffect(() => {
    const t = setTimeout(() => void refresh(), COUNT_DELAY_MS);
    return () => clearTimeout(t);
    // The locale too: the description is written in the window's language.
  }, [draft, refresh, locale]);

  // Other saved segments of this dataset, for "in segment …" conditions; not the one being edited (a cycle).
  const otherSegments = useMemo(() => segmentList.filter((x) => x.dataset === segDataset && x.name !== draftName).map((x) => ({ name: x.name, size: x.size })), [segmentList, segDataset, draftName]);
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
        <h2 id="builder-title">{draftName ? t('segments.builder.editing', { name: draftName }) : t('segments.builder.newSegment')}</h2>
        <button type="button" onClick={undo} disabled={!canUndo} title={t('segments.builder.undoTitle')} data-testid="seg-undo">
          {t('segments.builder.undo')}
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} title={t('segments.builder.redoTitle')} data-testid="seg-redo">
          {t('segments.builder.redo')}
        </button>
        <button type="button" onClick={newDraft} data-testid="seg-new">
          {t('segments.builder.new')}
        </button>
      </div>
      <div className="seg-live" aria-live="polite" data-testid="live-count">
        {live ? (
          <>
            {rich('segments.builder.liveCount', {
              count: live.count,
              total: live.total,
              b: (chunks) => <strong data-testid="live-count-value">{chunks}</strong>,
            })}
            <span className="seg-share">{t('segments.builder.share', { share: fmt.percent(share) })}</span>
            {live.rows !== undefined && live.rows !== live.count ? (
              <small data-testid="live-count-rows" title={t('segments.builder.rowsTitle')}>
                {' '}
                {t('segments.builder.fromRows', { count: live.rows })}
              </small>
            ) : null}
            <span className="seg-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, share * 100)}%` }} />
            </span>
            {busy ? <small> {t('segments.builder.updating')}</small> : null}
          </>
        ) : busy ? (
          t('segments.builder.counting')
        ) : (
          '—'
        )}
      </div>
      <p className="seg-description" data-testid="rule-description">
        {live?.description ?? ''}
      </p>
      {live?.asOf && usesRelativeDates(draft) ? (
        <p className="seg-asof muted" data-testid="rule-as-of" title={t('segments.builder.asOfTitle')}>
          {live.asOfSource ? t('segments.builder.asOfWithSource', { date: day(live.asOf), source: live.asOfSource }) : t('segments.builder.asOf', { date: day(live.asOf) })}
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
          {t('segments.builder.incomplete', { count: incomplete })}
        </p>
      ) : null}
      <RuleBuilder fields={fields} segments={otherSegments} rule={draft} onChange={setDraft} />
      <form
        className="seg-save"
        onSubmit={(e) => {
          e.preventDefault();
          void save(name.trim(), justification.trim() || null);
        }}
      >
        <label className="inline">
          {t('segments.builder.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="seg-name" />
        </label>
        {sensitive.length ? (
          <label className="inline seg-justify">
            {t('segments.builder.justification', { columns: sensitive.join(', ') })}
            <input value={justification} onChange={(e) => setJustification(e.target.value)} required data-testid="seg-justification" />
          </label>
        ) : null}
        <button type="submit" className="primary" disabled={!name.trim() || issues.length > 0 || incomplete > 0} aria-describedby={incomplete > 0 ? 'seg-save-blocked' : undefined} data-testid="seg-save">
          {t('segments.builder.save')}
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
