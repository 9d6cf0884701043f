import type { RuleField, RuleNode } from '../../../shared/rules';
import { fieldsUsed } from '../../../shared/rules';
import type { ColumnInfo, ColumnType } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import { planView } from './plan';
import { rebuildCustomerViews, VIEW_CACHE_PREFIX } from './rebuild';
import { columnFrom, mirrorWith, preload, type Mirror, type MirrorColumn } from '../mirror';
import { columnsOf } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';

/** A customer-view field offered to rules on a dataset, and where it comes from (`orders:<t>`, `rfm`, `clv`, `cluster:<run>`). */
export interface DerivedField extends RuleField {
  type: ColumnType;
  source: string;
}

/**
 * The customer-view fields a rule on `dataset` may use besides the file's own columns: those of
 * c360_<dataset> that are not the file's (order history, RFM, lifetime value, clusters). A derived
 * name that is also one of the file's columns stays the file's in rules (saved rules keep meaning
 * what they meant); the view itself shows that column as file_<name>.
 */
export interface DerivedFields {
  view: string;
  /** The view's column holding the customer ID (rows of the dataset join on it by their ID as text). */
  key: string;
  fields: Map<string, DerivedField>;
}

export function derivedFields(ws: Workspace, dataset: string): DerivedFields | null {
  return ws.cache(`${VIEW_CACHE_PREFIX}fields:${dataset}`, () => {
    let plan;
    try {
      plan = planView(ws, dataset);
    } catch {
      return null;
    }
    if (!plan) return null;
    const current = ws.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?").pluck().get(plan.view) as string | undefined;
    if (current !== plan.create) {
      if (ws.db.readonly) return null;
      rebuildCustomerViews(ws);
      if (!ws.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?").get(plan.view)) return null;
    }
    const own = new Set(columnsOf(ws.db, dataset).map((c) => c.name));
    const fields = new Map<string, DerivedField>();
    for (const c of plan.columns) {
      if (c.source === 'customers' || c.name === plan.idColumn || own.has(c.name)) continue;
      fields.set(c.name, { name: c.name, type: c.type, sensitive: false, source: c.source });
    }
    return fields.size ? { view: plan.view, key: plan.idColumn, fields } : null;
  });
}

/**
 * A derived field as a mirror column over `m`'s rows: row i holds the value of customer m.ids[i]
 * (every row of a repeated ID the same value; a row without an ID: missing), as SQL reads it through
 * the view. Built once per field and dataset version, until the view's inputs change.
 */
export function derivedColumn(ws: Workspace, m: Mirror, d: DerivedFields, name: string): MirrorColumn {
  return ws.cache(`${VIEW_CACHE_PREFIX}mirror:${m.dataset}:${m.version}:${name}`, () => {
    const f = d.fields.get(name);
    if (!f) throw new Error(`no customer-view field ${name}`);
    const rows = ws.db.prepare(`SELECT CAST(${quoteIdent(d.key)} AS TEXT), ${quoteIdent(name)} FROM ${quoteIdent(d.view)}`).raw(true).all() as [string | null, unknown][];
    const byId = new Map<string, unknown>();
    for (const [id, v] of rows) if (id !== null) byId.set(id, v);
    return columnFrom(name, f.type, m.rows, (i) => byId.get(m.ids[i]) ?? null);
  });
}

/** The derived fields as catalogue columns (behavioural, not PII, not sensitive; clusters role `other`), with their source. */
export function derivedColumnInfos(ws: Workspace, dataset: string): (ColumnInfo & { source: string })[] {
  const d = derivedFields(ws, dataset);
  if (!d) return [];
  return [...d.fields.values()].map((f) => ({
    name: f.name,
    type: f.type,
    role: f.source.startsWith('cluster:') ? ('other' as const) : ('behavioural' as const),
    pii: false,
    sensitive: false,
    sensitiveCategory: null,
    missing: 0,
    source: f.source,
  }));
}

/** Per customer ID (as text), the named derived fields' values, read from the view in one pass. */
export function derivedValuesById(ws: Workspace, dataset: string, names: readonly string[]): Map<string, unknown[]> {
  const d = derivedFields(ws, dataset);
  const out = new Map<string, unknown[]>();
  if (!d || names.length === 0) return out;
  for (const n of names) if (!d.fields.has(n)) throw new Error(`no customer-view field ${n}`);
  const rows = ws.db.prepare(`SELECT CAST(${quoteIdent(d.key)} AS TEXT), ${names.map(quoteIdent).join(', ')} FROM ${quoteIdent(d.view)}`).raw(true).all() as unknown[][];
  for (const r of rows) if (r[0] !== null) out.set(r[0] as string, r.slice(1));
  return out;
}

/** `m` with the named derived fields added as columns (the mirror itself when none is asked for). */
export function withDerivedColumns(ws: Workspace, m: Mirror, names: Iterable<string>): Mirror {
  const wanted = [...names].filter((n) => !m.columns.has(n));
  if (wanted.length === 0) return m;
  const d = derivedFields(ws, m.dataset);
  const found = d ? wanted.filter((n) => d.fields.has(n)) : [];
  if (!d || found.length === 0) return m;
  return mirrorWith(m, new Map(found.map((n) => [n, derivedColumn(ws, m, d, n)])));
}

/** The mirror a rule evaluates on: the dataset's own columns plus the derived fields the rule reads. */
export function mirrorForRule(ws: Workspace, m: Mirror, rule: RuleNode): Mirror {
  const used = fieldsUsed(rule);
  // The file's columns the rule reads, in one pass (the others are never read).
  preload(m, used);
  return withDerivedColumns(ws, m, used);
}
