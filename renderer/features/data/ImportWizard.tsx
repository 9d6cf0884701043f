import { useRef, type FormEvent } from 'react';
import { useApp } from '../../store';
import { Dialog } from '../../app/Dialog';
import { JobProgress } from '../../app/JobsTray';
import { ImportOptions } from './ImportOptions';
import { ImportPreviewTable } from './ImportPreviewTable';
import { oneColumnBlocked, previewRejections, rejectionText, type ImportWizard as Wizard } from '../../store/import-wizard';

function ChooseFile({ w }: { w: Wizard }) {
  const setPath = useApp((s) => s.setImportPath);
  const loadPreview = useApp((s) => s.loadPreview);
  const importFile = useApp((s) => s.importFile);
  const pickFile = useApp((s) => s.pickFile);
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const fileInput = useRef<HTMLInputElement>(null);

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
      <p className="choose-lead">Choose your customer or orders file (CSV or other delimited text), or drop it anywhere on the window.</p>
      <div className="row">
        {canPick ? (
          <button type="button" className="primary" onClick={() => void browse()} data-testid="import-browse" autoFocus>
            Choose a file…
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => fileInput.current?.click()} data-testid="import-browse" autoFocus>
              Choose a file…
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
        <summary>Or give the file's path</summary>
        <label htmlFor="import-path">Path of the file</label>
        <div className="row">
          <input id="import-path" type="text" value={w.path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="import-path" />
          <button type="submit" disabled={!w.path.trim() || w.loading} data-testid="import-load-preview">
            Preview
          </button>
        </div>
      </details>
    </form>
  );
}

function Summary({ w }: { w: Wizard }) {
  const close = useApp((s) => s.closeImport);
  const r = w.result;
  if (!r) return <p>The import finished.</p>;
  return (
    <div className="import-summary" data-testid="import-summary">
      <p>
        Imported <strong data-testid="summary-rows">{r.rows.toLocaleString()}</strong> rows into <strong>{r.dataset}</strong>.
      </p>
      <details className="how-computed">
        <summary>Details</summary>
        <dl>
          <dt>Version</dt>
          <dd>
            {r.version} ({r.kind})
          </dd>
          <dt>Read as</dt>
          <dd>
            {r.encoding}, delimiter {JSON.stringify(r.delimiter)}
          </dd>
          <dt>Time</dt>
          <dd>{(r.ms / 1000).toFixed(1)} s</dd>
        </dl>
      </details>
      <p data-testid="summary-rejected">
        {r.cellErrors === 0
          ? 'Every cell matched its column type.'
          : `${r.cellErrors.toLocaleString()} cells did not match their column type: they are stored as missing, and their original text is listed under Data → Versions & errors.`}
      </p>
      {r.duplicateIds > 0 ? <p>{r.duplicateIds.toLocaleString()} rows repeat a customer ID already on an earlier row (see Quality alerts).</p> : null}
      {r.unknownCustomers ? <p>{r.unknownCustomers.toLocaleString()} orders belong to customers not in the linked dataset.</p> : null}
      {r.warnings.length ? (
        <ul className="warnings">
          {r.warnings.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        <button type="button" className="primary" onClick={close} data-testid="import-done">
          Show the data
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
  const rejecting = previewRejections(w.preview).filter((r) => r.rejected > 0);
  if (rejecting.length === 0) return null;
  return (
    <p className="rejected-summary" id="import-rejected-summary" data-testid="import-rejected-summary">
      {rejecting.length === 1 ? '1 column would reject' : `${rejecting.length} columns would reject`} cells of the preview:{' '}
      {rejecting.map((r, i) => (
        <span key={r.index} data-testid="import-rejected-column" data-column={r.column}>
          {i > 0 ? '; ' : ''}
          {rejectionText(r)} in{' '}
          <button type="button" className="link" onClick={() => focusColumnType(r.column)} title={`Go to the type of ${r.column}`}>
            {r.column}
          </button>
        </span>
      ))}
      . Rejected cells are stored as missing and listed under Data → Versions & errors; change a column&apos;s type to keep them.
    </p>
  );
}

/** Under an import refused for malformed quotes: the user may import the file anyway, its text kept as read. */
function AcceptMalformed({ w }: { w: Wizard }) {
  const setImportMeta = useApp((s) => s.setImportMeta);
  return (
    <label data-testid="import-accept-malformed">
      <input type="checkbox" checked={w.acceptMalformed} onChange={(e) => setImportMeta({ acceptMalformed: e.target.checked })} /> Import anyway, keeping the
      text as read (those lines become part of single values, each problem listed under Data → Versions &amp; errors)
    </label>
  );
}

/** One column read from lines that have obvious separators: propose the delimiter, and hold Import until the user decides. */
function OneColumn({ w }: { w: Wizard }) {
  const setOption = useApp((s) => s.setParseOption);
  const setImportMeta = useApp((s) => s.setImportMeta);
  const fix = w.preview?.oneColumn;
  if (!fix) return null;
  const name = fix.delimiter === 'whitespace' ? 'runs of spaces' : fix.delimiter === '\t' ? 'tab' : `"${fix.delimiter}"`;
  return (
    <div className="warnings" role="alert" data-testid="one-column">
      <p>Only one column was found, but the lines look separated by {name}.</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void setOption('delimiter', fix.delimiter)} data-testid="one-column-fix">
          Split by {name}
        </button>
        <label className="inline">
          <input type="checkbox" checked={w.oneColumnConfirmed} onChange={(e) => setImportMeta({ oneColumnConfirmed: e.target.checked })} data-testid="one-column-confirm" /> The
          file really has one column
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
  if (!w) return null;

  return (
    <Dialog title="Import a file" onClose={close} testId="import-wizard" wide returnFocus={importOpener}>
      {w.step === 'path' || (w.step === 'preview' && !w.preview) ? <ChooseFile w={w} /> : null}
      {w.error ? (
        <p className="error" role="alert" data-testid="import-error">
          {w.error}
        </p>
      ) : null}
      {w.malformed && w.step === 'preview' ? <AcceptMalformed w={w} /> : null}
      {w.loading && !w.preview ? <p className="loading">Reading the file…</p> : null}
      {w.step === 'preview' && w.preview ? (
        <>
          <p className="hint">
            <span title={w.preview.path}>{w.preview.path.split(/[\\/]/).pop()}</span> · first {w.preview.rows.length}{' '}
            rows as they will be stored {w.loading ? '· updating…' : ''}
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
              Close
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void runImport()}
              disabled={w.loading || oneColumnBlocked(w)}
              aria-describedby={previewRejections(w.preview).some((r) => r.rejected > 0) ? 'import-rejected-summary' : undefined}
              data-testid="import-run"
            >
              Import
            </button>
          </div>
        </>
      ) : null}
      {w.step === 'running' ? (
        <div className="import-running" data-testid="import-running">
          <p>
            {job?.label ?? 'Importing'}: {job?.phase ?? 'starting'}
            {job && job.total > 0 ? ` ${job.done.toLocaleString()} / ${job.total.toLocaleString()}` : ''}
          </p>
          {job ? <JobProgress job={job} /> : null}
          <div className="row">
            <button type="button" onClick={() => job && void cancelJob(job.jobId)} disabled={!job} data-testid="import-cancel">
              Cancel import
            </button>
          </div>
        </div>
      ) : null}
      {w.step === 'summary' ? <Summary w={w} /> : null}
    </Dialog>
  );
}
