import { useEffect, useMemo, useState } from 'react';
import { EChart } from '../../charts/EChart';
import { useApp } from '../../store';
import { describePolicyReport } from '../../../shared/contract/orders';
import { fmtAmount, fmtCount, fmtNumber } from '../../lib/format';
import type { Formats } from '../../../shared/i18n/format';
import { calibrationOption, clvHistogramOption, pAliveHeatmapOption } from './charts';
import { HowComputed } from '../../app/HowComputed';
import { Term } from '../../app/Term';
import { useT } from '../../i18n/use-t';

/** Model parameters: four decimals, scientific notation for very large or small ones (as written in the literature). */
const param = (f: Formats, v: number, d = 4) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : f.number(v, d));

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
  const { t, rich, fmt, locale } = useT();

  useEffect(() => {
    if (!tx && transactions[0]) void load(transactions[0].name);
  }, [tx, transactions, load]);
  // The engine says the stored fit's warnings in the window's language: a new language reads the fit again.
  const storedLocale = useApp((s) => s.clvLocale);
  useEffect(() => {
    if (tx && stored && storedLocale !== locale) void load(tx);
  }, [tx, stored, storedLocale, locale, load]);

  const running = jobs.some((j) => j.kind === 'clv' && j.state === 'running');
  const r = stored?.result;
  const charts = stored?.charts;
  const showCustomers = useApp((s) => s.showCustomers);
  /**
   * A bar of the histogram opens its customers: the bins lie between the 1st and 99th percentile, so the first
   * and last bars also hold everything below and above (clv-store.ts), and their rules are open on that side.
   */
  const seeBin = (bin: number) => {
    const h = charts?.clvHistogram;
    if (!h || !tx || bin < 0 || bin >= h.counts.length) return;
    const viewOf = (datasets ?? []).find((d) => d.name === tx)?.linkedTo ?? tx;
    const last = h.counts.length - 1;
    const conditions = [
      ...(bin > 0 ? [{ field: 'predicted_clv', op: 'gte', value: h.edges[bin] }] : []),
      ...(bin < last ? [{ field: 'predicted_clv', op: 'lt', value: h.edges[bin + 1] }] : []),
    ];
    const label =
      bin === 0 ? t('outcomes.clv.pickBelow', { to: fmt.count(h.edges[1]) }) : bin === last ? t('outcomes.clv.pickAbove', { from: fmt.count(h.edges[bin]) }) : t('outcomes.clv.pickBand', { from: fmt.count(h.edges[bin]), to: fmt.count(h.edges[bin + 1]) });
    showCustomers(viewOf, [], { rule: { all: conditions }, label });
  };
  const hist = useMemo(() => (charts ? clvHistogramOption(charts, fmt) : null), [charts, fmt]);
  const heat = useMemo(() => (charts && r ? pAliveHeatmapOption(charts, r.period, fmt) : null), [charts, r, fmt]);
  const cal = useMemo(() => (r?.calibration ? calibrationOption(r, fmt) : null), [r, fmt]);
  // English keeps the ISO date that the CLI and the methods text print; other languages read it in their own way.
  const asOfText = r ? (locale === 'en' ? r.asOf : fmt.date(r.asOf)) : '';

  if (!transactions.length)
    return (
      <div className="empty-inline" data-testid="clv-empty">
        <p>{t('outcomes.clv.emptyBody')}</p>
        <button type="button" className="primary" onClick={() => openImport(null)} data-testid="clv-import">
          {t('outcomes.clv.importOrders')}
        </button>
      </div>
    );
  return (
    <div className="outcomes-panel" data-testid="clv-panel">
      <div className="row">
        <label className="inline">
          {t('outcomes.clv.transactions')}
          <select value={tx ?? ''} onChange={(e) => void load(e.target.value)} data-testid="clv-transactions">
            {transactions.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('outcomes.clv.asOf')}
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="clv-asof" />
        </label>
        <label className="inline">
          {t('outcomes.clv.period')}
          <select value={period} onChange={(e) => setPeriod(e.target.value as 'weeks' | 'days')} data-testid="clv-period">
            <option value="weeks">{t('outcomes.clv.weeks')}</option>
            <option value="days">{t('outcomes.clv.days')}</option>
          </select>
        </label>
        <label className="inline">
          {t('outcomes.clv.horizon')}
          <input type="number" min={1} value={horizon} onChange={(e) => setHorizon(e.target.value)} style={{ width: '5em' }} data-testid="clv-horizon" />
        </label>
        <label className="inline">
          {t('outcomes.clv.discount')}
          <input type="number" min={0} step={0.01} value={discount} onChange={(e) => setDiscount(e.target.value)} style={{ width: '5em' }} data-testid="clv-discount" />
        </label>
        <button
          type="button"
          className="primary"
          disabled={!tx || running || (asOf !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))}
          // The field starts at the workspace's as-of date; sent only when changed, so the result says whose date it is.
          onClick={() => tx && void start({ transactions: tx, ...(asOf && asOf !== asOfDefault ? { asOf } : {}), period, horizon: Number(horizon) || undefined, discount: Number(discount) || 0 })}
          data-testid="clv-fit"
        >
          {running ? t('outcomes.clv.fitting') : t('outcomes.clv.fit')}
        </button>
      </div>
      {r && charts ? (
        <>
          <p className="result-lead">
            {rich('outcomes.clv.lead', {
              count: r.customers,
              n: (chunks) => <span className="big-figure">{chunks}</span>,
              when: (
                <span title={r.returns ? describePolicyReport(r.returns) : undefined} data-testid="clv-result-asof">
                  {r.asOfSource ? t('outcomes.clv.asOfWithSource', { date: asOfText, source: r.asOfSource }) : asOfText}
                </span>
              ),
            })}{' '}
            {rich('outcomes.clv.churned', { count: charts.likelyChurned, n: (chunks) => <span className="big-figure">{chunks}</span>, term: <Term id="pAlive" />, limit: fmt.percent(0.3, 0) })}
          </p>
          <details className="clv-facts how-computed" data-testid="clv-params">
            <summary>{t('outcomes.clv.modelDetails')}</summary>
            <table className="outcomes-table">
              <tbody>
                <tr>
                  <th scope="row">
                    <Term id="bgnbd" technical />
                  </th>
                  <td>
                    {rich('outcomes.clv.bgnbdParams', {
                      r: param(fmt, r.bgnbd.r),
                      alpha: param(fmt, r.bgnbd.alpha),
                      a: param(fmt, r.bgnbd.a),
                      b: param(fmt, r.bgnbd.b),
                      logLik: fmtNumber(r.bgnbd.logLik, 1),
                      state: <strong className={r.bgnbd.converged ? undefined : 'error'}>{r.bgnbd.converged ? t('outcomes.clv.converged') : t('outcomes.clv.notConverged')}</strong>,
                    })}
                  </td>
                </tr>
                <tr>
                  <th scope="row">
                    <Term id="gammaGamma" technical />
                  </th>
                  <td>
                    {r.gammaGamma
                      ? t('outcomes.clv.ggParams', { p: param(fmt, r.gammaGamma.p), q: param(fmt, r.gammaGamma.q), v: param(fmt, r.gammaGamma.v), count: r.gammaGamma.customers })
                      : t('outcomes.clv.notFitted')}
                  </td>
                </tr>
                {r.calibration ? (
                  <tr>
                    <th scope="row">{t('outcomes.clv.holdout')}</th>
                    <td data-testid="clv-calibration-summary">
                      {t('outcomes.clv.holdoutSummary', {
                        cutoff: fmt.date(r.calibration.cutoff),
                        days: r.calibration.holdoutDays,
                        predicted: fmtCount(r.calibration.totalPredicted),
                        actual: Math.round(r.calibration.totalActual),
                        mae: fmtAmount(r.calibration.mae),
                      })}
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <th scope="row">{t('outcomes.clv.perCustomer')}</th>
                  <td>{t('outcomes.clv.view', { view: r.view })}</td>
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
              {t('outcomes.clv.segmentTop', { share: fmt.percent(0.2, 0) })}
            </button>
            <button type="button" disabled={charts.likelyChurned === 0} onClick={() => void createSegment('likelyChurned')} data-testid="clv-segment-churned">
              {t('outcomes.clv.segmentChurned', { count: charts.likelyChurned })}
            </button>
          </div>
          <div className="clv-charts">
            {hist ? (
              <figure>
                <figcaption>
                  {rich('outcomes.clv.histCaption', { term: <Term id="clv" />, horizon: r.horizon, period: r.period })}
                </figcaption>
                <EChart option={hist} height={240} label={t('outcomes.clv.histLabel')} testId="clv-histogram" onClick={(p) => seeBin(p.dataIndex)} />
                <p className="hint">{t('outcomes.clv.histClick')}</p>
              </figure>
            ) : null}
            {heat ? (
              <figure>
                <figcaption>
                  {rich('outcomes.clv.heatCaption', { term: <Term id="pAlive" /> })}
                </figcaption>
                <EChart option={heat} height={280} label={t('outcomes.clv.heatLabel')} testId="clv-heatmap" />
              </figure>
            ) : null}
            {cal ? (
              <figure>
                <figcaption>{t('outcomes.clv.calCaption')}</figcaption>
                <EChart option={cal} height={240} label={t('outcomes.clv.calLabel')} testId="clv-calibration" />
              </figure>
            ) : null}
          </div>
        </>
      ) : (
        <p className="hint" data-testid="clv-empty">
          {t('outcomes.clv.noFit')}
        </p>
      )}
      <HowComputed topics={['asOf', 'returns', 'clv']} testId="clv-how" />
    </div>
  );
}
