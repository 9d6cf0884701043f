import type { Workspace } from '../workspace/workspace';
import { quoteIdent } from '../db/open';
import { AppError } from '../../../shared/contract/result';
import { describeRule, isoToDays, type RuleNode } from '../../../shared/rules';
import { columnsOf } from '../workspace/catalog';
import { getMirror, rowIndex } from '../mirror';
import { checkRule, expandRule, mirrorEnv } from '../segments/resolve';
import { evaluateRule } from '../segments/evaluate';
import { mirrorForRule } from '../customer-view/mirror-fields';
import type { Frame } from './audit';
import type { AgeReading } from '../../../shared/contract/ns/fairness';
import { datasetAsOf } from '../orders/as-of';
import { fieldsInRule, sensitiveInRule, type SensitiveUse } from './sensitive-rule';
import { msg } from '../../../shared/i18n/current';
import { customerKeys } from '../mirror/customers';
import { clusterMasks } from '../cluster/store';

/** The dataset's current version in memory with its column facts, for the audit; ages are measured at the data's as-of date. */
export function frameFor(ws: Workspace, dataset: string, ageReadings: Record<string, AgeReading> = {}): Frame {
  const mirror = getMirror(ws, dataset);
  const columns = columnsOf(ws.db, dataset).filter((c) => mirror.columns.has(c.name));
  for (const name of Object.keys(ageReadings)) {
    const c = columns.find((x) => x.name === name);
    if (!c) throw new AppError('BAD_INPUT', msg('responsible.errors.noAgeColumn', { dataset, column: name }));
    if (c.type !== 'integer' && c.type !== 'number') throw new AppError('BAD_INPUT', msg('responsible.errors.ageNotNumber', { dataset, column: name, type: c.type }));
  }
  const at = datasetAsOf(ws, dataset);
  const asOfDay = isoToDays(at.asOf);
  if (asOfDay === null) throw new AppError('BAD_INPUT', msg('responsible.errors.asOfNotDate', { asOf: at.asOf, source: at.source }));
  return { mirror, columns, asOfDay, asOf: at.asOf, asOfSource: at.source, ageReadings };
}

export interface Selection {
  mask: Uint8Array;
  rule: RuleNode;
  /** Columns the rule reads (for marking proxies that the rule uses). */
  fields: Set<string>;
  sensitiveInRule: SensitiveUse[];
  justification: string | null;
  description: string;
}

function segmentRule(ws: Workspace, name: string): RuleNode | null {
  const row = ws.db.prepare('SELECT rule_json FROM segments WHERE name = ?').pluck().get(name) as string | undefined;
  return row ? (JSON.parse(row) as RuleNode) : null;
}

/** Members of a rule over the dataset's current version (evaluated on the mirror). */
export function selectRule(ws: Workspace, frame: Frame, input: unknown, label?: string): Selection {
  const dataset = frame.mirror.dataset;
  const rule = checkRule(ws, dataset, input);
  const expanded = expandRule(ws, dataset, rule);
  // Customer-view fields the rule reads (RFM segment, p_alive, …) join the mirror by customer ID.
  const mask = evaluateRule(expanded, mirrorForRule(ws, frame.mirror, expanded), mirrorEnv(ws, frame.mirror, frame.asOf));
  const lookup = (n: string) => segmentRule(ws, n);
  return {
    mask,
    rule,
    fields: new Set(fieldsInRule(rule, lookup).map((f) => f.field)),
    sensitiveInRule: sensitiveInRule(rule, frame.columns, lookup),
    justification: null,
    description: label ?? msg('responsible.audit.targetRule', { rule: describeRule(rule) }),
  };
}

/** Members of a saved segment, re-evaluated on the current version, with its stored justification. */
export function selectSegment(ws: Workspace, frame: Frame, name: string): Selection {
  const row = ws.db.prepare('SELECT dataset, rule_json, justification FROM segments WHERE name = ?').get(name) as
    | { dataset: string; rule_json: string; justification: string | null }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', msg('responsible.errors.noSegment', { name }));
  if (row.dataset !== frame.mirror.dataset) throw new AppError('BAD_INPUT', msg('responsible.errors.segmentOtherDataset', { name, dataset: row.dataset, expected: frame.mirror.dataset }));
  const sel = selectRule(ws, frame, JSON.parse(row.rule_json), msg('responsible.audit.targetSegment', { name }));
  return { ...sel, justification: row.justification };
}

export interface ClusterSelection {
  cluster: string;
  mask: Uint8Array;
}

/** Each cluster of a run as a mask over the mirror rows, from the run's view cluster_<run>. */
export function selectClusters(ws: Workspace, frame: Frame, run: string): ClusterSelection[] {
  const view = `cluster_${run}`;
  const exists = ws.db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('view', 'table') AND name = ?").get(view);
  if (!exists) throw new AppError('NOT_FOUND', msg('responsible.errors.noRun', { run, view }));
  // The run's labels by row, when it was computed on this version and every row is a customer of its own
  // (then a member's row is its ID's only row): no join of a million IDs (2 s of a report at 1M customers).
  const m = frame.mirror;
  const byRow = Number.isInteger(Number(run)) && customerKeys(ws, m).unique ? clusterMasks(ws, Number(run), m.dataset, m.version, m.rows) : null;
  return byRow ?? selectClustersByView(ws, frame, run);
}

/** The same by joining the run's view to the mirror by customer ID (any run, any IDs). */
export function selectClustersByView(ws: Workspace, frame: Frame, run: string): ClusterSelection[] {
  const view = `cluster_${run}`;
  const cols = new Set(ws.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(view) as string[]);
  const label = cols.has('cluster_name') ? `coalesce(cluster_name, CAST(cluster AS TEXT))` : 'CAST(cluster AS TEXT)';
  const rows = ws.db.prepare(`SELECT CAST(id AS TEXT) AS id, ${label} AS c FROM ${quoteIdent(view)} ORDER BY cluster`).all() as { id: string; c: string }[];
  const index = rowIndex(ws, frame.mirror);
  const masks = new Map<string, Uint8Array>();
  for (const r of rows) {
    const i = index.get(r.id);
    if (i === undefined) continue;
    let m = masks.get(r.c);
    if (!m) masks.set(r.c, (m = new Uint8Array(frame.mirror.rows)));
    m[i] = 1;
  }
  return [...masks.entries()].map(([cluster, mask]) => ({ cluster, mask }));
}
