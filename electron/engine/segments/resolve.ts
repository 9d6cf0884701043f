import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { quoteIdent } from '../db/open';
import { columnsOf } from '../workspace/catalog';
import { AppError } from '../../../shared/contract/result';
import { isAll, isAny, isClusterRef, isClvRef, isHistoryRef, isNot, isRfmRef, isSegmentRef, validateRule, type RuleField, type RuleNode } from '../../../shared/rules';
import { getMirror, rowIndex, type Mirror } from '../mirror';
import type { SqlEnv } from './sql';
import type { MirrorEnv } from './evaluate';
import { clvWhere } from './clv-ref';
import { historyProblem, historySql, historyValues, historyWhere } from './history';
import { derivedFields } from '../customer-view/mirror-fields';

/**
 * The fields a rule over `dataset` may use (the identifier allowlist): the dataset's own columns, then
 * the derived fields of its customer view (order history, RFM, lifetime value, clusters).
 */
export function ruleFields(ws: Workspace, dataset: string): RuleField[] {
  const exists = ws.db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(dataset);
  if (!exists) throw new AppError('NOT_FOUND', msg('segments.error.noDataset', { dataset }));
  const own: RuleField[] = columnsOf(ws.db, dataset).map((c) => ({ name: c.name, type: c.type, sensitive: c.sensitive }));
  const derived = derivedFields(ws, dataset);
  return derived ? [...own, ...derived.fields.values()] : own;
}

function viewExists(ws: Workspace, name: string): boolean {
  return !!ws.db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('view','table') AND name = ?").get(name);
}

/** The view of a clustering run's memberships (written by the clusters capability as cluster_<run id>). */
export function clusterViewName(ws: Workspace, run: string): string | null {
  const name = `cluster_${run}`;
  return viewExists(ws, name) ? name : null;
}

/** The RFM view for a dataset's customers: its own (a transactions dataset), or that of a transactions dataset linked to it. */
export function rfmViewName(ws: Workspace, dataset: string): string | null {
  if (viewExists(ws, `rfm_${dataset}`)) return `rfm_${dataset}`;
  const linked = ws.db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND linked_to = ? ORDER BY name").all(dataset) as { name: string }[];
  for (const l of linked) if (viewExists(ws, `rfm_${l.name}`)) return `rfm_${l.name}`;
  return null;
}

/** The CLV view for a dataset's customers: its own (a transactions dataset), or that of a transactions dataset linked to it. */
export function clvViewName(ws: Workspace, dataset: string): string | null {
  if (viewExists(ws, `clv_${dataset}`)) return `clv_${dataset}`;
  const linked = ws.db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND linked_to = ? ORDER BY name").all(dataset) as { name: string }[];
  for (const l of linked) if (viewExists(ws, `clv_${l.name}`)) return `clv_${l.name}`;
  return null;
}

function savedSegment(ws: Workspace, name: string): { dataset: string; rule: RuleNode } | null {
  const row = ws.db.prepare('SELECT dataset, rule_json FROM segments WHERE name = ?').get(name) as { dataset: string; rule_json: string } | undefined;
  return row ? { dataset: row.dataset, rule: JSON.parse(row.rule_json) as RuleNode } : null;
}

function refProblem(ws: Workspace, dataset: string, n: RuleNode): string | null {
  if (isSegmentRef(n)) {
    const s = savedSegment(ws, n.segment);
    if (!s) return `unknown segment "${n.segment}"`;
    if (s.dataset !== dataset) return `segment "${n.segment}" is defined on dataset "${s.dataset}", not "${dataset}"`;
    return null;
  }
  if (isClusterRef(n)) {
    return clusterViewName(ws, n.cluster.run) ? null : `unknown clustering run "${n.cluster.run}" (no view cluster_${n.cluster.run})`;
  }
  if (isRfmRef(n)) {
    return rfmViewName(ws, dataset) ? null : `no RFM scores for "${dataset}": compute RFM on its transactions first`;
  }
  if (isClvRef(n)) {
    return clvViewName(ws, dataset) ? null : `no lifetime-value results for "${dataset}": fit CLV on its transactions first`;
  }
  if (isHistoryRef(n)) return historyProblem(ws, dataset, n.history);
  return null;
}

/** Validate a rule for a dataset; throws BAD_INPUT listing every problem (with where it is). */
export function checkRule(ws: Workspace, dataset: string, input: unknown): RuleNode {
  const res = validateRule(input, ruleFields(ws, dataset), (n) => refProblem(ws, dataset, n));
  if (!res.ok) throw new AppError('BAD_INPUT', msg('segments.error.invalidRule', { issues: res.issues.map((i) => i.message).join('; ') }), { issues: res.issues });
  return res.rule;
}

/** Inline saved-segment references (their current rules), refusing cycles. */
export function expandRule(ws: Workspace, dataset: string, rule: RuleNode, stack: string[] = []): RuleNode {
  const walk = (n: RuleNode): RuleNode => {
    if (isAll(n)) return { all: n.all.map(walk) };
    if (isAny(n)) return { any: n.any.map(walk) };
    if (isNot(n)) return { not: walk(n.not) };
    if (isSegmentRef(n)) {
      if (stack.includes(n.segment)) throw new AppError('BAD_INPUT', msg('segments.error.selfReference', { name: n.segment, chain: [...stack, n.segment].join(' → ') }));
      const s = savedSegment(ws, n.segment);
      if (!s) throw new AppError('BAD_INPUT', msg('segments.error.unknownSegment', { name: n.segment }));
      if (s.dataset !== dataset) throw new AppError('BAD_INPUT', msg('segments.error.otherDataset', { name: n.segment, dataset: s.dataset, wanted: dataset }));
      return expandRule(ws, dataset, s.rule, [...stack, n.segment]);
    }
    return n;
  };
  return walk(rule);
}

export function sqlEnv(ws: Workspace, dataset: string, asOf: string): SqlEnv {
  const idColumn = (ws.db.prepare('SELECT id_column FROM datasets WHERE name = ?').get(dataset) as { id_column: string | null } | undefined)?.id_column ?? null;
  const idExpr = idColumn ? `CAST(${quoteIdent(idColumn)} AS TEXT)` : 'CAST(rowid AS TEXT)';
  const derived = derivedFields(ws, dataset);
  return {
    fields: new Map(ruleFields(ws, dataset).map((f) => [f.name, f])),
    derived: derived ? { view: quoteIdent(derived.view), key: `CAST(${quoteIdent(derived.key)} AS TEXT)`, fields: new Set(derived.fields.keys()) } : undefined,
    asOf,
    idExpr,
    history: (h, bind) => {
      const problem = historyProblem(ws, dataset, h);
      if (problem) throw new AppError('BAD_INPUT', problem);
      return historyWhere(h, idExpr, historySql(ws, h, (t, at) => sqlEnv(ws, t, at), bind), bind);
    },
    clusterView: (run) => {
      const v = clusterViewName(ws, run);
      if (!v) throw new AppError('BAD_INPUT', msg('segments.error.unknownRun', { run: String(run) }));
      return quoteIdent(v);
    },
    rfmView: () => {
      const v = rfmViewName(ws, dataset);
      if (!v) throw new AppError('BAD_INPUT', msg('segments.error.noRfm', { dataset }));
      return quoteIdent(v);
    },
    clvView: () => {
      const v = clvViewName(ws, dataset);
      if (!v) throw new AppError('BAD_INPUT', msg('segments.error.noClv', { dataset }));
      return quoteIdent(v);
    },
  };
}

/** Cluster/RFM memberships joined onto mirror rows by id; cached until the mirror or RFM changes. */
export function mirrorEnv(ws: Workspace, m: Mirror, asOf: string): MirrorEnv {
  return {
    asOf,
    historyValues: (h) => {
      const problem = historyProblem(ws, m.dataset, h);
      if (problem) throw new AppError('BAD_INPUT', problem);
      return historyValues(ws, m, h);
    },
    refMask: (n) => {
      if (isClvRef(n)) return clvMask(ws, m, n.clv);
      const view = isClusterRef(n) ? clusterViewName(ws, n.cluster.run) : rfmViewName(ws, m.dataset);
      if (!view) throw new AppError('BAD_INPUT', isClusterRef(n) ? msg('segments.error.unknownRun', { run: String(n.cluster.run) }) : msg('segments.error.noRfm', { dataset: m.dataset }));
      const [col, value] = isClusterRef(n) ? [typeof n.cluster.cluster === 'number' ? 'cluster' : 'cluster_name', n.cluster.cluster] : ['rfm_segment', (n as { rfm: string }).rfm];
      const key = `mirror-ref:${m.dataset}:${m.version}:${view}:${col}:${String(value)}`;
      return ws.cache(key, () => {
        const index = rowIndex(ws, m);
        const mask = new Uint8Array(m.rows);
        const ids = ws.db.prepare(`SELECT CAST(id AS TEXT) FROM ${quoteIdent(view)} WHERE ${col} = ?`).pluck().all(value) as string[];
        for (const id of ids) {
          const i = index.get(id);
          if (i !== undefined) mask[i] = 1;
        }
        return mask;
      });
    },
  };
}

/** Customers of the latest CLV fit matching a `{clv:…}` node, as a mask over the mirror's rows (cached until the next fit). */
function clvMask(ws: Workspace, m: Mirror, c: Parameters<typeof clvWhere>[0]): Uint8Array {
  const view = clvViewName(ws, m.dataset);
  if (!view) throw new AppError('BAD_INPUT', msg('segments.error.noClv', { dataset: m.dataset }));
  const { where, params } = clvWhere(c);
  return ws.cache(`mirror-ref:${m.dataset}:${m.version}:${view}:${where}:${params.join(',')}`, () => {
    const index = rowIndex(ws, m);
    const mask = new Uint8Array(m.rows);
    for (const id of ws.db.prepare(`SELECT CAST(id AS TEXT) FROM ${quoteIdent(view)} WHERE ${where}`).pluck().all(...params) as string[]) {
      const i = index.get(id);
      if (i !== undefined) mask[i] = 1;
    }
    return mask;
  });
}

export { getMirror };
