import path from 'node:path';
import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import { describeRule, type RuleNode } from '../../../shared/rules';

/**
 * What a PII-free share copy keeps, table by table (docs/SECURITY.md has the same list with the
 * reasons). A table of the workspace that is not listed here, not a dataset version table and not
 * a registered table of customer IDs is dropped from the copy: what nobody listed, nobody vetted.
 *
 * How a column is treated:
 *  - keep: structure, counts, settings, numbers, identifiers the engine generated;
 *  - free: free text that can carry anything (raw text of import errors, justifications, file names,
 *    audit descriptions, the OS user name): removed (strip-pii) or replaced by its pseudonym;
 *  - rule: a segment rule: literals compared with a PII column become their pseudonyms and the
 *    description is written again from the rule.
 * Customer IDs in derived tables (memberships, scores) are kept; if the ID column itself is PII,
 * the sweep replaces every copy of an ID by its pseudonym.
 */
export const SHARE_ALLOWLIST: Record<string, Record<string, 'keep' | 'free' | 'rule'>> = {
  meta: { key: 'keep', value: 'keep' },
  datasets: { name: 'keep', kind: 'keep', id_column: 'keep', linked_to: 'keep', current_version: 'keep', created_at: 'keep' },
  dataset_versions: {
    dataset: 'keep',
    version: 'keep',
    table_name: 'keep',
    rows: 'keep',
    cell_errors: 'keep',
    source_file: 'free',
    encoding: 'keep',
    delimiter: 'keep',
    options_json: 'keep',
    imported_at: 'keep',
  },
  dataset_columns: { dataset: 'keep', position: 'keep', name: 'keep', type: 'keep', role: 'keep', pii: 'keep', sensitive: 'keep', sensitive_category: 'keep' },
  dataset_transaction_columns: {
    dataset: 'keep',
    order_column: 'keep',
    customer_column: 'keep',
    date_column: 'keep',
    amount_column: 'keep',
    quantity_column: 'keep',
    price_column: 'keep',
  },
  cell_errors: { dataset: 'keep', version: 'keep', row: 'keep', column_name: 'keep', raw: 'free', problem: 'keep' },
  column_stats: { dataset: 'keep', version: 'keep', column_name: 'keep', missing: 'keep' },
  audit_log: { id: 'keep', at: 'keep', who: 'free', action: 'keep', dataset: 'keep', what: 'free', count: 'keep', details_json: 'free' },
  erasable_tables: { table_name: 'keep', dataset: 'keep', id_column: 'keep', key_kind: 'keep', version: 'keep', place: 'keep' },
  segments: { id: 'keep', name: 'keep', dataset: 'keep', rule_json: 'rule', description: 'rule', justification: 'free', created_at: 'keep', updated_at: 'keep' },
  segment_versions: {
    segment_id: 'keep',
    seq: 'keep',
    dataset_version: 'keep',
    rule_json: 'rule',
    description: 'rule',
    justification: 'free',
    sensitive_fields: 'keep',
    as_of: 'keep',
    size: 'keep',
    total: 'keep',
    reason: 'keep',
    created_at: 'keep',
  },
  segment_members: { segment_id: 'keep', seq: 'keep', id: 'keep' },
  rfm_scores: { dataset: 'keep', id: 'keep', recency_days: 'keep', frequency: 'keep', monetary: 'keep', r: 'keep', f: 'keep', m: 'keep', rfm_segment: 'keep' },
  rfm_runs: { dataset: 'keep', dataset_version: 'keep', as_of: 'keep', columns_json: 'keep', grid_json: 'keep', customers: 'keep', excluded_rows: 'keep', computed_at: 'keep' },
  cluster_runs: { id: 'keep', dataset: 'keep', version: 'keep', created_at: 'keep', k: 'keep', seed: 'keep', features_json: 'keep', settings_json: 'keep', result_json: 'keep' },
  cluster_names: { run_id: 'keep', cluster: 'keep', name: 'keep', suggested: 'keep' },
  cluster_members: { run_id: 'keep', row_index: 'keep', row_id: 'keep', id: 'keep', cluster: 'keep' },
  clv_runs: { dataset: 'keep', dataset_version: 'keep', as_of: 'keep', result_json: 'keep', computed_at: 'keep' },
  clv_scores: {
    dataset: 'keep',
    id: 'keep',
    frequency: 'keep',
    recency: 'keep',
    T: 'keep',
    monetary: 'keep',
    p_alive: 'keep',
    expected_purchases: 'keep',
    expected_spend: 'keep',
    clv: 'keep',
  },
  sqlite_sequence: { name: 'keep', seq: 'keep' },
  sqlite_stat1: { tbl: 'keep', idx: 'keep', stat: 'keep' },
};

/** Meta entries a copy keeps: when the workspace was made, its as-of date, the RFM grid, and that it is a copy. */
export const META_KEEP = ['created_at', 'as_of', 'rfm_grid', 'shared_copy'];

/** Audit details kept as written: settings and counts, never file names, justifications or free text. */
const AUDIT_DETAIL_KEYS = new Set(['mode', 'format', 'place', 'sections', 'omitted', 'sensitive', 'piiColumns', 'droppedViews', 'columns', 'consentColumns', 'category', 'column']);

export type FreeText = (value: string) => string | null;

/**
 * Apply the allowlist to a copy: unlisted tables and columns go (registered derived tables of customer
 * IDs and dataset version tables are handled by the caller), free text is removed or pseudonymised.
 * `free` maps a free-text value to what the copy keeps (null: removed).
 */
export function applyAllowlist(db: Db, free: FreeText, piiFields: (dataset: string) => Set<string>, pseudo: (v: string) => string): string[] {
  const versionTables = new Set(db.prepare('SELECT table_name FROM dataset_versions').pluck().all() as string[]);
  const registered = new Set(db.prepare('SELECT table_name FROM erasable_tables').pluck().all() as string[]);
  const dropped: string[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    if (versionTables.has(t) || registered.has(t)) continue;
    const policy = SHARE_ALLOWLIST[t];
    if (t.startsWith('sqlite_')) {
      // Statistics samples (sqlite_stat4/3) hold copies of indexed values.
      if (!policy) db.exec(`DELETE FROM ${quoteIdent(t)}`);
      continue;
    }
    if (!policy) {
      db.exec(`DROP TABLE ${quoteIdent(t)}`);
      dropped.push(t);
      continue;
    }
    // A column added later by a capability is left out until it is listed here.
    const unlisted = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).filter((c) => !(c in policy));
    try {
      for (const c of unlisted) db.exec(`ALTER TABLE ${quoteIdent(t)} DROP COLUMN ${quoteIdent(c)}`);
    } catch {
      // SQLite cannot drop a key or indexed column: then the table goes.
      db.exec(`DROP TABLE ${quoteIdent(t)}`);
      dropped.push(t);
    }
  }
  db.prepare(`DELETE FROM meta WHERE key NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(META_KEEP));
  for (const r of db.prepare('SELECT rowid AS id, dataset, version, source_file FROM dataset_versions').all() as { id: number; dataset: string; version: number; source_file: string }[]) {
    // The file's type stays readable; its name (a client's, a folder's) does not.
    const ext = path.extname(r.source_file.replace(/\\/g, '/')).slice(0, 8);
    db.prepare('UPDATE dataset_versions SET source_file = ? WHERE rowid = ?').run(`${free(r.source_file) ?? `${r.dataset} version ${r.version}`}${ext}`, r.id);
  }
  const rawOf = db.prepare('UPDATE cell_errors SET raw = ? WHERE rowid = ?');
  for (const r of db.prepare('SELECT rowid AS id, raw FROM cell_errors').all() as { id: number; raw: string }[]) rawOf.run(free(r.raw) ?? '', r.id);
  const audit = db.prepare('UPDATE audit_log SET who = ?, what = ?, details_json = ? WHERE id = ?');
  for (const r of db.prepare('SELECT id, who, action, count, details_json FROM audit_log').all() as { id: number; who: string; action: string; count: number | null; details_json: string }[]) {
    const what = `${r.action.replace(/_/g, ' ')}${r.count === null ? '' : ` (${r.count})`}: description left out of the shared copy`;
    audit.run(free(r.who) ?? '(left out)', what, JSON.stringify(auditDetails(JSON.parse(r.details_json) as unknown, free)), r.id);
  }
  for (const table of ['segments', 'segment_versions'] as const) {
    const rows = db
      .prepare(`SELECT s.rowid AS rid, s.rule_json, s.justification, ${table === 'segments' ? 's.dataset' : '(SELECT dataset FROM segments WHERE id = s.segment_id)'} AS dataset FROM ${table} s`)
      .all() as { rid: number; rule_json: string; justification: string | null; dataset: string }[];
    const upd = db.prepare(`UPDATE ${table} SET rule_json = ?, description = ?, justification = ? WHERE rowid = ?`);
    for (const r of rows) {
      const rule = pseudonymiseRule(JSON.parse(r.rule_json) as RuleNode, piiFields(r.dataset), pseudo);
      const justification = r.justification === null ? null : (free(r.justification) ?? 'justification left out of the shared copy');
      upd.run(JSON.stringify(rule), describeRule(rule), justification, r.rid);
    }
  }
  return dropped;
}

/** Counts, flags and listed setting keys stay; any other text is removed or pseudonymised. */
function auditDetails(v: unknown, free: FreeText, key = ''): unknown {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return AUDIT_DETAIL_KEYS.has(key) ? v : free(v);
  if (Array.isArray(v)) return v.map((x) => auditDetails(x, free, key));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, auditDetails(x, free, AUDIT_DETAIL_KEYS.has(key) ? key : k)]));
  return null;
}

/** A rule with every value compared with a PII field replaced by its pseudonym (so it still selects the same rows in a pseudonymised copy). */
export function pseudonymiseRule(rule: RuleNode, pii: Set<string>, pseudo: (v: string) => string): RuleNode {
  if ('all' in rule) return { all: rule.all.map((r) => pseudonymiseRule(r, pii, pseudo)) };
  if ('any' in rule) return { any: rule.any.map((r) => pseudonymiseRule(r, pii, pseudo)) };
  if ('not' in rule) return { not: pseudonymiseRule(rule.not, pii, pseudo) };
  if ('field' in rule && pii.has(rule.field) && rule.value !== undefined) {
    const v = rule.value;
    const map = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? pseudo(String(x)) : x);
    return { ...rule, value: (Array.isArray(v) ? v.map(map) : map(v)) as typeof v };
  }
  return rule;
}
