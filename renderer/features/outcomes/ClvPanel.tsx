import { useEffect, useMemo, useState } from 'react';
import { EChart } from '../../charts/EChart';
import { useApp } from '../../store';
import { describePolicyReport } from '../../../shared/contract/orders';
import { fmtAmount, fmtCount, fmtNumber } from '../../lib/format';
import { calibrationOption, clvHistogramOption, pAliveHeatmapOption } from './charts';
import { HowComputed } from '../../app/HowComputed';
import { Term } from '../../app/Term';

const fmt = (v: number, d = 4) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(d));

/** CLV: fit BG/NBD + Gamma-Gamma as a job, then parameters, distribution, P(alive) heatmap, calibration and segment shortcuts. */
export function ClvPanel() {
  const datasets = useApp((s) => s.workspace?.datasets);
  const openImport = useApp((s) => s.openImport);
  // Empty = the workspace's as-of date when set, else the last order date (decided by the engine).
  const asOfDefault = useApp((s) => s.workspace?.asOf) ?? '';
  const tx = useApp((s) => s.clvTransactions);
  const stored = useApp((s) => s.clvStored);
  const load = useApp((s) => s.loadClv);
  const start = useApp((s) => s.startClv);
  const createSegment = useApp((s) => s.createClvSegment);
  const jobs = useApp((s) => s.jobs);
  const transactions = (datasets ?? []).filter((d) => d.kind === 'transactions');
  const [asOf, setAsOf] = useState(asOfDefault);
  const [period, setPeriod] = useState<'weeks' | 'days'>('weeks');
  const [horizon, setHorizon] = useState('52');
  const [discount, setDiscount] = useState('0.1');

  useEffect(() => {
    if (!tx && transactions[0]) void load(transactions[0].name);
  }, [tx, transactions, load]);

  const running = jobs.some((j) => j.kind === 'clv' && j.state === 'running');
  const r = stored?.result;
  const charts = stored?.charts;
  const hist = useMemo(() => (charts ? clvHistogramOption(charts) : null), [charts]);
  const heat = useMemo(() => (charts && r ? pAliveHeatmapOption(charts, r.period) : null), [charts, r]);
  const cal = useMemo(() => (r?.calibration ? calibrationOption(r) : null), [r]);

  if (!transactions.length)
    return (
      <div className="empty-inline" data-testid="clv-empty">
        <p>Lifetime value is estimated from orders: import your orders file (one row per order, with customer ID, date and amount).</p>
        <button type="button" className="primary" onClick={() => openImport(null)} data-testid="clv-import">
          Import an orders file…
        </button>
      </div>
    );
  return (
    <div className="outcomes-panel" data-testid="clv-panel">
      <div className="row">
        <label className="inline">
          Transactions
          <select value={tx ?? ''} onChange={(e) => void load(e.target.value)} data-testid="clv-transactions">
            {transactions.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          As of
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="clv-asof" />
        </label>
        <label className="inline">
          Period
          <select value={period} onChange={(e) => setPeriod(e.target.value as 'weeks' | 'days')} data-testid="clv-period">
            <option value="weeks">weeks</option>
            <option value="days">days</option>
          </select>
        </label>
        <label className="inline">
          Horizon
          <input type="number" min={1} value={horizon} onChange={(e) => setHorizon(e.target.value)} style={{ width: '5em' }} data-testid="clv-horizon" />
        </label>
        <label className="inline">
          Discount / year
          <input type="number" min={0} step={0.01} value={discount} onChange={(e) => setDiscount(e.target.value)} style={{ width: '5em' }} data-testid="clv-discount" />
        </label>
        <button
          type="button"
          className="primary"
          disabled={!tx || running || (asOf !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))}
          onClick={() => tx && void start({ transactions: tx, ...(asOf ? { asOf } : {}), period, horizon: Number(horizon) || undefined, discount: Number(discount) || 0 })}
          data-testid="clv-fit"
        >
          {running ? 'Fitting…' : 'Fit CLV'}
        </button>
      </div>
      {r && charts ? (
        <>
          <p className="result-lead">
            <span className="big-figure">{fmtCount(r.customers)}</span> customers modelled, as of{' '}
            <span title={r.returns ? describePolicyReport(r.returns) : undefined} data-testid="clv-result-asof">
              {r.asOf}
              {r.asOfSource ? ` (${r.asOfSource})` : ''}
            </span>
            . <span className="big-figure">{fmtCount(charts.likelyChurned)}</span> are probably gone (
            <Term id="pAlive" /> under 30%).
          </p>
          <details className="clv-facts how-computed" data-testid="clv-params">
            <summary>Model details</summary>
            <table className="outcomes-table">
              <tbody>
                <tr>
                  <th scope="row">
                    <Term id="bgnbd" technical />
                  </th>
                  <td>
                    r = {fmt(r.bgnbd.r)}, α = {fmt(r.bgnbd.alpha)}, a = {fmt(r.bgnbd.a)}, b = {fmt(r.bgnbd.b)}; log-likelihood {fmtNumber(r.bgnbd.logLik, 1)};{' '}
                    <strong className={r.bgnbd.converged ? undefined : 'error'}>{r.bgnbd.converged ? 'converged' : 'not converged'}</strong>
                  </td>
                </tr>
                <tr>
                  <th scope="row">
                    <Term id="gammaGamma" technical />
                  </th>
                  <td>
                    {r.gammaGamma ? `p = ${fmt(r.gammaGamma.p)}, q = ${fmt(r.gammaGamma.q)}, v = ${fmt(r.gammaGamma.v)} on ${fmtCount(r.gammaGamma.customers)} repeat customers` : 'not fitted'}
                  </td>
                </tr>
                {r.calibration ? (
                  <tr>
                    <th scope="row">Holdout check</th>
                    <td data-testid="clv-calibration-summary">
                      fit to {r.calibration.cutoff}, next {fmtCount(r.calibration.holdoutDays)} days: predicted {fmtCount(r.calibration.totalPredicted)} vs actual{' '}
                      {fmtCount(r.calibration.totalActual)} purchases; mean absolute error {fmtAmount(r.calibration.mae)} per customer
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <th scope="row">Per-customer results</th>
                  <td>view {r.view}</td>
                </tr>
              </tbody>
            </table>
          </details>
          {r.warnings.map((w) => (
            <p key={w} className="warnings">
              {w}
            </p>
          ))}
          <div className="row">
            <button type="button" disabled={charts.clvTop20Threshold === null} onClick={() => void createSegment('top20')} data-testid="clv-segment-top20">
              Create segment: top 20% by CLV
            </button>
            <button type="button" disabled={charts.likelyChurned === 0} onClick={() => void createSegment('likelyChurned')} data-testid="clv-segment-churned">
              Create segment: probably gone ({fmtCount(charts.likelyChurned)})
            </button>
          </div>
          <div className="clv-charts">
            {hist ? (
              <figure>
                <figcaption>
                  <Term id="clv" /> over {r.horizon} {r.period}
                </figcaption>
                <EChart option={hist} height={240} label="Distribution of customer lifetime value" testId="clv-histogram" />
              </figure>
            ) : null}
            {heat ? (
              <figure>
                <figcaption>
                  <Term id="pAlive" />, by number of orders and time since the last
                </figcaption>
                <EChart option={heat} height={280} label="Probability alive by frequency and recency" testId="clv-heatmap" />
              </figure>
            ) : null}
            {cal ? (
              <figure>
                <figcaption>Calibration: predicted vs actual holdout purchases</figcaption>
                <EChart option={cal} height={240} label="Predicted and actual holdout purchases by calibration frequency" testId="clv-calibration" />
              </figure>
            ) : null}
          </div>
        </>
      ) : (
        <p className="hint" data-testid="clv-empty">
          No fit yet for this dataset.
        </p>
      )}
      <HowComputed topics={['asOf', 'returns', 'clv']} testId="clv-how" />
    </div>
  );
}
