import { useEffect, useMemo, useState } from 'react';
import { useOnChange } from '../../app/use-on-change';
import type { Grouping } from '../../../shared/contract/ns/outcomes';
import { EChart } from '../../charts/EChart';
import { useApp } from '../../store';
import { fmtAmount, fmtCount, fmtNumber } from '../../lib/format';
import { pct, REVENUE_PER_MEMBER_LABEL, REVENUE_PER_MEMBER_NOTE, responseChartOption } from './charts';
import { defaultGroupBy, type ViewFieldChoice } from '../../lib/group-by';
import { sourceLabel } from '../../lib/field-groups';
import { overallDetail, overallLine, pCell, testLabel } from '../../lib/stats-text';
import { Term } from '../../app/Term';
import { useT } from '../../i18n/use-t';

type Mode = 'by' | 'segments' | 'run' | 'rfm';

/** Outcome + grouping → a table and a bar chart with Wilson whiskers and the base-rate line, sorted by lift. */
export function ResponsePanel({ dataset }: { dataset: string }) {
  const columns = useApp((s) => s.outcomeColumns);
  const choices = useApp((s) => s.groupingChoices);
  const result = useApp((s) => s.responseResult);
  const busy = useApp((s) => s.responseBusy);
  const run = useApp((s) => s.runResponse);
  const addToReport = useApp((s) => s.addResponseToReport);
  const canAdd = useApp((s) => s.responseParams !== null);
  // The first outcome column is chosen whenever the columns change; the groupings follow the outcome and the choices.
  const [outcome, setOutcome] = useState(() => columns[0]?.name ?? '');
  const [positive, setPositive] = useState(() => columns[0]?.suggestedPositive ?? '');
  const [mode, setMode] = useState<Mode>('by');
  // Never the ID column: it has a group per customer, which cannot be compared.
  const [by, setBy] = useState(() => defaultGroupBy(choices, outcome));
  const [segments, setSegments] = useState(() => choices.segments.slice(0, 5));
  const [runId, setRunId] = useState(() => choices.runs[0]?.run ?? '');
  const [rfm, setRfm] = useState(() => choices.rfm[0] ?? '');
  const [revenue, setRevenue] = useState('');
  // '' lets the engine decide: bands (quartiles) for a number with many values, else one group per value.
  const [bands, setBands] = useState('');
  const { t, rich, fmt, locale } = useT();
  const params = useApp((s) => s.responseParams);
  // The engine writes the comparison's notes and warnings in the window's language: a new language asks again.
  const resultLocale = useApp((s) => s.responseLocale);
  useEffect(() => {
    if (params && !busy && resultLocale !== locale) void run(params.outcome, params.positive ?? null, params.grouping, params.revenue ?? null);
  }, [locale, params, busy, resultLocale, run]);

  useOnChange([dataset, columns], () => {
    setOutcome(columns[0]?.name ?? '');
    setPositive(columns[0]?.suggestedPositive ?? '');
  });
  useOnChange([choices, outcome], () => {
    setBy(defaultGroupBy(choices, outcome));
    setRunId(choices.runs[0]?.run ?? '');
    setRfm(choices.rfm[0] ?? '');
    setSegments(choices.segments.slice(0, 5));
  });

  const col = columns.find((c) => c.name === outcome);
  const byField = choices.fields.find((f) => f.name === by);
  const fieldGroups = groupFields(choices.fields, (f) => (f.linked && f.source === 'customers' ? t('outcomes.response.linkedColumns', { dataset: f.linked }) : f.source === 'customers' ? t('outcomes.response.numberColumns') : sourceLabel(f.source, locale)));
  const grouping: Grouping | null =
    mode === 'by' ? (by ? { by, ...(bands && byField && isNumber(byField) ? { bands: Number(bands) } : {}) } : null) : mode === 'segments' ? (segments.length ? { segments } : null) : mode === 'run' ? (runId ? { run: runId } : null) : rfm ? { rfm } : null;
  const option = useMemo(() => (result ? responseChartOption(result, fmt) : null), [result, fmt]);
  const hasRevenue = !!result?.groups.some((g) => g.revenuePerCustomer !== null);

  return (
    <div className="outcomes-panel" data-testid="response-panel">
      <div className="row">
        <label className="inline">
          {t('outcomes.response.outcome')}
          <select value={outcome} onChange={(e) => {
            setOutcome(e.target.value);
            setPositive(columns.find((c) => c.name === e.target.value)?.suggestedPositive ?? '');
          }} data-testid="response-outcome">
            {columns.length === 0 ? <option value="">{t('outcomes.response.noOutcome')}</option> : null}
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {col && col.values.length ? (
          <label className="inline">
            {t('outcomes.response.positive')}
            <select value={positive} onChange={(e) => setPositive(e.target.value)} data-testid="response-positive">
              {col.values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline">
          {t('outcomes.response.compare')}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)} data-testid="response-mode">
            <option value="by">{t('outcomes.response.modeBy')}</option>
            <option value="segments">{t('outcomes.response.modeSegments')}</option>
            <option value="run">{t('outcomes.response.modeRun')}</option>
            <option value="rfm">{t('outcomes.response.modeRfm')}</option>
          </select>
        </label>
        {mode === 'by' ? (
          <select value={by} onChange={(e) => setBy(e.target.value)} aria-label={t('outcomes.response.groupBy')} data-testid="response-by">
            {by === '' ? <option value="">{t('outcomes.response.chooseColumn')}</option> : null}
            {choices.columns.filter((c) => c !== outcome).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            {fieldGroups.map(([label, fields]) => (
              <optgroup key={label} label={label} data-testid="response-by-group">
                {fields.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.banded ? t('outcomes.response.inBands', { field: f.name }) : f.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        ) : null}
        {mode === 'by' && byField && isNumber(byField) ? (
          <label className="inline">
            {t('outcomes.response.bands')}
            <select value={bands} onChange={(e) => setBands(e.target.value)} data-testid="response-bands">
              <option value="">{t('outcomes.response.bandsAuto')}</option>
              {[2, 3, 4, 5, 10].map((k) => (
                <option key={k} value={String(k)}>
                  {t('outcomes.response.bandsCount', { count: k })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {mode === 'segments' ? (
          <select multiple value={segments} onChange={(e) => setSegments([...e.target.selectedOptions].map((o) => o.value))} aria-label={t('outcomes.response.segments')} data-testid="response-segments">
            {choices.segments.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        ) : null}
        {mode === 'run' ? (
          <select value={runId} onChange={(e) => setRunId(e.target.value)} aria-label={t('outcomes.response.clusteringRun')} data-testid="response-run">
            {choices.runs.map((r) => (
              <option key={r.run} value={r.run}>
                {r.label}
              </option>
            ))}
          </select>
        ) : null}
        {mode === 'rfm' ? (
          <select value={rfm} onChange={(e) => setRfm(e.target.value)} aria-label={t('outcomes.response.rfmOf')} data-testid="response-rfm">
            {choices.rfm.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        ) : null}
        {choices.numeric.length ? (
          <label className="inline">
            {t('outcomes.response.revenue')}
            <select value={revenue} onChange={(e) => setRevenue(e.target.value)} data-testid="response-revenue">
              <option value="">{t('outcomes.response.none')}</option>
              {choices.numeric.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="primary" disabled={!outcome || !grouping || busy} onClick={() => grouping && void run(outcome, positive || null, grouping, revenue || null)} data-testid="response-run-button">
          {busy ? t('outcomes.response.comparing') : t('outcomes.response.run')}
        </button>
      </div>
      {result ? (
        <>
          <div className="row">
            <button type="button" disabled={!canAdd} onClick={() => void addToReport()} data-testid="response-add-to-report" title={t('outcomes.response.addTitle')}>
              {t('outcomes.response.add')}
            </button>
          </div>
          <p data-testid="response-base">
            {t(result.excluded ? 'outcomes.response.baseExcluded' : 'outcomes.response.base', {
              positives: result.base.positives,
              n: result.base.n,
              rate: pct(result.base.rate),
              outcome: result.outcome,
              positive: result.positive,
              excluded: result.excluded ?? 0,
            })}
          </p>
          {option ? <EChart option={option} height={300} label={t('outcomes.response.chartLabel', { outcome: result.outcome })} testId="response-chart" /> : null}
          {result.overall ? (
            <p data-testid="response-overall">
              <strong>{overallLine(result.overall)}</strong>
            </p>
          ) : null}
          {result.note ? <p className="hint" data-testid="response-note">{result.note}</p> : null}
          {result.bands ? (
            <p className="hint" data-testid="response-bands-convention">
              {result.bands.convention}
            </p>
          ) : null}
          {result.warnings.filter((w) => w !== result.bands?.convention).map((w) => (
            <p key={w} className="warnings">
              {w}
            </p>
          ))}
          <table className="outcomes-table" data-testid="response-table">
            <thead>
              <tr>
                <th>{t('outcomes.response.colGroup')}</th>
                <th>{t('outcomes.response.colCustomers')}</th>
                <th>{t('outcomes.response.colResponded')}</th>
                <th>{t('outcomes.response.colRate')}</th>
                <th>
                  <Term id="wilson" />
                </th>
                <th>{t('outcomes.response.colLift')}</th>
                <th>{rich('outcomes.response.colP', { term: <Term id="pValue" /> })}</th>
                <th>{t('outcomes.response.colTest')}</th>
                <th>
                  <Term id="pHolm" />
                </th>
                {hasRevenue ? (
                  <th title={t(REVENUE_PER_MEMBER_NOTE)} data-testid="response-revenue-header">
                    {t(REVENUE_PER_MEMBER_LABEL)}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {result.groups.map((g) => (
                <tr key={g.group}>
                  <td>
                    {g.group}
                    {g.small ? <span className="muted"> {t('outcomes.response.smallGroup')}</span> : null}
                  </td>
                  <td className="num">{fmtCount(g.n)}</td>
                  <td className="num">{fmtCount(g.positives)}</td>
                  <td className="num">{pct(g.rate)}</td>
                  <td className="num">
                    {t('outcomes.response.interval', { low: pct(g.ciLow), high: pct(g.ciHigh) })}
                  </td>
                  <td className="num">{g.lift === null ? '–' : fmtNumber(g.lift, 2)}</td>
                  <td className="num">{pCell(g.pValue)}</td>
                  <td>{testLabel(g.test)}</td>
                  <td className="num">{pCell(g.pHolm ?? g.pAdjusted)}</td>
                  {hasRevenue ? <td className="num">{fmtAmount(g.revenuePerCustomer)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          {result.methods || result.overall ? (
            <details className="outcomes-tests" data-testid="response-tests">
              <summary>{t('outcomes.response.testDetails')}</summary>
              {result.overall ? <p>{t('outcomes.response.allGroups', { detail: overallDetail(result.overall) })}</p> : null}
              {result.methods ? <p className="muted">{result.methods}</p> : null}
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** Numbers can be cut into bands (any number of bands the user asks for); other fields are compared value by value. */
function isNumber(f: ViewFieldChoice): boolean {
  return f.banded || f.numeric;
}

/** The extra "Group by" fields under one heading per source, in the order they came. */
function groupFields(fields: ViewFieldChoice[], labelOf: (f: ViewFieldChoice) => string): [string, ViewFieldChoice[]][] {
  const groups = new Map<string, ViewFieldChoice[]>();
  for (const f of fields) {
    const label = labelOf(f);
    groups.set(label, [...(groups.get(label) ?? []), f]);
  }
  return [...groups.entries()];
}
