import { useState } from 'react';
import { useApp } from '../../store';
import { Dialog } from '../../app/Dialog';

/** Right to erasure: IDs in, a confirmation that names the consequence, then the erasure report. */
export function EraseForm() {
  const active = useApp((s) => s.activeDataset);
  const idColumn = useApp((s) => s.workspace?.datasets.find((d) => d.name === s.activeDataset)?.idColumn ?? null);
  const erase = useApp((s) => s.eraseCustomers);
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
        Removes the customers from every version of “{active}”, linked transactions, segment snapshots, cluster assignments, RFM scores and error tables, and scrubs the
        workspace file so the values are gone from disk. The audit log records how many, never who.
      </p>
      <label>
        Customer IDs ({idColumn ?? 'no ID column'}), separated by spaces, commas or new lines
        <textarea value={text} rows={3} onChange={(e) => setText(e.target.value)} data-testid="erase-ids" />
      </label>
      <button type="button" className="danger" disabled={!ids.length || !idColumn} onClick={() => setConfirming(true)} data-testid="erase-start">
        Erase {ids.length || ''} customer{ids.length === 1 ? '' : 's'}…
      </button>
      {result ? (
        <div className="fair-erase-result" data-testid="erase-result">
          <p>
            Erased {result.erased} customer{result.erased === 1 ? '' : 's'}
            {result.notFound ? `; ${result.notFound} ID(s) not found` : ''}. {result.scrubbed ? 'Its bytes were zeroed in the file and the journal emptied.' : 'The file could not be scrubbed yet.'}
          </p>
          <ul>
            {result.places.map((p) => (
              <li key={p.place}>
                {p.place}: {p.rows} row{p.rows === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {confirming ? (
        <Dialog title="Erase customers permanently?" onClose={() => setConfirming(false)} testId="erase-confirm">
          <p>
            {ids.length} customer ID{ids.length === 1 ? '' : 's'} will be erased from “{active}” and everything derived from it. This cannot be undone.
          </p>
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
