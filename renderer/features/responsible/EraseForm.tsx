import { useState } from 'react';
import { useApp } from '../../store';
import { Dialog } from '../../app/Dialog';
import type { EarlierFile, ErasurePlace } from '../../../shared/contract/ns/erasure';

function Places({ places, testId }: { places: ErasurePlace[]; testId: string }) {
  return (
    <ul data-testid={testId}>
      {places.map((p) => (
        <li key={`${p.dataset}|${p.place}`}>
          {p.place}: {p.rows} row{p.rows === 1 ? '' : 's'}
        </li>
      ))}
    </ul>
  );
}

function EarlierFiles({ files, testId }: { files: EarlierFile[]; testId: string }) {
  if (!files.length) return null;
  return (
    <div data-testid={testId}>
      <p>Files made earlier held these customers; erasure cannot reach them: delete or correct them by hand.</p>
      <ul>
        {files.map((f) => (
          <li key={`${f.at}|${f.path}`}>
            {f.kind} {f.path} ({f.at.slice(0, 16).replace('T', ' ')})
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
  const ids = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];

  return (
    <section className="fair-erase" aria-labelledby="erase-title" data-testid="erase-form">
      <h2 id="erase-title">Erase customers</h2>
      <p className="muted">
        Removes the customers from every dataset with customer IDs (every version, linked or not), segment snapshots, cluster assignments, RFM and CLV scores and
        import error records, and scrubs the workspace file so the values are gone from disk. The audit log records how many, never who.
      </p>
      <label>
        Customer IDs ({idColumn ?? 'no ID column'}), separated by spaces, commas or new lines
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
        Erase {ids.length || ''} customer{ids.length === 1 ? '' : 's'}…
      </button>
      {result ? (
        <div className="fair-erase-result" data-testid="erase-result">
          <p>
            Erased {result.erased} customer{result.erased === 1 ? '' : 's'}
            {result.notFound ? `; ${result.notFound} ID(s) not found` : ''}. {result.scrubbed ? 'Its bytes were zeroed in the file and the journal emptied.' : 'The file could not be scrubbed yet.'}
          </p>
          <Places places={result.places} testId="erase-result-places" />
          <EarlierFiles files={result.earlierFiles} testId="erase-result-files" />
        </div>
      ) : null}
      {confirming && preview && preview.places.length === 0 ? (
        <Dialog title="Nothing to erase" onClose={() => setConfirming(false)} testId="erase-confirm">
          <p data-testid="erase-not-found">
            {ids.length === 1 ? 'This customer ID is' : `None of these ${ids.length} customer IDs is`} anywhere in the workspace: nothing would be erased. Check the IDs.
          </p>
          <div className="row">
            <button type="button" onClick={() => setConfirming(false)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
      {confirming && preview && preview.places.length > 0 ? (
        <Dialog title="Erase customers permanently?" onClose={() => setConfirming(false)} testId="erase-confirm">
          <p>
            {preview.found} of {ids.length} customer ID{ids.length === 1 ? '' : 's'} found{preview.notFound ? ` (${preview.notFound} nowhere)` : ''}, searched from “{active}” across the whole workspace.
            These rows will be erased; this cannot be undone:
          </p>
          <Places places={preview.places} testId="erase-preview-places" />
          <EarlierFiles files={preview.earlierFiles} testId="erase-preview-files" />
          <label>
            Type ERASE to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="erase-confirm-text" autoFocus />
          </label>
          <div className="row">
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              disabled={typed !== 'ERASE' || busy}
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
              Erase permanently
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
