import path from 'node:path';
import { DEFAULT_RETURNS_POLICY, RETURNS_POLICY_TEXT } from '../../../shared/contract/orders';
import { defineCommand } from '../command';

/** The conventions of the view, stated in --help (the DESIGN's counting, time and money rules). */
const CONVENTIONS =
  'One row per distinct customer ID: the customer columns come from the latest version of the customers dataset, and where an ID is on several rows, from its latest row (rows without an ID count as no one), as segment sizes count. ' +
  'Order history (orders_count, total_spend, avg_order_value, first_order_date, last_order_date, days_since_last_order, tenure_days) comes from every linked transactions dataset (several: each name ends with _<dataset>); ' +
  "days_since_last_order and tenure_days count days to the data's as-of date: the workspace's as-of date when set, else the last order date in the transactions dataset (never today); orders after it are left out. " +
  `Returns and cancellations: ${DEFAULT_RETURNS_POLICY}: ${RETURNS_POLICY_TEXT[DEFAULT_RETURNS_POLICY]} (customers without a purchase have 0 orders). ` +
  'rfm_r/f/m/segment come from the latest RFM run, p_alive/expected_purchases_365d/predicted_clv/expected_next_order_date from the latest lifetime-value fit (absent until one exists), cluster_<run> from each saved clustering run. ' +
  'A transactions dataset without a customer file gets the view from its customer IDs.';

export const customerViewCommand = defineCommand({
  path: ['customer-view'],
  summary: `The customer view c360_<dataset> (readable by any SQLite tool) and where each of its columns comes from (source: customers, orders:<dataset>, rfm, clv, cluster:<run>). ${CONVENTIONS}`,
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'a customers dataset, or a transactions dataset without one' },
    out: { type: 'string', value: 'FILE.csv', description: 'also write the view to this CSV file (PII columns left out: use export for those)' },
  },
  workspace: 'open',
  run: async (v, io) => {
    const info = await io.api.customerView.describe({ dataset: v.dataset });
    for (const n of info.notes) io.progress(`note: ${n}`);
    for (const o of info.orders) io.progress(`order history of ${o.transactions} as of ${o.asOf} (${o.asOfSource}), returns policy ${o.policy}`);
    if (v.out) {
      const w = await io.api.customerView.writeCsv({ dataset: v.dataset, path: path.resolve(io.cwd, v.out) });
      io.progress(`wrote ${w.rows} rows to ${w.path}${w.leftOut.length ? ` (PII columns left out: ${w.leftOut.join(', ')})` : ''}`);
    }
    return { view: info.view, customers: info.customers, columns: info.columns.map((c) => ({ name: c.name, type: c.type, source: c.source })) };
  },
  text: (r) => [`${r.view}: ${r.customers} customers`, ...r.columns.map((c) => `  ${c.name} (${c.type}) ← ${c.source}`)].join('\n'),
});
