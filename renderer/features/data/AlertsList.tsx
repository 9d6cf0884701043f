import type { Alert } from '../../../shared/contract/ns/profile';
import { useApp } from '../../store';
import { useT } from '../../i18n/use-t';

/** The quality alerts of the active dataset; each column alert links to that column's profile. */
export function AlertsList({ alerts }: { alerts: Alert[] }) {
  const focusOnColumn = useApp((s) => s.focusOnColumn);
  const { t } = useT();
  if (alerts.length === 0) return <p className="hint">{t('data.alerts.none')}</p>;
  return (
    <ul className="alerts" data-testid="alerts-list">
      {alerts.map((a, i) => (
        <li key={`${a.kind}-${a.column}-${i}`} data-testid="alert" data-alert-kind={a.kind}>
          <span className="badge warn">{t(`data.alertKind.${a.kind}`)}</span>
          {a.column ? (
            <button type="button" className="link" onClick={() => focusOnColumn(a.column)} data-testid="alert-column">
              {a.column}
            </button>
          ) : (
            <strong>{t('data.alerts.wholeDataset')}</strong>
          )}
          <span className="alert-detail">{a.detail}</span>
        </li>
      ))}
    </ul>
  );
}
