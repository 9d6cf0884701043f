import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { datasetAsOf } from '../orders/as-of';
import { quoteIdent } from '../db/open';
import { versionTable } from '../workspace/catalog';
import { AppError } from '../../../shared/contract/result';
import { fieldsUsed, describeRule, type RuleNode } from '../../../shared/rules';
import { compileSql } from './sql';
import { checkRule, expandRule, ruleFields, sqlEnv } from './resolve';

export interface SegmentRow {
  id: number;
  name: string;
  dataset: string;
  rule_json: string;
  description: string;
  justification: string | null;
  created_at: string;
  updated_at: string;
}

export function segmentByName(ws: Workspace, name: string): SegmentRow {
  const row = ws.db.prepare('SELECT * FROM segments WHERE name = ?').get(name) as SegmentRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', msg('segments.error.notFound', { name }));
  return row;
}

/** Sensitive columns a rule reads, including through the saved segments it refers to. */
export function sensitiveFieldsOf(ws: Workspace, dataset: string, rule: RuleNode): string[] {
  const sensitive = new Set(ruleFields(ws, dataset).filter((f) => f.sensitive).map((f) => f.name));
  return fieldsUsed(expandRule(ws, dataset, rule)).filter((f) => sensitive.has(f));
}

/**
 * Evaluate a saved segment on its dataset's current version and store the membership as a
 * new snapshot (segment_versions + segment_members). SQL does this in one INSERT … SELECT,
 * so the ids never travel through JavaScript. Runs inside the caller's transaction if any.
 */
export function takeSnapshot(ws: Workspace, seg: SegmentRow, reason: 'saved' | 'reimport'): number {
  const db = ws.db;
  // The data's own date, as live counts use: a snapshot of an old export matches its live count.
  const asOf = datasetAsOf(ws, seg.dataset).asOf;
  const rule = checkRule(ws, seg.dataset, JSON.parse(seg.rule_json));
  const expanded = expandRule(ws, seg.dataset, rule, [seg.name]);
  const version = (db.prepare('SELECT current_version FROM datasets WHERE name = ?').get(seg.dataset) as { current_version: number }).current_version;
  const table = quoteIdent(versionTable(db, seg.dataset, version));
  const env = sqlEnv(ws, seg.dataset, asOf);
  const { where, params } = compileSql(expanded, env);
  const seq = ((db.prepare('SELECT max(seq) AS s FROM segment_versions WHERE segment_id = ?').get(seg.id) as { s: number | null }).s ?? 0) + 1;
  // Customers, as members are: distinct IDs (live counts agree: mirror/customers.ts).
  const total = (db.prepare(`SELECT count(DISTINCT ${env.idExpr}) AS n FROM ${table}`).get() as { n: number }).n;
  const write = db.transaction(() => {
    db.prepare(
      `INSERT INTO segment_versions(segment_id, seq, dataset_version, rule_json, description, justification, sensitive_fields, as_of, size, total, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    ).run(seg.id, seq, version, seg.rule_json, seg.description, seg.justification, JSON.stringify(sensitiveFieldsOf(ws, seg.dataset, rule)), asOf, total, reason, new Date().toISOString());
    // Duplicate ids in a file count once: membership is per customer.
    const ins = db.prepare(`INSERT OR IGNORE INTO segment_members(segment_id, seq, id) SELECT ?, ?, ${env.idExpr} FROM ${table} WHERE ${where} AND ${env.idExpr} IS NOT NULL`).run(seg.id, seq, ...params);
    db.prepare('UPDATE segment_versions SET size = ? WHERE segment_id = ? AND seq = ?').run(ins.changes, seg.id, seq);
  });
  write();
  return seq;
}

/**
 * Re-evaluate every saved segment of `dataset` whose latest snapshot is older than the
 * dataset's current version. Called after an import swaps in a new version, and lazily
 * before history is read (so nothing is missed if a caller forgot). Returns segments refreshed;
 * a segment whose rule no longer fits the new columns is skipped and reported.
 */
export function refreshSegments(ws: Workspace, dataset?: string): { refreshed: string[]; failed: { name: string; message: string }[] } {
  const stale = ws.db
    .prepare(
      `SELECT s.* FROM segments s JOIN datasets d ON d.name = s.dataset
       WHERE (? IS NULL OR s.dataset = ?)
         AND coalesce((SELECT max(dataset_version) FROM segment_versions v WHERE v.segment_id = s.id), 0) < d.current_version
       ORDER BY s.id`,
    )
    .all(dataset ?? null, dataset ?? null) as SegmentRow[];
  const refreshed: string[] = [];
  const failed: { name: string; message: string }[] = [];
  for (const seg of stale) {
    try {
      takeSnapshot(ws, seg, 'reimport');
      refreshed.push(seg.name);
    } catch (e) {
      failed.push({ name: seg.name, message: (e as Error).message });
    }
  }
  return { refreshed, failed };
}

/** Stored descriptions are English (saved segments and the audit log are read by scripts and compared). */
export function describeStored(rule: RuleNode): string {
  return describeRule(rule, 'en');
}
