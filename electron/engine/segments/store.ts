import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { AppError } from '../../../shared/contract/result';
import { describeRule, type RuleNode } from '../../../shared/rules';
import type { SegmentHistory, SegmentInfo } from '../../../shared/contract/ns/segments';
import { checkRule } from './resolve';
import { refreshSegments, segmentByName, sensitiveFieldsOf, takeSnapshot, type SegmentRow } from './snapshot';
import { recordJustification } from '../fairness/justification';

const NAME_MAX = 120;

function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw new AppError('BAD_INPUT', msg('segments.error.nameRequired'));
  if (n.length > NAME_MAX) throw new AppError('BAD_INPUT', msg('segments.error.nameTooLong', { max: NAME_MAX }));
  return n;
}

/**
 * Save (create or replace) a segment and snapshot its members. A rule reading a sensitive
 * column needs a justification, which is stored with the segment version (the responsible-use
 * checks read it from segment_versions.justification).
 */
export function saveSegment(ws: Workspace, args: { dataset: string; name: string; rule: unknown; justification?: string | null }): SegmentInfo {
  const name = checkName(args.name);
  const rule = checkRule(ws, args.dataset, args.rule);
  const justification = args.justification?.trim() || null;
  const sensitive = sensitiveFieldsOf(ws, args.dataset, rule);
  if (sensitive.length && !justification) {
    throw new AppError('BAD_INPUT', msg('segments.error.justificationRequired', { name, count: sensitive.length, columns: sensitive.map((s) => `"${s}"`).join(', ') }), {
      sensitiveFields: sensitive,
    });
  }
  const now = new Date().toISOString();
  const db = ws.db;
  db.transaction(() => {
    const existing = db.prepare('SELECT id FROM segments WHERE name = ?').get(name) as { id: number } | undefined;
    if (existing) {
      db.prepare('UPDATE segments SET dataset = ?, rule_json = ?, description = ?, justification = ?, updated_at = ? WHERE id = ?').run(
        args.dataset,
        JSON.stringify(rule),
        describeRule(rule, 'en'),
        justification,
        now,
        existing.id,
      );
    } else {
      db.prepare('INSERT INTO segments(name, dataset, rule_json, description, justification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        name,
        args.dataset,
        JSON.stringify(rule),
        describeRule(rule, 'en'),
        justification,
        now,
        now,
      );
    }
    takeSnapshot(ws, segmentByName(ws, name), 'saved');
    // The audit log shows who justified the use of sensitive attributes, when, and for how many customers.
    if (sensitive.length && justification) {
      const size = (db.prepare('SELECT size FROM segment_versions WHERE segment_id = ? ORDER BY seq DESC LIMIT 1').get(segmentByName(ws, name).id) as { size: number } | undefined)?.size;
      recordJustification(db, { dataset: args.dataset, segment: name, uses: sensitive, justification, size });
    }
  })();
  return segmentInfo(ws, segmentByName(ws, name));
}

export function renameSegment(ws: Workspace, from: string, to: string): SegmentInfo {
  const seg = segmentByName(ws, from);
  const name = checkName(to);
  if (ws.db.prepare('SELECT 1 FROM segments WHERE name = ?').get(name)) throw new AppError('CONFLICT', msg('segments.error.exists', { name }));
  const db = ws.db;
  db.transaction(() => {
    db.prepare('UPDATE segments SET name = ?, updated_at = ? WHERE id = ?').run(name, new Date().toISOString(), seg.id);
    // Rules of other segments that refer to this one by name follow the rename.
    const users = db.prepare('SELECT id, rule_json FROM segments WHERE rule_json LIKE ?').all(`%"segment":%`) as { id: number; rule_json: string }[];
    for (const u of users) {
      const renamed = renameRefs(JSON.parse(u.rule_json) as RuleNode, seg.name, name);
      const json = JSON.stringify(renamed);
      if (json !== u.rule_json) db.prepare('UPDATE segments SET rule_json = ?, description = ? WHERE id = ?').run(json, describeRule(renamed, 'en'), u.id);
    }
  })();
  return segmentInfo(ws, segmentByName(ws, name));
}

function renameRefs(n: RuleNode, from: string, to: string): RuleNode {
  if ('all' in n) return { all: n.all.map((k) => renameRefs(k, from, to)) };
  if ('any' in n) return { any: n.any.map((k) => renameRefs(k, from, to)) };
  if ('not' in n) return { not: renameRefs(n.not, from, to) };
  if ('segment' in n && n.segment === from) return { segment: to };
  return n;
}

export function duplicateSegment(ws: Workspace, from: string, to: string): SegmentInfo {
  const seg = segmentByName(ws, from);
  const name = checkName(to);
  if (ws.db.prepare('SELECT 1 FROM segments WHERE name = ?').get(name)) throw new AppError('CONFLICT', msg('segments.error.exists', { name }));
  return saveSegment(ws, { dataset: seg.dataset, name, rule: JSON.parse(seg.rule_json), justification: seg.justification });
}

export function deleteSegment(ws: Workspace, name: string): { deleted: string } {
  const seg = segmentByName(ws, name);
  const users = (ws.db.prepare('SELECT name, rule_json FROM segments WHERE id <> ?').all(seg.id) as { name: string; rule_json: string }[]).filter((u) =>
    u.rule_json.includes(JSON.stringify({ segment: seg.name }).slice(1, -1)),
  );
  if (users.length) throw new AppError('CONFLICT', msg('segments.error.inUse', { name, users: users.map((u) => `"${u.name}"`).join(', ') }));
  ws.db.prepare('DELETE FROM segments WHERE id = ?').run(seg.id);
  return { deleted: seg.name };
}

interface VersionRow {
  seq: number;
  dataset_version: number;
  size: number;
  total: number;
  reason: 'saved' | 'reimport';
  as_of: string;
  created_at: string;
  description: string;
  justification: string | null;
  sensitive_fields: string;
}

function versions(ws: Workspace, segId: number): VersionRow[] {
  return ws.db.prepare('SELECT * FROM segment_versions WHERE segment_id = ? ORDER BY seq').all(segId) as VersionRow[];
}

export function segmentInfo(ws: Workspace, seg: SegmentRow): SegmentInfo {
  const vs = versions(ws, seg.id);
  const last = vs[vs.length - 1];
  return {
    name: seg.name,
    dataset: seg.dataset,
    rule: JSON.parse(seg.rule_json) as RuleNode,
    description: seg.description,
    justification: seg.justification,
    sensitiveFields: last ? (JSON.parse(last.sensitive_fields) as string[]) : [],
    size: last?.size ?? 0,
    total: last?.total ?? 0,
    share: last && last.total > 0 ? last.size / last.total : 0,
    datasetVersion: last?.dataset_version ?? 0,
    sizes: vs.map((v) => ({ seq: v.seq, datasetVersion: v.dataset_version, size: v.size })),
    createdAt: seg.created_at,
    updatedAt: seg.updated_at,
  };
}

export function listSegments(ws: Workspace, name?: string): SegmentInfo[] {
  refreshSegments(ws);
  if (name) return [segmentInfo(ws, segmentByName(ws, name))];
  return (ws.db.prepare('SELECT * FROM segments ORDER BY name').all() as SegmentRow[]).map((s) => segmentInfo(ws, s));
}

/** Ids that are in snapshot `seq` but not in `prev` (pass them swapped for "left"). */
function diffIds(ws: Workspace, segId: number, seq: number, prev: number): string[] {
  return ws.db
    .prepare('SELECT id FROM segment_members WHERE segment_id = ? AND seq = ? EXCEPT SELECT id FROM segment_members WHERE segment_id = ? AND seq = ? ORDER BY id')
    .pluck()
    .all(segId, seq, segId, prev) as string[];
}

function diffCount(ws: Workspace, segId: number, seq: number, prev: number): number {
  return ws.db
    .prepare('SELECT count(*) FROM (SELECT id FROM segment_members WHERE segment_id = ? AND seq = ? EXCEPT SELECT id FROM segment_members WHERE segment_id = ? AND seq = ?)')
    .pluck()
    .get(segId, seq, segId, prev) as number;
}

export function segmentHistory(ws: Workspace, name: string): SegmentHistory {
  refreshSegments(ws);
  const seg = segmentByName(ws, name);
  const vs = versions(ws, seg.id);
  return {
    name: seg.name,
    dataset: seg.dataset,
    versions: vs.map((v, i) => {
      const prev = i > 0 ? vs[i - 1].seq : null;
      return {
        seq: v.seq,
        datasetVersion: v.dataset_version,
        size: v.size,
        total: v.total,
        reason: v.reason,
        asOf: v.as_of,
        createdAt: v.created_at,
        description: v.description,
        justification: v.justification,
        entered: prev === null ? v.size : diffCount(ws, seg.id, v.seq, prev),
        left: prev === null ? 0 : diffCount(ws, seg.id, prev, v.seq),
      };
    }),
  };
}

/** Who entered and who left at snapshot `seq` compared with the snapshot before it. */
export function segmentChanges(ws: Workspace, name: string, seq?: number): { name: string; seq: number; previous: number | null; entered: string[]; left: string[] } {
  const seg = segmentByName(ws, name);
  const vs = versions(ws, seg.id);
  const at = seq ?? vs[vs.length - 1]?.seq;
  const i = vs.findIndex((v) => v.seq === at);
  if (i < 0) throw new AppError('NOT_FOUND', msg('segments.error.noSnapshot', { name, seq: String(seq) }));
  const prev = i > 0 ? vs[i - 1].seq : null;
  if (prev === null) return { name: seg.name, seq: at, previous: null, entered: memberIds(ws, name, at), left: [] };
  return { name: seg.name, seq: at, previous: prev, entered: diffIds(ws, seg.id, at, prev), left: diffIds(ws, seg.id, prev, at) };
}

/** Member ids of a snapshot (default: the latest, i.e. the dataset's current version). */
export function memberIds(ws: Workspace, name: string, seq?: number): string[] {
  refreshSegments(ws);
  const seg = segmentByName(ws, name);
  const at = seq ?? (ws.db.prepare('SELECT max(seq) FROM segment_versions WHERE segment_id = ?').pluck().get(seg.id) as number | null);
  if (at === null) return [];
  return ws.db.prepare('SELECT id FROM segment_members WHERE segment_id = ? AND seq = ? ORDER BY id').pluck().all(seg.id, at) as string[];
}
