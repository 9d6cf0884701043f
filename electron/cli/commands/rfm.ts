import { defineCommand } from '../command';
import { RETURNS_HELP, RETURNS_OPTION } from './returns';
import { describePolicyReport } from '../../../shared/contract/orders';

export const rfmCommand = defineCommand({
  path: ['rfm'],
  summary: `RFM scores and standard segments for a transactions dataset (readable as view rfm_<dataset>). ${RETURNS_HELP}`,
  options: {
    transactions: { type: 'string', value: 'NAME', required: true, description: 'the transactions dataset' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: 'the date recency counts from (default: the last order date in the file)' },
    returns: RETURNS_OPTION,
    order: { type: 'string', value: 'COL', description: 'the order ID column (detected when not given)' },
    customer: { type: 'string', value: 'COL', description: 'the customer ID column (detected when not given)' },
    date: { type: 'string', value: 'COL', description: 'the order date column (detected when not given)' },
    amount: { type: 'string', value: 'COL', description: 'the order amount column' },
    quantity: { type: 'string', value: 'COL', description: 'the quantity column, with --price, when there is no amount' },
    price: { type: 'string', value: 'COL', description: 'the unit price column, with --quantity' },
  },
  groups: [{ alternatives: [['amount'], ['quantity', 'price']], required: false }],
  conventions: ['asOf', 'returns', 'rfm', 'customers'],
  workspace: 'open',
  run: async (v, io) => {
    const columns = (['order', 'customer', 'date', 'amount', 'quantity', 'price'] as const).flatMap((k) => (v[k] ? [[k, v[k]] as const] : []));
    const r = await io.api.rfm.compute({
      transactions: v.transactions,
      ...(v['as-of'] ? { asOf: v['as-of'] } : {}),
      ...(v.returns ? { returns: v.returns } : {}),
      ...Object.fromEntries(columns),
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
      `${r.customers} customers scored as of ${r.asOf}, ${r.asOfSource} (${r.excludedRows} rows without a customer ID left out)`,
      ...(r.returns ? [describePolicyReport(r.returns)] : []),
      ...r.segments.map((s) => `  ${s.name}: ${s.count}`),
    ].join('\n'),
});
