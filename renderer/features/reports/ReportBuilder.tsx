import { useEffect, useMemo, useRef, useState } from 'react';
import { useOnChange, useResettableState } from '../../app/use-on-change';
import type { ReportOptions, ReportSectionId } from '../../../shared/contract/ns/reports';
import { useApp } from '../../store';
import { FinishedFile } from './FinishedFile';
import { SavePathField } from './SavePathField';
import { ChooseFileField } from '../../app/ChooseFileField';
import { besideWorkspace, withExtension } from './paths';
import { mountReport } from './report-dom';

function availableOf(sections: { id: ReportSectionId; available: boolean }[] | null): ReportSectionId[] | null {
  return sections ? sections.filter((s) => s.available).map((s) => s.id) : null;
}

/** Report builder: sections, title page, suppression threshold, a live preview, save as HTML or PDF. */
export function ReportBuilder() {
  const dataset = useApp((s) => s.activeDataset);
  const workspace = useApp((s) => s.workspace?.workspace);
  const sections = useApp((s) => s.reportSections);
  const preview = useApp((s) => s.reportPreview);
  const busy = useApp((s) => s.reportBusy);
  const loadSections = useApp((s) => s.loadReportSections);
  const previewReport = useApp((s) => s.previewReport);
  const saveReport = useApp((s) => s.saveReport);

  // The sections available when they first arrive are ticked; after that the ticks are the user's.
  const [picked, setPicked] = useState<ReportSectionId[] | null>(() => availableOf(sections));
  const [title, setTitle] = useState('Customer segmentation report');
  const [subtitle, setSubtitle] = useState('');
  const [consultant, setConsultant] = useState('');
  const [client, setClient] = useState('');
  const [date, setDate] = useState('');
  const [logoPath, setLogoPath] = useState('');
  const [minCell, setMinCell] = useState(10);
  const [savedFile, setSavedFile] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void loadSections();
  }, [dataset, loadSections]);
  useOnChange([sections], () => {
    if (picked === null) setPicked(availableOf(sections));
  });
  const [out, setOut] = useResettableState(besideWorkspace(workspace, 'report.html'));

  const options = useMemo(
    (): ReportOptions => ({
      dataset: dataset ?? undefined,
      sections: picked ?? undefined,
      title: title || 'Customer segmentation report',
      subtitle: subtitle || undefined,
      consultant: consultant || undefined,
      client: client || undefined,
      date: date || undefined,
      logoPath: logoPath || undefined,
      minCell: Number.isInteger(minCell) && minCell >= 2 ? minCell : 10,
    }),
    [picked, title, subtitle, consultant, client, date, logoPath, minCell, dataset],
  );

  // Live preview: rebuilt shortly after the last change (a change to the data rebuilds it in the store).
  useEffect(() => {
    if (picked === null) return;
    const t = setTimeout(() => void previewReport(options), 350);
    return () => clearTimeout(t);
  }, [picked, options, previewReport]);

  useEffect(() => {
    if (frame.current && preview) mountReport(frame.current, preview.html);
  }, [preview]);

  const toggle = (id: ReportSectionId) =>
    setPicked((p) => {
      const set = new Set(p ?? []);
      if (set.has(id)) set.delete(id);
      else set.add(id);
      return (sections ?? []).map((s) => s.id).filter((x) => set.has(x));
    });

  return (
    <div className="reports-builder" data-testid="report-builder">
      <div className="reports-form">
        <fieldset>
          <legend>Sections</legend>
          {(sections ?? []).map((s) => (
            <label key={s.id} className="inline" title={s.reason ?? undefined}>
              <input type="checkbox" disabled={!s.available || s.id === 'methods'} checked={s.id === 'methods' || (picked ?? []).includes(s.id)} onChange={() => toggle(s.id)} data-testid={`report-section-${s.id}`} />
              {s.title}
              {!s.available ? <small className="hint"> — {s.reason}</small> : null}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Title page</legend>
          <label>
            Title <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="report-title" />
          </label>
          <label>
            Subtitle <input type="text" value={subtitle} onChange={(e) => setSubtitle(e.target.value)} />
          </label>
          <label>
            Consultant <input type="text" value={consultant} onChange={(e) => setConsultant(e.target.value)} data-testid="report-consultant" />
          </label>
          <label>
            Client <input type="text" value={client} onChange={(e) => setClient(e.target.value)} data-testid="report-client" />
          </label>
          <label>
            Date as printed <input type="text" value={date} placeholder="none" onChange={(e) => setDate(e.target.value)} />
          </label>
          <ChooseFileField label="Logo (PNG or JPEG)" value={logoPath} onChange={setLogoPath} accept=".png,.jpg,.jpeg,image/png,image/jpeg" testId="report-logo" />
        </fieldset>
        <fieldset>
          <legend>Privacy</legend>
          <label>
            Hide groups smaller than <input type="number" min={2} max={1000} value={minCell} onChange={(e) => setMinCell(Number(e.target.value))} data-testid="report-min-cell" />
          </label>
          <p className="hint">Such groups show as “&lt; {minCell}”. PII never appears in a report.</p>
        </fieldset>
        <fieldset>
          <legend>Save</legend>
          <SavePathField label="File" value={out} onChange={setOut} testId="report-out" />
          <div className="row">
            <button type="button" className="primary" disabled={!out} onClick={() => void saveReport({ ...options, out: withExtension(out, 'html') }).then((r) => r && setSavedFile(r.file))} data-testid="report-save-html">
              Save as HTML
            </button>
            <button type="button" disabled={!out} onClick={() => void saveReport({ ...options, out: withExtension(out, 'pdf') }).then((r) => r && setSavedFile(r.file))} data-testid="report-save-pdf">
              Save as PDF
            </button>
          </div>
          {savedFile ? <FinishedFile path={savedFile} what="Report" testId="report-saved" /> : null}
        </fieldset>
      </div>
      <div className="reports-preview">
        <p className="hint" aria-live="polite">
          {busy ? 'Building the preview…' : preview ? `Preview: ${preview.sections.length} sections` : 'No preview yet'}
        </p>
        {/* Focusable so keyboard users can scroll the preview (it scrolls on its own, inside the page). */}
        <div className="report-frame" ref={frame} tabIndex={0} role="region" aria-label="Report preview" data-testid="report-preview" />
      </div>
    </div>
  );
}
