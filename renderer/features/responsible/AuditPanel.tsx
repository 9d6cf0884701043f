import { useState } from 'react';
import { useApp } from '../../store';
import type { AuditTarget } from '../../store/responsible';
import { AttributeCard } from './AttributeCard';
import { ProxyWarnings } from './ProxyWarnings';
import { pct } from './rate-chart';

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
  const report = useApp((s) => s.auditReport);
  const loading = useApp((s) => s.auditLoading);
  const runAudit = useApp((s) => s.runAudit);
  const missingAsReference = useApp((s) => s.auditMissingAsReference);
  const setMissingAsReference = useApp((s) => s.setAuditMissingAsReference);
  const [cluster, setCluster] = useState<string | null>(null);

  const clusterRow = report?.clusters?.find((c) => c.cluster === cluster) ?? report?.clusters?.[0];
  const attributes = report?.clusters ? (clusterRow?.attributes ?? []) : (report?.attributes ?? []);
  const flagged = attributes.filter((a) => a.flag).length;

  return (
    <section className="fair-audit" aria-labelledby="audit-title">
      <div className="fair-toolbar">
        <h2 id="audit-title">Fairness audit</h2>
        <label className="inline">
          Audit
          <select
            value={targetKey(target)}
            onChange={(e) => {
              const t = parseKey(e.target.value);
              setCluster(null);
              if (t) void runAudit(t);
            }}
            data-testid="audit-target"
          >
            <option value="">Choose a segment or clustering run…</option>
            {choices.segments.length ? (
              <optgroup label="Segments">
                {choices.segments.map((s) => (
                  <option key={s.name} value={`segment:${s.name}`}>
                    {s.name} ({s.size.toLocaleString()})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {choices.runs.length ? (
              <optgroup label="Clustering runs">
                {choices.runs.map((r) => (
                  <option key={r.run} value={`run:${r.run}`}>
                    Run {r.run}: k = {r.k} on {r.features.join(', ')}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        {report?.clusters ? (
          <label className="inline">
            Cluster
            <select value={clusterRow?.cluster ?? ''} onChange={(e) => setCluster(e.target.value)} data-testid="audit-cluster">
              {report.clusters.map((c) => (
                <option key={c.cluster} value={c.cluster}>
                  {c.cluster} ({c.selected.toLocaleString()})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline" title="By default customers without a value are shown but never set the reference (highest) rate.">
          <input type="checkbox" checked={missingAsReference} onChange={(e) => void setMissingAsReference(e.target.checked)} data-testid="audit-missing-reference" />
          “(missing)” may set the reference rate
        </label>
        {loading ? <span className="loading">Auditing…</span> : null}
      </div>
      {!choices.segments.length && !choices.runs.length ? (
        <div data-testid="audit-none">
          <p className="muted">The audit checks a segment or a set of groups. Save a segment or find groups in this dataset first.</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => navigate('segments')}>
              Build a segment
            </button>
            <button type="button" onClick={() => navigate('clusters')}>
              Find groups
            </button>
          </div>
        </div>
      ) : null}
      {report ? (
        <div data-testid="audit-report">
          <p className="fair-summary" data-testid="audit-summary">
            {report.target}: {(clusterRow?.selected ?? report.selected).toLocaleString()} of {report.base.toLocaleString()} customers (
            {pct((clusterRow?.selected ?? report.selected) / Math.max(1, report.base))}).{' '}
            {attributes.length ? (flagged ? <strong className="bad">{flagged} attribute(s) below the four-fifths line.</strong> : 'No attribute below the four-fifths line.') : null}
          </p>
          {report.sensitiveInRule.length ? (
            <div className="fair-justification" data-testid="audit-justification">
              <p>
                The rule uses sensitive {report.sensitiveInRule.length > 1 ? 'attributes' : 'attribute'}{' '}
                <strong>{report.sensitiveInRule.map((s) => s.column).join(', ')}</strong>.
              </p>
              <p>Justification: {report.justification ? <q>{report.justification}</q> : <em>none recorded</em>}</p>
            </div>
          ) : null}
          {report.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          <div className="fair-grid">
            {attributes.map((a) => (
              <AttributeCard key={a.attribute} a={a} composition={report.clusters && clusterRow ? { selected: clusterRow.selected, base: report.base } : undefined} />
            ))}
          </div>
          {report.methods ? (
            <details className="fair-methods" data-testid="audit-methods">
              <summary>How the tests work</summary>
              <p className="muted">{report.methods}</p>
            </details>
          ) : null}
          <ProxyWarnings proxies={report.proxies} />
        </div>
      ) : null}
    </section>
  );
}
