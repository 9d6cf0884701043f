import { useState } from 'react';
import { useApp } from '../../store';
import { Dialog } from '../../app/Dialog';
import { intlTag } from '../../../shared/i18n/locales';
import type { EarlierFile, ErasurePlace } from '../../../shared/contract/ns/erasure';
import { useT } from '../../i18n/use-t';

function Places({ places, testId }: { places: ErasurePlace[]; testId: string }) {
  const { t } = useT();
  return (
    <ul data-testid={testId}>
      {places.map((p) => (
        <li key={`${p.dataset}|${p.place}`}>
          {t('responsible.erase.place', { place: p.place, rows: p.rows })}
        </li>
      ))}
    </ul>
  );
}

function EarlierFiles({ files, testId }: { files: EarlierFile[]; testId: string }) {
  const { t, locale } = useT();
  if (!files.length) return null;
  const when = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div data-testid={testId}>
      <p>{t('responsible.erase.earlierFiles')}</p>
      <ul>
        {files.map((f) => (
          <li key={`${f.at}|${f.path}`}>
            {t('responsible.erase.earlierFile', { kind: f.kind, path: f.path, at: when.format(new Date(f.at)) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Right to erasure: IDs in, a preview of where they are and a confirmation that names the consequence, then the erasure report. */
export function EraseForm() {
  const active = useApp((s) => s.activeDataset);
  const idColumn = useApp((s) => s.workspace?.datasets.find((d) => d.name === s.activeDataset)?.idColumn ?? null);
  const erase = useApp((s) => s.eraseCustomers);
  const previewErasure = useApp((s) => s.previewErasure);
  const [preview, setPreview] = useState<Awaited<ReturnType<typeof previewErasure>>>(null);
  const result = useApp((s) => s.erasureResult);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const { t, rich } = useT();
  // The word typed to confirm is the language's own (a Polish user types USUŃ).
  const word = t('responsible.erase.confirmWord');
  const ids = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];

  return (
    <section className="fair-erase" aria-labelledby="erase-title" data-testid="erase-form">
      <h2 id="erase-title">{t('responsible.erase.title')}</h2>
      <p className="erase-law" data-testid="erase-law">
        {t('responsible.erase.law')}
      </p>
      <p className="muted">{t('responsible.erase.intro')}</p>
      <label>
        {idColumn ? t('responsible.erase.idsLabel', { column: idColumn }) : t('responsible.erase.idsLabelNoColumn')}
        <textarea value={text} rows={3} onChange={(e) => setText(e.target.value)} data-testid="erase-ids" />
      </label>
      <button
        type="button"
        className="danger"
        disabled={!ids.length || !idColumn || busy}
        onClick={async () => {
          setBusy(true);
          const p = await previewErasure(ids);
          setBusy(false);
          if (!p) return;
          setPreview(p);
          setConfirming(true);
        }}
        data-testid="erase-start"
      >
        {t('responsible.erase.start', { count: ids.length })}
      </button>
      {result ? (
        <div className="fair-erase-result" data-testid="erase-result">
          <p>
            {result.notFound
              ? t('responsible.erase.erasedNotFound', { erased: result.erased, notFound: result.notFound })
              : t('responsible.erase.erased', { erased: result.erased })}{' '}
            {result.scrubbed ? t('responsible.erase.scrubbed') : t('responsible.erase.notScrubbed')}
          </p>
          <Places places={result.places} testId="erase-result-places" />
          <EarlierFiles files={result.earlierFiles} testId="erase-result-files" />
        </div>
      ) : null}
      {confirming && preview && preview.places.length === 0 ? (
        <Dialog title={t('responsible.erase.nothingTitle')} onClose={() => setConfirming(false)} testId="erase-confirm">
          <p data-testid="erase-not-found">
            {t('responsible.erase.nothingBody', { count: ids.length })}
          </p>
          <div className="row">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      ) : null}
      {confirming && preview && preview.places.length > 0 ? (
        <Dialog title={t('responsible.erase.confirmTitle')} onClose={() => setConfirming(false)} testId="erase-confirm">
          <p>
            {preview.notFound
              ? t('responsible.erase.confirmBodyMissing', { found: preview.found, count: ids.length, notFound: preview.notFound, dataset: active ?? '' })
              : t('responsible.erase.confirmBody', { found: preview.found, count: ids.length, dataset: active ?? '' })}
          </p>
          <Places places={preview.places} testId="erase-preview-places" />
          <EarlierFiles files={preview.earlierFiles} testId="erase-preview-files" />
          <label>
            {rich('responsible.erase.typeToConfirm', { word, b: (chunks) => <strong>{chunks}</strong> })}
            <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="erase-confirm-text" autoFocus />
          </label>
          <div className="row">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={typed.trim().toUpperCase() !== word.toUpperCase() || busy}
              data-testid="erase-confirm-run"
              onClick={async () => {
                setBusy(true);
                const r = await erase(ids);
                setBusy(false);
                setConfirming(false);
                setTyped('');
                if (r) setText('');
              }}
            >
              {t('responsible.erase.run')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
