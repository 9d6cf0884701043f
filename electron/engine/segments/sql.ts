import { quoteIdent } from '../db/open';
import {
  fieldKind,
  isAll,
  isAny,
  isClusterRef,
  isClvRef,
  isCondition,
  isNot,
  isRfmRef,
  shiftBack,
  type ConditionNode,
  type RelativeDate,
  type RuleField,
  type RuleNode,
} from '../../../shared/rules';
import { AppError } from '../../../shared/contract/result';
import { clvWhere } from './clv-ref';

export type SqlParam = string | number;

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
}

/**
 * Compile an expanded rule (segment references already inlined) to a WHERE clause.
 * Every condition yields 0 or 1, never NULL, so NOT and missing values behave exactly as in
 * the mirror evaluator: a comparison with a missing value is false, and so is its negation
 * only through an explicit "not" node. Identifiers come only from `env.fields`; values are bound.
 */
export function compileSql(rule: RuleNode, env: SqlEnv): { where: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const bind = (v: SqlParam): string => {
    params.push(v);
    return '?';
  };
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
    throw new AppError('INTERNAL', 'segment references must be expanded before compiling');
  };
  return { where: walk(rule), params };
}

function relStart(env: SqlEnv, v: RelativeDate): string {
  return shiftBack(env.asOf, v.amount, v.unit);
}

function condition(n: ConditionNode, env: SqlEnv, bind: (v: SqlParam) => string): string {
  const f = env.fields.get(n.field);
  if (!f) throw new AppError('BAD_INPUT', `unknown field "${n.field}"`);
  const col = quoteIdent(f.name);
  const kind = fieldKind(f.type);
  const v = n.value;
  const present = `${col} IS NOT NULL`;
  const guard = (expr: string) => `(${present} AND ${expr})`;
  if (n.op === 'is_empty') return kind === 'text' ? `(${col} IS NULL OR ${col} = '')` : `(${col} IS NULL)`;
  if (n.op === 'is_not_empty') return kind === 'text' ? `(${present} AND ${col} <> '')` : `(${present})`;
  if (kind === 'boolean') return guard(`${col} = ${n.op === 'is_true' ? 1 : 0}`);
  if (kind === 'number') {
    const x = v as number;
    switch (n.op) {
      case 'eq':
        return guard(`${col} = ${bind(x)}`);
      case 'neq':
        return guard(`${col} <> ${bind(x)}`);
      case 'lt':
        return guard(`${col} < ${bind(x)}`);
      case 'lte':
        return guard(`${col} <= ${bind(x)}`);
      case 'gt':
        return guard(`${col} > ${bind(x)}`);
      case 'gte':
        return guard(`${col} >= ${bind(x)}`);
      case 'between': {
        const [lo, hi] = v as number[];
        return guard(`${col} BETWEEN ${bind(lo)} AND ${bind(hi)}`);
      }
    }
  }
  if (kind === 'date') {
    // Compare the calendar day: a datetime "on 2024-05-01" is any time that day.
    const day = `substr(${col}, 1, 10)`;
    switch (n.op) {
      case 'before':
        return guard(`${day} < ${bind(v as string)}`);
      case 'after':
        return guard(`${day} > ${bind(v as string)}`);
      case 'on':
        return guard(`${day} = ${bind(v as string)}`);
      case 'between': {
        const [a, b] = v as string[];
        return guard(`${day} BETWEEN ${bind(a)} AND ${bind(b)}`);
      }
      case 'within_last':
        return guard(`${day} BETWEEN ${bind(relStart(env, v as RelativeDate))} AND ${bind(env.asOf)}`);
      case 'more_than_ago':
        return guard(`${day} < ${bind(relStart(env, v as RelativeDate))}`);
    }
  }
  if (kind === 'text') {
    switch (n.op) {
      case 'eq':
        return guard(`${col} = ${bind(v as string)}`);
      case 'neq':
        return guard(`${col} <> ${bind(v as string)}`);
      case 'in':
      case 'not_in': {
        const list = (v as string[]).map((s) => bind(s)).join(', ');
        return guard(`${col} ${n.op === 'in' ? 'IN' : 'NOT IN'} (${list})`);
      }
      // SQLite's lower() folds ASCII only; the mirror folds the same way, so both agree.
      case 'contains':
        return guard(`instr(lower(${col}), lower(${bind(v as string)})) > 0`);
      case 'starts_with': {
        const p = v as string;
        return guard(`substr(lower(${col}), 1, length(${bind(p)})) = lower(${bind(p)})`);
      }
    }
  }
  throw new AppError('BAD_INPUT', `operator "${n.op}" does not apply to ${f.type} field "${f.name}"`);
}
