import { useApp } from '../../store';
import { pct } from './rate-chart';

/** Marketing consent of the active dataset: how many exports and member lists keep by default. */
export function ConsentSummary() {
  const c = useApp((s) => s.consentSummary);
  if (!c) return null;
  return (
    <section className="fair-consent" aria-labelledby="consent-title" data-testid="consent-summary">
      <h2 id="consent-title">Consent</h2>
      {c.columns.length === 0 ? (
        <p className="muted">This dataset has no consent column (role “consent”): exports cannot filter by consent. Set a column’s role to consent in Data if it records it.</p>
      ) : (
        <p>
          From {c.columns.join(', ')}: <strong data-testid="consent-yes">{c.consenting.toLocaleString()}</strong> of {c.total.toLocaleString()} customers (
          {pct(c.consenting / Math.max(1, c.total))}) consented to marketing; exports and member lists leave out the other{' '}
          <span data-testid="consent-no">{c.notConsenting.toLocaleString()}</span>
          {c.unknown ? ` (${c.unknown.toLocaleString()} with no recorded answer)` : ''} unless you override it, which the audit log records.
        </p>
      )}
    </section>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Exports, erasures, consent overrides and justifications: who, when, what, how many. */
export function AuditLog() {
  const log = useApp((s) => s.auditLog);
  const csv = useApp((s) => s.auditLogCsv);
  return (
    <section className="fair-log" aria-labelledby="log-title" data-testid="audit-log">
      <div className="fair-toolbar">
        <h2 id="log-title">Audit log</h2>
        <button
          type="button"
          disabled={!log?.total}
          data-testid="audit-log-export"
          onClick={async () => {
            const text = await csv();
            if (text !== null) download('segmentdesk-audit-log.csv', text);
          }}
        >
          Export CSV
        </button>
      </div>
      {!log || log.total === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table className="fair-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">What</th>
              <th scope="col">How many</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((e) => (
              <tr key={e.id} data-testid={`audit-entry-${e.action}`}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.who}</td>
                <td>{e.action.replace('_', ' ')}</td>
                <td>{e.what}</td>
                <td>{e.count ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
