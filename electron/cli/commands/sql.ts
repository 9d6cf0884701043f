import { SQL_DIALECTS } from '../../../shared/rules/operators';
import { defineCommand, UsageError } from '../command';
import { readRuleFile } from './count';

export const sqlCommand = defineCommand({
  path: ['sql'],
  summary:
    "A saved segment (or a rule) as SQL for another database holding the same customers table: the workspace itself (sqlite) or the client's warehouse (duckdb, postgres). " +
    "Relative dates are fixed to days counted back from the data's as-of date, so the warehouse selects what SegmentDesk counted; countSql counts customers as SegmentDesk does (distinct IDs). " +
    "Order-history conditions read the warehouse's table of the same order lines (--orders-table; default: the transactions dataset's name), with the same columns: cancellations and returns are recognised as in the workspace (the conventions printed with the SQL) and the windows count back from the transactions' as-of date. " +
    'Segments built on clusters, RFM or lifetime value compile for sqlite only (they read results computed inside the workspace).',
  options: {
    dataset: { type: 'string', value: 'NAME', description: 'the customers dataset the rule applies to (given by --segment otherwise)' },
    segment: { type: 'string', value: 'NAME', description: 'a saved segment' },
    rule: { type: 'string', value: 'RULE.json', description: 'a segment rule as a JSON file (with --dataset)' },
    dialect: { type: 'string', choices: SQL_DIALECTS, default: 'sqlite', description: 'the SQL dialect' },
    table: { type: 'string', value: 'TABLE', description: "the table to read in the target database (default: the dataset's name)" },
    'orders-table': {
      type: 'string',
      value: 'DATASET=TABLE',
      repeatable: true,
      description: "the warehouse table holding a transactions dataset's order lines, for order-history conditions (default: the dataset's name); TABLE alone when the segment reads one",
    },
  },
  groups: [{ alternatives: [['segment'], ['rule']], required: true }],
  conventions: ['asOf', 'customers'],
  workspace: 'open',
  run: async (v, io) => {
    if (v.segment === undefined && v.rule === undefined) throw new UsageError('give --segment NAME, or --dataset NAME with --rule RULE.json');
    if (v.rule !== undefined && v.dataset === undefined) throw new UsageError('--rule needs --dataset NAME');
    const rule = v.rule !== undefined ? readRuleFile(io.cwd, v.rule) : undefined;
    const ordersTables = parseOrdersTables(v['orders-table']);
    return io.api.segments.sql({
      dialect: v.dialect,
      ...(v.segment !== undefined ? { segment: v.segment } : {}),
      ...(v.dataset !== undefined ? { dataset: v.dataset } : {}),
      rule,
      ...(v.table !== undefined ? { table: v.table } : {}),
      ...(ordersTables ? { ordersTables } : {}),
    });
  },
  text: (r) =>
    [
      `-- ${r.description} (${r.dialect}; relative dates as of ${r.asOf}, ${r.asOfSource})`,
      ...r.orders.map(
        (o) =>
          `-- order history of "${o.dataset}" reads ${o.table}: customer ${o.columns.customer}, date ${o.columns.date}, ${o.columns.order ? `order ${o.columns.order}` : 'one order per line'}, ${o.columns.amount ? `amount ${o.columns.amount}` : o.columns.quantity && o.columns.price ? `amount ${o.columns.quantity} × ${o.columns.price}` : 'no amounts'}${o.recognised.length ? `; ${o.recognised.join('; ')}` : ''}; windows count back from ${o.asOf}`,
      ),
      `${r.sql};`,
      `-- parameters: ${JSON.stringify(r.params)}`,
    ].join('\n'),
});

/**
 * `--orders-table orders=sales.order_lines` (repeatable), or one bare table name, which names the only
 * transactions dataset the segment reads: given to the engine as `{ orders: 'sales.order_lines' }`,
 * the bare name under the key "*".
 */
function parseOrdersTables(items: string[] | undefined): Record<string, string> | undefined {
  if (!items?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const [dataset, table] = eq < 0 ? ['*', item] : [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
    if (!dataset || !table) throw new UsageError(`--orders-table ${item}: give DATASET=TABLE, or TABLE alone`);
    if (dataset in out) throw new UsageError(`--orders-table names "${dataset}" twice`);
    out[dataset] = table;
  }
  if ('*' in out && Object.keys(out).length > 1) throw new UsageError('--orders-table: a bare TABLE only when it is the only one; otherwise name each as DATASET=TABLE');
  return out;
}
