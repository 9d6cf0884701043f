import { msg } from '../../../shared/i18n/current';
import { quoteIdent } from '../db/open';
import { fieldKind, isAll, isAny, isClusterRef, isClvRef, isCondition, isHistoryRef, isNot, isRfmRef, operator, type ConditionNode, type HistoryCondition, type RuleField, type RuleNode, type SqlDialect, type SqlParam } from '../../../shared/rules';
import { AppError } from '../../../shared/contract/result';
import { clvWhere } from './clv-ref';

/** What the compiler needs besides the rule: the allowlist of columns and how to reach memberships. */
export interface SqlEnv {
  fields: ReadonlyMap<string, RuleField>;
  /** ISO as-of date for relative date operators. */
  asOf: string;
  /** SQL expression giving a row's member id as text (quoted ID column cast to text, or rowid). */
  idExpr: string;
  /** Quoted name of the view holding a clustering run's memberships (id, cluster, cluster_name). */
  clusterView(run: string): string;
  /** Quoted name of the RFM view (id, …, rfm_segment) for this dataset's customers. */
  rfmView(): string;
  /** Quoted name of the CLV view (id, frequency, …, clv) for this dataset's customers. */
  clvView(): string;
  /** Default sqlite (the workspace); duckdb/postgres for a segment run on the client's warehouse. */
  dialect?: SqlDialect;
  /** The WHERE term of an order-history condition (segments/history.ts), given `bind` for its values. */
  history(h: HistoryCondition, bind: (v: SqlParam) => string): string;
  /**
   * The customer view's fields (`fields` holds them too): read from the quoted `view`, one row per
   * customer, whose ID as text is the SQL expression `key`.
   */
  derived?: { view: string; key: string; fields: ReadonlySet<string> };
}

/**
 * Compile an expanded rule (segment references already inlined) to a WHERE clause.
 * Every condition yields 0 or 1, never NULL, so NOT and missing values behave exactly as in
 * the mirror evaluator: a comparison with a missing value is false, and so is its negation
 * only through an explicit "not" node. Identifiers come only from `env.fields`; values are bound.
 */
export function compileSql(rule: RuleNode, env: SqlEnv, outer?: (v: SqlParam) => string): { where: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const dialect = env.dialect ?? 'sqlite';
  // PostgreSQL numbers its placeholders and cannot infer a type for one inside length() or lower():
  // each carries its type. A rule compiled inside another (an order filter) binds into the outer list,
  // so the numbers run on; its own `params` then stay empty.
  const bind =
    outer ??
    ((v: SqlParam): string => {
      params.push(v);
      if (dialect !== 'postgres') return '?';
      return `CAST($${params.length} AS ${typeof v === 'number' ? 'DOUBLE PRECISION' : 'TEXT'})`;
    });
  const walk = (n: RuleNode): string => {
    if (isAll(n)) return n.all.length === 0 ? '1' : `(${n.all.map(walk).join(' AND ')})`;
    if (isAny(n)) return n.any.length === 0 ? '0' : `(${n.any.map(walk).join(' OR ')})`;
    if (isNot(n)) return `(NOT ${walk(n.not)})`;
    if (isCondition(n)) return condition(n, env, bind);
    if (isClusterRef(n)) {
      const c = n.cluster.cluster;
      const col = typeof c === 'number' ? 'cluster' : 'cluster_name';
      return `(${env.idExpr} IN (SELECT CAST(id AS TEXT) FROM ${env.clusterView(n.cluster.run)} WHERE ${col} = ${bind(c)}))`;
    }
    if (isRfmRef(n)) return `(${env.idExpr} IN (SELECT CAST(id AS TEXT) FROM ${env.rfmView()} WHERE rfm_segment = ${bind(n.rfm)}))`;
    if (isClvRef(n)) {
      const c = clvWhere(n.clv);
      const view = env.clvView();
      c.params.forEach(bind);
      return `(${env.idExpr} IN (SELECT CAST(id AS TEXT) FROM ${view} WHERE ${c.where}))`;
    }
    if (isHistoryRef(n)) return `(${env.history(n.history, bind)})`;
    throw new AppError('INTERNAL', 'segment references must be expanded before compiling');
  };
  return { where: walk(rule), params };
}

/** A condition from its operator's SQL template; the column comes from the allowlist, values are bound. */
function condition(n: ConditionNode, env: SqlEnv, bind: (v: SqlParam) => string): string {
  const f = env.fields.get(n.field);
  if (!f) throw new AppError('BAD_INPUT', msg('rules.validate.unknownField', { field: n.field }));
  const kind = fieldKind(f.type);
  const def = operator(n.op);
  if (!def.kinds[kind]) throw new AppError('BAD_INPUT', msg('segments.error.opNotApplicable', { op: n.op, type: f.type, field: f.name }));
  const col = quoteIdent(f.name);
  const dialect = env.dialect ?? 'sqlite';
  // Dates compare the calendar day: a datetime "on 2024-05-01" is any time that day. A warehouse may
  // type the column DATE or TIMESTAMP; as text either reads yyyy-mm-dd first.
  const x = kind === 'date' ? (dialect === 'sqlite' ? `substr(${col}, 1, 10)` : `substr(CAST(${col} AS TEXT), 1, 10)`) : col;
  const d = env.derived;
  if (d?.fields.has(f.name)) {
    // A customer-view field: the row's customer is among the view's rows meeting the condition. A row
    // whose customer has no view row (no ID) reads the field as missing, as the mirror does.
    const inner = def.sql(n.value, { col, x, kind, asOf: env.asOf, bind, dialect });
    const hit = `(${env.idExpr} IN (SELECT ${d.key} FROM ${d.view} WHERE ${def.ownsMissing ? inner : `${col} IS NOT NULL AND ${inner}`}))`;
    if (!def.ownsMissing) return hit;
    const absent = def.sql(n.value, { col: 'NULL', x: 'NULL', kind, asOf: env.asOf, bind, dialect });
    return `(CASE WHEN ${env.idExpr} IN (SELECT ${d.key} FROM ${d.view}) THEN ${hit} ELSE coalesce(${absent}, 0) END)`;
  }
  const expr = def.sql(n.value, { col, x, kind, asOf: env.asOf, bind, dialect });
  return def.ownsMissing ? expr : `(${col} IS NOT NULL AND ${expr})`;
}
