import { required, str, type CliCommand } from '../command';
import { returnsOption, RETURNS_HELP } from './returns';
import { describePolicyReport, type OrderPolicyReport } from '../../../shared/contract/orders';

export const rfmCommand: CliCommand = {
  path: ['rfm'],
  summary: `RFM scores and standard segments for a transactions dataset (readable as view rfm_<dataset>). ${RETURNS_HELP}`,
  usage:
    'segmentdesk rfm --workspace WS --transactions NAME [--as-of YYYY-MM-DD] [--returns exclude-cancelled|net-all|purchases-only] [--order COL] [--customer COL] [--date COL] [--amount COL | --quantity COL --price COL] [--json]',
  options: {
    transactions: { type: 'string' },
    'as-of': { type: 'string' },
    returns: { type: 'string' },
    order: { type: 'string' },
    customer: { type: 'string' },
    date: { type: 'string' },
    amount: { type: 'string' },
    quantity: { type: 'string' },
    price: { type: 'string' },
  },
  workspace: 'open',
  run: async (v, _p, io) => {
    const opt = (k: string) => (str(v, k) ? { [k]: str(v, k) } : {});
    const r = await io.api.rfm.compute({
      transactions: required(v, 'transactions'),
      ...(str(v, 'as-of') ? { asOf: str(v, 'as-of') } : {}),
      ...returnsOption(v),
      ...opt('order'),
      ...opt('customer'),
      ...opt('date'),
      ...opt('amount'),
      ...opt('quantity'),
      ...opt('price'),
    });
    for (const p of [...(r.warnings ?? []), ...r.check.problems]) io.progress(`warning: ${p}`);
    return {
      customers: r.customers,
      excludedRows: r.excludedRows,
      asOf: r.asOf,
      asOfSource: r.asOfSource,
      segments: r.segments,
      unassigned: r.unassigned,
      columns: r.columns,
      view: r.view,
      returns: r.returns,
    };
  },
  text: (r) =>
    [
      `${String(r.customers)} customers scored as of ${String(r.asOf)}, ${String(r.asOfSource)} (${String(r.excludedRows)} rows without a customer ID left out)`,
      describePolicyReport(r.returns as OrderPolicyReport),
      ...(r.segments as { name: string; count: number }[]).map((s) => `  ${s.name}: ${s.count}`),
    ].join('\n'),
};
