import type { Workspace } from '../workspace/workspace';
import { quoteIdent } from '../db/open';
import { AppError } from '../../../shared/contract/result';
import { describeRule, fieldsUsed, isAll, isAny, isClusterRef, isClvRef, isNot, isRfmRef, type RuleNode, type SqlDialect } from '../../../shared/rules';
import type { SegmentSql } from '../../../shared/contract/ns/segments';
import { datasetAsOf } from '../orders/as-of';
import { checkRule, expandRule, sqlEnv } from './resolve';
import { segmentByName } from './snapshot';
import { compileSql, type SqlEnv } from './sql';
import { historyColumns, historyProblem, historySql, historyWhere } from './history';

/** What a rule reads that only exists inside SegmentDesk (results of its own analyses). */
function workspaceOnly(n: RuleNode): string | null {
  if (isAll(n)) return n.all.map(workspaceOnly).find((x) => x !== null) ?? null;
  if (isAny(n)) return n.any.map(workspaceOnly).find((x) => x !== null) ?? null;
  if (isNot(n)) return workspaceOnly(n.not);
  if (isClusterRef(n)) return `the clustering run "${n.cluster.run}"`;
  if (isRfmRef(n)) return 'RFM scores';
  if (isClvRef(n)) return 'lifetime-value results';
  // Order history is not here: it compiles against the warehouse's table of the same order lines.
  return null;
}

/** schema.table names each part: crm.people → "crm"."people". */
const tableName = (name: string): string => name.split('.').map(quoteIdent).join('.');

/**
 * A segment (or a rule) as SQL for the customers table of another database: the workspace itself
 * (sqlite), or the client's warehouse (duckdb, postgres) holding the same columns. Relative dates
 * are fixed at the data's own as-of date, so the warehouse selects what the workspace counted.
 */
export function segmentSql(
  ws: Workspace,
  input: { dataset?: string; segment?: string; rule?: unknown; dialect: SqlDialect; table?: string; ordersTables?: Record<string, string> },
): SegmentSql {
  let dataset = input.dataset;
  let raw = input.rule;
  if (input.segment !== undefined) {
    const seg = segmentByName(ws, input.segment);
    if (dataset !== undefined && dataset !== seg.dataset) throw new AppError('BAD_INPUT', `segment "${seg.name}" is defined on "${seg.dataset}", not "${dataset}"`);
    dataset = seg.dataset;
    raw = JSON.parse(seg.rule_json) as unknown;
  }
  if (dataset === undefined || raw === undefined) throw new AppError('BAD_INPUT', 'choose a saved segment, or a dataset and a rule');
  const rule = checkRule(ws, dataset, raw);
  const expanded = expandRule(ws, dataset, rule, input.segment ? [input.segment] : []);
  const only = workspaceOnly(expanded);
  if (only && input.dialect !== 'sqlite') {
    throw new AppError('BAD_INPUT', `this segment uses ${only}, which SegmentDesk computes inside the workspace and cannot yet express for ${input.dialect}; export the segment's customers as a list instead`);
  }
  const at = datasetAsOf(ws, dataset);
  const env: SqlEnv = { ...sqlEnv(ws, dataset, at.asOf), dialect: input.dialect };
  const orders: SegmentSql['orders'] = [];
  const dialect = input.dialect;
  if (dialect === 'sqlite' && input.ordersTables && Object.keys(input.ordersTables).length)
    throw new AppError('BAD_INPUT', "orders tables name a warehouse's tables, for SQL run on DuckDB or PostgreSQL; the workspace's own SQL reads its own order lines", {
      cli: 'give --orders-table with --dialect duckdb or postgres',
    });
  if (dialect !== 'sqlite') {
    const forDataset: string = dataset;
    // Order-history conditions read the warehouse's table of the same order lines. What counts as a
    // cancellation or a return is decided on the workspace's copy, so both select the same customers.
    const named = input.ordersTables ?? {};
    env.history = (h, bind) => {
      const problem = historyProblem(ws, forDataset, h);
      if (problem) throw new AppError('BAD_INPUT', problem);
      const table = named[h.transactions] ?? named['*'] ?? h.transactions;
      const agg = historySql(ws, h, (t, asOf) => sqlEnv(ws, t, asOf), bind, {
        dialect,
        table: () => tableName(table),
        recognised: (detectedBy, asOf) => {
          if (!orders.some((o) => o.dataset === h.transactions)) orders.push({ dataset: h.transactions, table, columns: historyColumns(ws, h.transactions), recognised: detectedBy, asOf });
        },
      });
      return historyWhere(h, env.idExpr, agg, bind, dialect);
    };
  }
  const idColumn = (ws.db.prepare('SELECT id_column FROM datasets WHERE name = ?').get(dataset) as { id_column: string | null }).id_column;
  const derived = env.derived ? fieldsUsed(expanded).filter((f) => env.derived?.fields.has(f)) : [];
  if (derived.length && input.dialect !== 'sqlite') {
    throw new AppError('BAD_INPUT', `this segment uses ${derived.join(', ')} from the customer view, which SegmentDesk computes inside the workspace and cannot yet express for ${input.dialect}; export the segment's customers as a list instead`);
  }
  const { where, params } = compileSql(expanded, env);
  if ('*' in (input.ordersTables ?? {}) && orders.length > 1)
    throw new AppError('BAD_INPUT', `the segment reads the order lines of ${orders.map((o) => `"${o.dataset}"`).join(' and ')}: name the table of each (DATASET=TABLE)`);
  const unused = Object.keys(input.ordersTables ?? {}).filter((t) => t !== '*' && !orders.some((o) => o.dataset === t));
  if (unused.length) throw new AppError('BAD_INPUT', `orders tables were given for ${unused.map((t) => `"${t}"`).join(', ')}, but the segment has no order-history condition on ${unused.length > 1 ? 'them' : 'it'}`);
  const table = input.table ? tableName(input.table) : quoteIdent(dataset);
  const id = idColumn ? `CAST(${quoteIdent(idColumn)} AS TEXT)` : null;
  return {
    dialect: input.dialect,
    dataset,
    table: input.table ?? dataset,
    sql: `SELECT * FROM ${table} WHERE ${where}`,
    // Customers as SegmentDesk counts them: distinct non-empty IDs of the matching rows.
    countSql: id ? `SELECT count(DISTINCT ${id}) FROM ${table} WHERE ${where} AND ${id} IS NOT NULL` : `SELECT count(*) FROM ${table} WHERE ${where}`,
    params,
    idColumn,
    asOf: at.asOf,
    asOfSource: at.source,
    description: describeRule(rule),
    orders,
  };
}
