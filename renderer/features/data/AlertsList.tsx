import type { Alert } from '../../../shared/contract/ns/profile';
import { useApp } from '../../store';

/** The quality alerts of the active dataset; each column alert links to that column's profile. */
export function AlertsList({ alerts }: { alerts: Alert[] }) {
  const focusOnColumn = useApp((s) => s.focusOnColumn);
  if (alerts.length === 0) return <p className="hint">No quality alerts.</p>;
  return (
    <ul className="alerts" data-testid="alerts-list">
      {alerts.map((a, i) => (
        <li key={`${a.kind}-${a.column}-${i}`} data-testid="alert" data-alert-kind={a.kind}>
          <span className="badge warn">{a.kind.replace(/_/g, ' ')}</span>
          {a.column ? (
            <button type="button" className="link" onClick={() => focusOnColumn(a.column)} data-testid="alert-column">
              {a.column}
            </button>
          ) : (
            <strong>whole dataset</strong>
          )}
          <span className="alert-detail">{a.detail}</span>
        </li>
      ))}
    </ul>
  );
}
