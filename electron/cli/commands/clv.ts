import { required, str, UsageError, type CliCommand } from '../command';
import { runJob } from '../jobs';
import { returnsOption, RETURNS_HELP } from './returns';

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${v}"`);
  return n;
}

export const clvCommand: CliCommand = {
  path: ['clv'],
  summary: `Fit BG/NBD + Gamma-Gamma lifetime value on a transactions dataset (per-customer results in view clv_<dataset>). ${RETURNS_HELP}`,
  usage:
    'segmentdesk clv --workspace WS --transactions NAME [--as-of YYYY-MM-DD] [--returns exclude-cancelled|net-all|purchases-only] [--period days|weeks] [--horizon N] [--discount RATE] [--holdout-days N] [--json]',
  options: {
    transactions: { type: 'string' },
    'as-of': { type: 'string' },
    returns: { type: 'string' },
    period: { type: 'string' },
    horizon: { type: 'string' },
    discount: { type: 'string' },
    'holdout-days': { type: 'string' },
  },
  workspace: 'open',
  run: async (v, _p, io) => {
    const period = str(v, 'period') ?? 'weeks';
    if (period !== 'days' && period !== 'weeks') throw new UsageError(`--period must be days or weeks, not "${period}"`);
    const horizon = num(str(v, 'horizon'), 'horizon');
    const discount = num(str(v, 'discount'), 'discount');
    const holdout = num(str(v, 'holdout-days'), 'holdout-days');
    const r = await runJob(io, 'clv', {
      transactions: required(v, 'transactions'),
      ...(str(v, 'as-of') ? { asOf: str(v, 'as-of') } : {}),
      ...returnsOption(v),
      period,
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
    const b = r.bgnbd as { r: number; alpha: number; a: number; b: number; logLik: number; converged: boolean };
    const g = r.gammaGamma as { p: number; q: number; v: number; customers: number } | null;
    return [
      `${String(r.customers)} customers as of ${String(r.asOf)}, ${String(r.asOfSource)}`,
      `BG/NBD: r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)} logLik=${b.logLik.toFixed(2)} ${b.converged ? 'converged' : 'NOT converged'}`,
      g ? `Gamma-Gamma: p=${g.p.toFixed(4)} q=${g.q.toFixed(4)} v=${g.v.toFixed(4)} on ${g.customers} repeat customers` : 'Gamma-Gamma: not fitted',
      ...(r.warnings as string[]).map((w) => `warning: ${w}`),
    ].join('\n');
  },
};
