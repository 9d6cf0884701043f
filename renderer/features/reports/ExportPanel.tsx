import { useEffect, useMemo, useState } from 'react';
import { useOnChange, useResettableState } from '../../app/use-on-change';
import { ExportResultSchema, type ExportSource } from '../../../shared/contract/ns/exports';
import { useApp } from '../../store';
import { SavePathField } from './SavePathField';
import { FinishedFile } from './FinishedFile';
import { besideWorkspace, fileStem, withExtension } from './paths';
import type { MessageId } from '../../../shared/i18n/catalogue';
import { localExportFormat } from '../../../shared/i18n/export-format';
import { useT } from '../../i18n/use-t';

const DELIMITERS: { value: ',' | ';' | '\t' | '|'; label: MessageId }[] = [
  { value: ',', label: 'reports.export.comma' },
  { value: ';', label: 'reports.export.semicolon' },
  { value: '\t', label: 'reports.export.tab' },
  { value: '|', label: 'reports.export.pipe' },
];

function sourceKey(s: ExportSource): string {
  if (s.kind === 'rfm') return `rfm:${s.segment}`;
  return s.kind === 'segment' ? `segment:${s.name}` : s.kind === 'cluster' ? `cluster:${s.run}:${s.cluster}` : 'dataset';
}

function parseSource(key: string): ExportSource {
  const [kind, a, b] = key.split(':');
  if (kind === 'segment') return { kind: 'segment', name: key.slice('segment:'.length) };
  if (kind === 'cluster') return { kind: 'cluster', run: a, cluster: Number(b) };
  if (kind === 'rfm') return { kind: 'rfm', segment: key.slice('rfm:'.length) };
  return { kind: 'dataset' };
}

/** The columns ticked at first (the engine leaves personal data unticked). */
function selectedOf(columns: { columns: { name: string; selected: boolean }[] } | null): string[] {
  return columns ? columns.columns.filter((c) => c.selected).map((c) => c.name) : [];
}

/** Export members: source, columns (PII unticked and marked), consent, format, preview of the first rows. */
export function ExportPanel() {
  const dataset = useApp((s) => s.activeDataset);
  const workspace = useApp((s) => s.workspace?.workspace);
  const choices = useApp((s) => s.exportChoices);
  const columns = useApp((s) => s.exportColumns);
  const preview = useApp((s) => s.exportPreview);
  const load = useApp((s) => s.loadExportChoices);
  const previewExport = useApp((s) => s.previewExport);
  const startExport = useApp((s) => s.startExport);

  const [sourceK, setSourceK] = useState('dataset');
  const [chosen, setChosen] = useState<string[]>(() => selectedOf(columns));
  const [includeNoConsent, setIncludeNoConsent] = useState(false);
  const [allRows, setAllRows] = useState(false);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [delimiter, setDelimiter] = useState<',' | ';' | '\t' | '|'>(',');
  const [bom, setBom] = useState(true);
  // Machine formats (ISO dates, point decimals) unless the user asks for the window's own.
  const [localFormats, setLocalFormats] = useState(false);
  const { t, locale } = useT();
  const local = localExportFormat(locale);
  // The export runs as a job; its file is shown here once the job is done (the job leaves the store soon after).
  const [jobId, setJobId] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const waitForJob = useApp((s) => s.waitForJob);
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    // The job's end, even when it finished before its id came back (a small export on a fast machine).
    void waitForJob(jobId).then((end) => {
      const done = end.state === 'done' ? ExportResultSchema.safeParse(end.result) : null;
      if (live && done?.success) setWritten(done.data.file);
    });
    return () => {
      live = false;
    };
  }, [jobId, waitForJob]);

  useEffect(() => {
    void load();
  }, [dataset, load]);

  useOnChange([columns], () => {
    if (columns) setChosen(selectedOf(columns));
  });

  const source = useMemo(() => parseSource(sourceK), [sourceK]);
  const label =
    source.kind === 'segment' ? source.name : source.kind === 'cluster' ? `run-${source.run}-cluster-${source.cluster}` : source.kind === 'rfm' ? `rfm-${source.segment}` : (dataset ?? 'export');
  const [out, setOut] = useResettableState(besideWorkspace(workspace, `${fileStem(label)}.${format}`));

  useEffect(() => {
    void previewExport(source, chosen, includeNoConsent, allRows);
  }, [source, chosen, includeNoConsent, allRows, previewExport]);

  // Keeps the dataset's column order whatever order the boxes are ticked in.
  const toggle = (name: string) =>
    setChosen((c) => {
      const set = new Set(c);
      if (set.has(name)) set.delete(name);
      else set.add(name);
      return (columns?.columns ?? []).map((x) => x.name).filter((n) => set.has(n));
    });
  const piiChosen = columns?.columns.filter((c) => c.pii && chosen.includes(c.name)).map((c) => c.name) ?? [];

  return (
    <div className="reports-export" data-testid="export-panel">
      <div className="row">
        <label className="inline">
          {t('reports.export.membersOf')}
          <select value={sourceK} onChange={(e) => setSourceK(e.target.value)} data-testid="export-source">
            <option value="dataset">{t('reports.export.wholeDataset')}</option>
            {choices.segments.map((s) => (
              <option key={s.name} value={sourceKey({ kind: 'segment', name: s.name })}>
                {t('reports.export.segmentOption', { name: s.name, size: s.size })}
              </option>
            ))}
            {choices.runs.flatMap((r) =>
              Array.from({ length: r.k }, (_, i) => (
                <option key={`${r.run}:${i + 1}`} value={sourceKey({ kind: 'cluster', run: String(r.run), cluster: i + 1 })}>
                  {t('reports.export.clusterOption', { run: r.run, cluster: i + 1 })}
                </option>
              )),
            )}
            {choices.rfm.map((x) => (
              <option key={`rfm:${x.name}`} value={sourceKey({ kind: 'rfm', segment: x.name })}>
                {t('reports.export.rfmOption', { name: x.name, size: x.count })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="export-columns">
        <legend>{t('reports.export.columns')}</legend>
        {(columns?.columns ?? []).map((c) => (
          <label key={c.name} className="inline">
            <input type="checkbox" checked={chosen.includes(c.name)} onChange={() => toggle(c.name)} data-testid={`export-col-${c.name}`} />
            {c.name}
            {c.pii ? <span className="badge warn">{t('reports.export.pii')}</span> : null}
            {c.sensitive ? <span className="badge">{t('reports.export.sensitive')}</span> : null}
          </label>
        ))}
      </fieldset>
      {piiChosen.length ? <p className="hint warn-text">{t('reports.export.piiWarning', { columns: piiChosen.join(', ') })}</p> : null}
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={includeNoConsent} onChange={(e) => setIncludeNoConsent(e.target.checked)} data-testid="export-include-no-consent" />
          {t('reports.export.includeNoConsent')}
        </label>
      </div>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={allRows} onChange={(e) => setAllRows(e.target.checked)} data-testid="export-all-rows" />
          {t('reports.export.allRows')}
        </label>
      </div>
      <div className="row">
        <label className="inline">
          {t('reports.export.format')}
          <select
            value={format}
            onChange={(e) => {
              const f = e.target.value === 'xlsx' ? 'xlsx' : 'csv';
              setFormat(f);
              setOut((o) => withExtension(o, f));
            }}
            data-testid="export-format"
          >
            {/* i18n-ignore: the format's name, the same in every language */}
            <option value="csv">CSV</option>
            <option value="xlsx">{t('reports.export.excel')}</option>
          </select>
        </label>
        {format === 'csv' ? (
          <>
            <label className="inline">
              {t('reports.export.delimiter')}
              <select value={localFormats && local.decimal === ',' ? ';' : delimiter} disabled={localFormats && local.decimal === ','} onChange={(e) => setDelimiter(DELIMITERS.find((d) => d.value === e.target.value)?.value ?? ',')}>
                {DELIMITERS.map((d) => (
                  <option key={d.label} value={d.value}>
                    {t(d.label)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
              {t('reports.export.bom')}
            </label>
          </>
        ) : null}
      </div>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={localFormats} onChange={(e) => setLocalFormats(e.target.checked)} data-testid="export-local-formats" />
          {t('reports.export.localFormats')}
        </label>
        <small className="hint" data-testid="export-local-formats-hint">
          {!localFormats
            ? t('reports.export.localFormatsOff')
            : format === 'xlsx'
              ? t('reports.export.localFormatsXlsx', { date: local.date('2026-12-05') })
              : t(local.decimal === ',' ? 'reports.export.localFormatsOnSemicolon' : 'reports.export.localFormatsOn', { number: local.number(1234.5), date: local.date('2026-12-05') })}
        </small>
      </div>
      <div className="row">
        <SavePathField label={t('reports.save.saveAs')} value={out} onChange={setOut} testId="export-out" />
        <button
          type="button"
          className="primary"
          disabled={!chosen.length || !out}
          onClick={() => {
            setWritten(null);
            void startExport({
              source,
              columns: chosen,
              includeNoConsent,
              allRows,
              out,
              format,
              delimiter,
              bom,
              ...(localFormats ? { localFormats: true, locale } : {}),
            }).then(setJobId);
          }}
          data-testid="export-run"
        >
          {t('reports.export.run')}
        </button>
      </div>
      {written ? <FinishedFile path={written} what="export" testId="export-saved" /> : null}
      {preview ? (
        <div className="export-preview" data-testid="export-preview">
          <p className="hint" data-testid="export-counts">
            {t('reports.export.counts', {
              total: preview.total,
              perCustomer: allRows ? 'no' : 'yes',
              consent: preview.consentColumns.length ? 'yes' : 'no',
              excluded: preview.excludedNoConsent,
              duplicates: preview.duplicateRowsSkipped,
            })}
          </p>
          <div className="table-scroll">
            <table className="plain">
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (
                      <td key={j}>{v === null ? '' : typeof v === 'number' && localFormats ? local.number(v) : String(v)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
