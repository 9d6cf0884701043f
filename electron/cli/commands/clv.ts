import { defineCommand, UsageError } from '../command';
import { runJob } from '../jobs';
import { RETURNS_HELP, RETURNS_OPTION } from './returns';

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${v}"`);
  return n;
}

export const clvCommand = defineCommand({
  path: ['clv'],
  summary: `Fit BG/NBD + Gamma-Gamma lifetime value on a transactions dataset (per-customer results in view clv_<dataset>). ${RETURNS_HELP}`,
  options: {
    transactions: { type: 'string', value: 'NAME', required: true, description: 'the transactions dataset' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: 'the end of the observation period (default: the last order date in the file)' },
    returns: RETURNS_OPTION,
    period: { type: 'string', choices: ['days', 'weeks'], default: 'weeks', description: 'the time unit of the fit' },
    horizon: { type: 'string', value: 'N', description: 'how many periods ahead to predict (one year when not given)' },
    discount: { type: 'string', value: 'RATE', description: 'the annual discount rate (0.1 when not given)' },
    'holdout-days': { type: 'string', value: 'N', description: 'hold back the last N days to check the fit against them' },
  },
  conventions: ['asOf', 'returns', 'clv'],
  workspace: 'open',
  run: async (v, io) => {
    const horizon = num(v.horizon, 'horizon');
    const discount = num(v.discount, 'discount');
    const holdout = num(v['holdout-days'], 'holdout-days');
    const r = await runJob(io, 'clv', {
      transactions: v.transactions,
      ...(v['as-of'] ? { asOf: v['as-of'] } : {}),
      ...(v.returns ? { returns: v.returns } : {}),
      period: v.period,
      ...(horizon !== undefined ? { horizon } : {}),
      ...(discount !== undefined ? { discount } : {}),
      ...(holdout !== undefined ? { holdoutDays: holdout } : {}),
    });
    if (r.calibration)
      io.progress(
        `calibration: fit to ${r.calibration.cutoff}, holdout ${r.calibration.holdoutDays} days: predicted ${r.calibration.totalPredicted.toFixed(0)} vs actual ${r.calibration.totalActual} purchases (MAE ${r.calibration.mae.toFixed(3)} per customer)`,
      );
    return {
      customers: r.customers,
      asOf: r.asOf,
      asOfSource: r.asOfSource,
      returns: r.returns,
      bgnbd: r.bgnbd,
      gammaGamma: r.gammaGamma,
      warnings: r.warnings,
      ms: r.ms,
    };
  },
  text: (r) => {
    const b = r.bgnbd;
    const g = r.gammaGamma;
    return [
      `${r.customers} customers as of ${r.asOf}, ${r.asOfSource}`,
      `BG/NBD: r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)} logLik=${b.logLik.toFixed(2)} ${b.converged ? 'converged' : 'NOT converged'}`,
      g ? `Gamma-Gamma: p=${g.p.toFixed(4)} q=${g.q.toFixed(4)} v=${g.v.toFixed(4)} on ${g.customers} repeat customers` : 'Gamma-Gamma: not fitted',
      ...r.warnings.map((w) => `warning: ${w}`),
    ].join('\n');
  },
});
