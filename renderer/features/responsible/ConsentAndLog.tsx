import { useApp } from '../../store';
import { pct } from './rate-chart';
import { useT } from '../../i18n/use-t';
import type { MessageId } from '../../../shared/i18n/catalogue';
import { intlTag } from '../../../shared/i18n/locales';
import type { AUDIT_ACTIONS } from '../../../shared/contract/ns/audit';

const ACTIONS: Record<(typeof AUDIT_ACTIONS)[number], MessageId> = {
  export: 'responsible.log.action.export',
  erasure: 'responsible.log.action.erasure',
  consent_override: 'responsible.log.action.consentOverride',
  justification: 'responsible.log.action.justification',
  sensitive_change: 'responsible.log.action.sensitiveChange',
  audit: 'responsible.log.action.audit',
  share: 'responsible.log.action.share',
  report: 'responsible.log.action.report',
  dataset_removed: 'responsible.log.action.datasetRemoved',
};

/** Marketing consent of the active dataset: how many exports and member lists keep by default. */
export function ConsentSummary() {
  const c = useApp((s) => s.consentSummary);
  const { t, rich, fmt } = useT();
  if (!c) return null;
  const values = {
    columns: c.columns.join(', '),
    yes: <strong data-testid="consent-yes">{fmt.count(c.consenting)}</strong>,
    total: c.total,
    share: pct(c.consenting / Math.max(1, c.total)),
    no: <span data-testid="consent-no">{fmt.count(c.notConsenting)}</span>,
    unknown: c.unknown,
  };
  return (
    <section className="fair-consent" aria-labelledby="consent-title" data-testid="consent-summary">
      <h2 id="consent-title">{t('responsible.consent.title')}</h2>
      {c.columns.length === 0 ? (
        <p className="muted">{t('responsible.consent.noColumn')}</p>
      ) : (
        <p>{c.unknown ? rich('responsible.consent.summaryUnknown', values) : rich('responsible.consent.summary', values)}</p>
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
  const { t, fmt, locale } = useT();
  // A moment, not a calendar date: shown in the user's time zone (formats().date is for dates, in UTC).
  const when = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="fair-log" aria-labelledby="log-title" data-testid="audit-log">
      <div className="fair-toolbar">
        <h2 id="log-title">{t('responsible.log.title')}</h2>
        <button
          type="button"
          disabled={!log?.total}
          data-testid="audit-log-export"
          onClick={async () => {
            const text = await csv();
            if (text !== null) download('segmentdesk-audit-log.csv', text);
          }}
        >
          {t('responsible.log.exportCsv')}
        </button>
      </div>
      {!log || log.total === 0 ? (
        <p className="muted">{t('responsible.log.empty')}</p>
      ) : (
        <table className="fair-table">
          <thead>
            <tr>
              <th scope="col">{t('responsible.log.when')}</th>
              <th scope="col">{t('responsible.log.who')}</th>
              <th scope="col">{t('responsible.log.action')}</th>
              <th scope="col">{t('responsible.log.what')}</th>
              <th scope="col">{t('responsible.log.howMany')}</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((e) => (
              <tr key={e.id} data-testid={`audit-entry-${e.action}`}>
                <td>{when.format(new Date(e.at))}</td>
                <td>{e.who}</td>
                <td>{ACTIONS[e.action] ? t(ACTIONS[e.action]) : e.action}</td>
                {/* What was done stays as it was recorded: the log is a record, written once. */}
                <td>{e.what}</td>
                <td>{e.count === null || e.count === undefined ? '' : fmt.count(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
