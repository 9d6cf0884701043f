import { required, str, type CliCommand } from '../command';

export const rfmCommand: CliCommand = {
  path: ['rfm'],
  summary: 'RFM scores and standard segments for a transactions dataset (readable as view rfm_<dataset>)',
  usage:
    'segmentdesk rfm --workspace WS --transactions NAME [--as-of YYYY-MM-DD] [--order COL] [--customer COL] [--date COL] [--amount COL | --quantity COL --price COL] [--json]',
  options: {
    transactions: { type: 'string' },
    'as-of': { type: 'string' },
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
      ...opt('order'),
      ...opt('customer'),
      ...opt('date'),
      ...opt('amount'),
      ...opt('quantity'),
      ...opt('price'),
    });
    for (const p of r.check.problems) io.progress(`warning: ${p}`);
    return { customers: r.customers, excludedRows: r.excludedRows, asOf: r.asOf, segments: r.segments, unassigned: r.unassigned, columns: r.columns, view: r.view };
  },
  text: (r) =>
    [
      `${String(r.customers)} customers scored as of ${String(r.asOf)} (${String(r.excludedRows)} rows without a customer ID left out)`,
      ...(r.segments as { name: string; count: number }[]).map((s) => `  ${s.name}: ${s.count}`),
    ].join('\n'),
};
