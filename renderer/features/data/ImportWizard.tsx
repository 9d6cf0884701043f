import { useRef, type FormEvent } from 'react';
import { useApp } from '../../store';
import { Dialog } from '../../app/Dialog';
import { JobProgress } from '../../app/JobsTray';
import { ImportOptions } from './ImportOptions';
import { ImportPreviewTable } from './ImportPreviewTable';
import { useT } from '../../i18n/use-t';
import { oneColumnBlocked, previewRejections, rejectionText, type ImportWizard as Wizard } from '../../store/import-wizard';

function ChooseFile({ w }: { w: Wizard }) {
  const setPath = useApp((s) => s.setImportPath);
  const loadPreview = useApp((s) => s.loadPreview);
  const importFile = useApp((s) => s.importFile);
  const pickFile = useApp((s) => s.pickFile);
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { t } = useT();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void loadPreview();
  };
  const browse = async () => {
    const p = await pickFile('import');
    if (p) {
      setPath(p);
      void loadPreview();
    }
  };

  return (
    <form onSubmit={submit} className="choose-file">
      <p className="choose-lead">{t('data.wizard.chooseLead')}</p>
      <div className="row">
        {canPick ? (
          <button type="button" className="primary" onClick={() => void browse()} data-testid="import-browse" autoFocus>
            {t('data.wizard.chooseFile')}
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => fileInput.current?.click()} data-testid="import-browse" autoFocus>
              {t('data.wizard.chooseFile')}
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".csv,.txt,.tsv,text/csv,text/plain"
              data-testid="import-file-input"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importFile(f);
              }}
            />
          </>
        )}
      </div>
      <details className="typed-path" open={w.path !== ''}>
        <summary>{t('data.wizard.typedPath')}</summary>
        <label htmlFor="import-path">{t('data.wizard.pathLabel')}</label>
        <div className="row">
          <input id="import-path" type="text" value={w.path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="import-path" />
          <button type="submit" disabled={!w.path.trim() || w.loading} data-testid="import-load-preview">
            {t('data.wizard.preview')}
          </button>
        </div>
      </details>
    </form>
  );
}

function Summary({ w }: { w: Wizard }) {
  const close = useApp((s) => s.closeImport);
  const { t, rich, fmt } = useT();
  const r = w.result;
  if (!r) return <p>{t('data.summary.finished')}</p>;
  return (
    <div className="import-summary" data-testid="import-summary">
      <p>
        {rich('data.summary.imported', {
          rows: r.rows,
          n: () => <strong data-testid="summary-rows">{fmt.count(r.rows)}</strong>,
          dataset: <strong>{r.dataset}</strong>,
        })}
      </p>
      <details className="how-computed">
        <summary>{t('data.summary.details')}</summary>
        <dl>
          <dt>{t('data.summary.version')}</dt>
          <dd>{t('data.summary.versionValue', { version: r.version, kind: t(`data.kind.${r.kind}`) })}</dd>
          <dt>{t('data.summary.readAs')}</dt>
          <dd>{t('data.summary.readAsValue', { encoding: r.encoding, delimiter: JSON.stringify(r.delimiter) })}</dd>
          <dt>{t('data.summary.time')}</dt>
          <dd>{t('data.summary.seconds', { seconds: fmt.number(r.ms / 1000, 1) })}</dd>
        </dl>
      </details>
      <p data-testid="summary-rejected">{r.cellErrors === 0 ? t('data.summary.noRejected') : t('data.summary.rejected', { count: r.cellErrors })}</p>
      {r.duplicateIds > 0 ? <p>{t('data.summary.duplicateIds', { count: r.duplicateIds })}</p> : null}
      {r.unknownCustomers ? <p>{t('data.summary.unknownCustomers', { count: r.unknownCustomers })}</p> : null}
      {r.warnings.length ? (
        <ul className="warnings">
          {r.warnings.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        <button type="button" className="primary" onClick={close} data-testid="import-done">
          {t('data.summary.showData')}
        </button>
      </div>
    </div>
  );
}

/** Moves focus to a column's type selector in the preview (and scrolls it into view). */
function focusColumnType(column: string) {
  const th = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="import-preview"] th[data-column]')).find((x) => x.dataset.column === column);
  const select = th?.querySelector('select');
  select?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  select?.focus();
}

/**
 * Above the Import button: which columns would reject cells of the preview rows with their current types. Each
 * name is a button that moves to that column's type selector, so the type can be changed from the keyboard.
 */
function RejectedSummary({ w }: { w: Wizard }) {
  const { t, rich } = useT();
  const rejecting = previewRejections(w.preview).filter((r) => r.rejected > 0);
  if (rejecting.length === 0) return null;
  const list = rejecting.map((r, i) => (
    <span key={r.index} data-testid="import-rejected-column" data-column={r.column}>
      {i > 0 ? t('data.rejected.separator') : ''}
      {rich('data.rejected.inColumn', {
        rows: rejectionText(r),
        column: (
          <button type="button" className="link" onClick={() => focusColumnType(r.column)} title={t('data.rejected.goToType', { column: r.column })}>
            {r.column}
          </button>
        ),
      })}
    </span>
  ));
  return (
    <p className="rejected-summary" id="import-rejected-summary" data-testid="import-rejected-summary">
      {rich('data.rejected.summary', { count: rejecting.length, list: <>{list}</> })}
    </p>
  );
}

/** Under an import refused for malformed quotes: the user may import the file anyway, its text kept as read. */
function AcceptMalformed({ w }: { w: Wizard }) {
  const setImportMeta = useApp((s) => s.setImportMeta);
  const { t } = useT();
  return (
    <label data-testid="import-accept-malformed">
      <input type="checkbox" checked={w.acceptMalformed} onChange={(e) => setImportMeta({ acceptMalformed: e.target.checked })} />{' '}
      {t('data.wizard.acceptMalformed')}
    </label>
  );
}

/** One column read from lines that have obvious separators: propose the delimiter, and hold Import until the user decides. */
function OneColumn({ w }: { w: Wizard }) {
  const setOption = useApp((s) => s.setParseOption);
  const setImportMeta = useApp((s) => s.setImportMeta);
  const { t } = useT();
  const fix = w.preview?.oneColumn;
  if (!fix) return null;
  const name = fix.delimiter === 'whitespace' ? t('data.delimiter.whitespace') : fix.delimiter === '\t' ? t('data.delimiter.tab') : t('data.delimiter.quoted', { char: fix.delimiter });
  return (
    <div className="warnings" role="alert" data-testid="one-column">
      <p>{t('data.oneColumn.found', { name })}</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void setOption('delimiter', fix.delimiter)} data-testid="one-column-fix">
          {t('data.oneColumn.split', { name })}
        </button>
        <label className="inline">
          <input type="checkbox" checked={w.oneColumnConfirmed} onChange={(e) => setImportMeta({ oneColumnConfirmed: e.target.checked })} data-testid="one-column-confirm" />{' '}
          {t('data.oneColumn.confirm')}
        </label>
      </div>
    </div>
  );
}

/** Where focus goes when the wizard closes and what opened it is gone (or it was opened by Alt+I or the menu). */
const importOpener = () => document.querySelector<HTMLElement>('[data-testid="import-open"]');

/** The import wizard: choose a file, check and adjust how it parses, import as a job, see what happened. */
export function ImportWizard() {
  const w = useApp((s) => s.wizard);
  const close = useApp((s) => s.closeImport);
  const runImport = useApp((s) => s.runImport);
  const cancelJob = useApp((s) => s.cancelJob);
  const job = useApp((s) => (s.wizard?.jobId ? s.jobs.find((j) => j.jobId === s.wizard?.jobId) : undefined));
  const { t } = useT();
  if (!w) return null;

  return (
    <Dialog title={t('data.wizard.title')} onClose={close} testId="import-wizard" wide returnFocus={importOpener}>
      {w.step === 'path' || (w.step === 'preview' && !w.preview) ? <ChooseFile w={w} /> : null}
      {w.error ? (
        <p className="error" role="alert" data-testid="import-error">
          {w.error}
        </p>
      ) : null}
      {w.malformed && w.step === 'preview' ? <AcceptMalformed w={w} /> : null}
      {w.loading && !w.preview ? <p className="loading">{t('data.wizard.reading')}</p> : null}
      {w.step === 'preview' && w.preview ? (
        <>
          <p className="hint">
            <span title={w.preview.path}>{w.preview.path.split(/[\\/]/).pop()}</span>
            {' · '}
            {t('data.wizard.firstRows', { count: w.preview.rows.length })}
            {w.loading ? ` · ${t('data.wizard.updating')}` : ''}
          </p>
          {w.preview.warnings.length ? (
            <ul className="warnings" data-testid="preview-warnings">
              {w.preview.warnings.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ul>
          ) : null}
          <OneColumn w={w} />
          <ImportOptions w={w} />
          <ImportPreviewTable w={w} />
          <RejectedSummary w={w} />
          <div className="row">
            <span className="spacer" />
            <button type="button" onClick={close}>
              {t('common.close')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void runImport()}
              disabled={w.loading || oneColumnBlocked(w)}
              aria-describedby={previewRejections(w.preview).some((r) => r.rejected > 0) ? 'import-rejected-summary' : undefined}
              data-testid="import-run"
            >
              {t('data.wizard.import')}
            </button>
          </div>
        </>
      ) : null}
      {w.step === 'running' ? (
        <div className="import-running" data-testid="import-running">
          <p>
            {t('data.wizard.progress', { label: job?.label ?? t('data.wizard.importing'), phase: job?.phase ?? t('data.wizard.starting') })}
            {job && job.total > 0 ? ` ${t('data.wizard.progressCount', { done: job.done, total: job.total })}` : ''}
          </p>
          {job ? <JobProgress job={job} /> : null}
          <div className="row">
            <button type="button" onClick={() => job && void cancelJob(job.jobId)} disabled={!job} data-testid="import-cancel">
              {t('data.wizard.cancelImport')}
            </button>
          </div>
        </div>
      ) : null}
      {w.step === 'summary' ? <Summary w={w} /> : null}
    </Dialog>
  );
}
