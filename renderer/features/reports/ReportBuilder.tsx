import { useEffect, useMemo, useRef, useState } from 'react';
import { useOnChange, useResettableState } from '../../app/use-on-change';
import type { ReportOptions, ReportSectionId } from '../../../shared/contract/ns/reports';
import { useApp } from '../../store';
import { FinishedFile } from './FinishedFile';
import { SavePathField } from './SavePathField';
import { ChooseFileField } from '../../app/ChooseFileField';
import { besideWorkspace, withExtension } from './paths';
import { mountReport } from './report-dom';
import { useT } from '../../i18n/use-t';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../../shared/i18n/locales';
import { translator } from '../../../shared/i18n/translator';

function availableOf(sections: { id: ReportSectionId; available: boolean }[] | null): ReportSectionId[] | null {
  return sections ? sections.filter((s) => s.available).map((s) => s.id) : null;
}

/** Report builder: sections, title page, suppression threshold, a live preview, save as HTML or PDF. */
export function ReportBuilder() {
  const { t, locale } = useT();
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
  // The report's language starts as the app's; the consultant may write it for a client who reads another.
  const [lang, setLang] = useState<Locale>(() => (isLocale(locale) ? locale : 'en'));
  const [title, setTitle] = useState('');
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
      // No title: the engine writes the default one in the report's language.
      title: title || undefined,
      subtitle: subtitle || undefined,
      consultant: consultant || undefined,
      client: client || undefined,
      date: date || undefined,
      logoPath: logoPath || undefined,
      minCell: Number.isInteger(minCell) && minCell >= 2 ? minCell : 10,
      lang,
    }),
    [picked, title, subtitle, consultant, client, date, logoPath, minCell, dataset, lang],
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
          <legend>{t('report.builder.sections')}</legend>
          {(sections ?? []).map((s) => (
            <label key={s.id} className="inline" title={s.reason ?? undefined}>
              <input type="checkbox" disabled={!s.available || s.id === 'methods'} checked={s.id === 'methods' || (picked ?? []).includes(s.id)} onChange={() => toggle(s.id)} data-testid={`report-section-${s.id}`} />
              {s.title}
              {!s.available ? <small className="hint"> — {s.reason}</small> : null}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('report.builder.titlePage')}</legend>
          <label>
            {t('report.builder.language')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as Locale)} data-testid="report-lang">
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('report.builder.title')}{' '}
            <input type="text" value={title} placeholder={translator(lang).t('report.title.default')} onChange={(e) => setTitle(e.target.value)} data-testid="report-title" />
          </label>
          <label>
            {t('report.builder.subtitle')} <input type="text" value={subtitle} onChange={(e) => setSubtitle(e.target.value)} />
          </label>
          <label>
            {t('report.builder.consultant')} <input type="text" value={consultant} onChange={(e) => setConsultant(e.target.value)} data-testid="report-consultant" />
          </label>
          <label>
            {t('report.builder.client')} <input type="text" value={client} onChange={(e) => setClient(e.target.value)} data-testid="report-client" />
          </label>
          <label>
            {t('report.builder.date')} <input type="text" value={date} placeholder={t('report.builder.datePlaceholder')} onChange={(e) => setDate(e.target.value)} />
          </label>
          <ChooseFileField label={t('report.builder.logo')} value={logoPath} onChange={setLogoPath} accept=".png,.jpg,.jpeg,image/png,image/jpeg" testId="report-logo" />
        </fieldset>
        <fieldset>
          <legend>{t('report.builder.privacy')}</legend>
          <label>
            {t('report.builder.minCell')} <input type="number" min={2} max={1000} value={minCell} onChange={(e) => setMinCell(Number(e.target.value))} data-testid="report-min-cell" />
          </label>
          <p className="hint">{t('report.builder.minCellHint', { min: minCell })}</p>
        </fieldset>
        <fieldset>
          <legend>{t('report.builder.save')}</legend>
          <SavePathField label={t('report.builder.file')} value={out} onChange={setOut} testId="report-out" />
          <div className="row">
            <button type="button" className="primary" disabled={!out} onClick={() => void saveReport({ ...options, out: withExtension(out, 'html') }).then((r) => r && setSavedFile(r.file))} data-testid="report-save-html">
              {t('report.builder.saveHtml')}
            </button>
            <button type="button" disabled={!out} onClick={() => void saveReport({ ...options, out: withExtension(out, 'pdf') }).then((r) => r && setSavedFile(r.file))} data-testid="report-save-pdf">
              {t('report.builder.savePdf')}
            </button>
          </div>
          {savedFile ? <FinishedFile path={savedFile} what={t('report.builder.report')} testId="report-saved" /> : null}
        </fieldset>
      </div>
      <div className="reports-preview">
        <p className="hint" aria-live="polite">
          {busy ? t('report.builder.building') : preview ? t('report.builder.preview', { count: preview.sections.length }) : t('report.builder.noPreview')}
        </p>
        {/* Focusable so keyboard users can scroll the preview (it scrolls on its own, inside the page). */}
        <div className="report-frame" ref={frame} tabIndex={0} role="region" aria-label={t('report.builder.previewLabel')} data-testid="report-preview" />
      </div>
    </div>
  );
}
