import { useState } from 'react';
import { useApp } from '../../store';
import type { AuditTarget } from '../../store/responsible';
import { AttributeCard } from './AttributeCard';
import { ProxyWarnings } from './ProxyWarnings';
import { pct } from './rate-chart';
import { useT } from '../../i18n/use-t';

function targetKey(t: AuditTarget | null): string {
  return t === null ? '' : t.kind === 'segment' ? `segment:${t.name}` : `run:${t.run}`;
}

function parseKey(k: string): AuditTarget | null {
  if (k.startsWith('segment:')) return { kind: 'segment', name: k.slice(8) };
  if (k.startsWith('run:')) return { kind: 'run', run: Number(k.slice(4)) };
  return null;
}

/** Pick a saved segment or clustering run and see its fairness audit. */
export function AuditPanel() {
  const navigate = useApp((s) => s.navigate);
  const choices = useApp((s) => s.auditChoices);
  const target = useApp((s) => s.auditTarget);
  const showCustomers = useApp((s) => s.showCustomers);
  const report = useApp((s) => s.auditReport);
  const loading = useApp((s) => s.auditLoading);
  const runAudit = useApp((s) => s.runAudit);
  const missingAsReference = useApp((s) => s.auditMissingAsReference);
  const setMissingAsReference = useApp((s) => s.setAuditMissingAsReference);
  const [cluster, setCluster] = useState<string | null>(null);
  const { t, rich, fmt } = useT();

  const clusterRow = report?.clusters?.find((c) => c.cluster === cluster) ?? report?.clusters?.[0];
  const attributes = report?.clusters ? (clusterRow?.attributes ?? []) : (report?.attributes ?? []);
  const flagged = attributes.filter((a) => a.flag).length;

  return (
    <section className="fair-audit" aria-labelledby="audit-title">
      <div className="fair-toolbar">
        <h2 id="audit-title">{t('responsible.audit.title')}</h2>
        <label className="inline">
          {t('responsible.audit.target')}
          <select
            value={targetKey(target)}
            onChange={(e) => {
              const next = parseKey(e.target.value);
              setCluster(null);
              if (next) void runAudit(next);
            }}
            data-testid="audit-target"
          >
            <option value="">{t('responsible.audit.choose')}</option>
            {choices.segments.length ? (
              <optgroup label={t('responsible.audit.segments')}>
                {choices.segments.map((s) => (
                  <option key={s.name} value={`segment:${s.name}`}>
                    {t('responsible.audit.segmentOption', { name: s.name, size: s.size })}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {choices.runs.length ? (
              <optgroup label={t('responsible.audit.runs')}>
                {choices.runs.map((r) => (
                  <option key={r.run} value={`run:${r.run}`}>
                    {t('responsible.audit.runOption', { run: r.run, k: r.k, features: r.features.join(', ') })}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        {report?.clusters ? (
          <label className="inline">
            {t('responsible.audit.cluster')}
            <select value={clusterRow?.cluster ?? ''} onChange={(e) => setCluster(e.target.value)} data-testid="audit-cluster">
              {report.clusters.map((c) => (
                <option key={c.cluster} value={c.cluster}>
                  {t('responsible.audit.clusterOption', { cluster: c.cluster, size: c.selected })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline" title={t('responsible.audit.missingReferenceHint')}>
          <input type="checkbox" checked={missingAsReference} onChange={(e) => void setMissingAsReference(e.target.checked)} data-testid="audit-missing-reference" />
          {t('responsible.audit.missingReference')}
        </label>
        {loading ? <span className="loading">{t('responsible.audit.auditing')}</span> : null}
      </div>
      {!choices.segments.length && !choices.runs.length ? (
        <div data-testid="audit-none">
          <p className="muted">{t('responsible.audit.nothingToAudit')}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => navigate('segments')}>
              {t('responsible.audit.buildSegment')}
            </button>
            <button type="button" onClick={() => navigate('clusters')}>
              {t('responsible.audit.findGroups')}
            </button>
          </div>
        </div>
      ) : null}
      {report ? (
        <div data-testid="audit-report">
          <p className="fair-summary" data-testid="audit-summary">
            {t('responsible.audit.summary', {
              target: report.target,
              selected: fmt.count(clusterRow?.selected ?? report.selected),
              base: report.base,
              share: pct((clusterRow?.selected ?? report.selected) / Math.max(1, report.base)),
            })}{' '}
            {attributes.length ? (
              flagged ? (
                <strong className="bad">{t('responsible.audit.flagged', { count: flagged })}</strong>
              ) : (
                t('responsible.audit.noneFlagged')
              )
            ) : null}
          </p>
          {report.sensitiveInRule.length ? (
            <div className="fair-justification" data-testid="audit-justification">
              <p>
                {rich('responsible.audit.ruleUses', {
                  count: report.sensitiveInRule.length,
                  columns: report.sensitiveInRule.map((s) => s.column).join(', '),
                  b: (chunks) => <strong>{chunks}</strong>,
                })}
              </p>
              <p>
                {report.justification
                  ? rich('responsible.audit.justification', { text: report.justification, q: (chunks) => <q>{chunks}</q> })
                  : rich('responsible.audit.noJustification', { em: (chunks) => <em>{chunks}</em> })}
              </p>
            </div>
          ) : null}
          {report.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          <div className="fair-grid">
            {attributes.map((a) => (
              <AttributeCard
                key={a.attribute}
                a={a}
                composition={report.clusters && clusterRow ? { selected: clusterRow.selected, base: report.base } : undefined}
                see={(value) => {
                  // The selected customers of this group: in the segment (or the cluster shown), with this value.
                  const within = target?.kind === 'segment' ? { segment: target.name } : target?.kind === 'run' && clusterRow ? { cluster: { run: target.run, cluster: clusterRow.cluster } } : null;
                  if (!within) return;
                  showCustomers(report.dataset, [], { rule: { all: [within, { field: a.attribute, op: 'eq', value }] }, label: t('responsible.card.pickLabel', { target: report.target, attribute: a.attribute, value }) });
                }}
              />
            ))}
          </div>
          {report.methods ? (
            <details className="fair-methods" data-testid="audit-methods">
              <summary>{t('responsible.audit.howTestsWork')}</summary>
              <p className="muted">{report.methods}</p>
            </details>
          ) : null}
          <ProxyWarnings proxies={report.proxies} />
        </div>
      ) : null}
    </section>
  );
}
