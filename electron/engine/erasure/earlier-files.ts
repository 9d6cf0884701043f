import type { Db } from '../db/open';
import type { EarlierFile } from '../../../shared/contract/ns/erasure';
import type { DatasetHits } from './search';

interface AuditRow {
  at: string;
  action: 'export' | 'share' | 'report';
  dataset: string | null;
  details_json: string;
}

type Source = { kind: 'dataset' } | { kind: 'segment'; name: string } | { kind: 'cluster'; run: string; cluster: number } | { kind: 'rfm'; segment: string };

function has(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/**
 * Files written before the erasure that held the customers, from the audit log (read before
 * anything is removed, since snapshots and memberships answer "was X in it"):
 *  - an export of a dataset holding X at the time: of the whole dataset; of a segment whose snapshot
 *    at the time had X; of a cluster whose members include X; of an RFM segment X is in;
 *  - a shared copy made while X was in any dataset (every mode keeps the customers' rows);
 *  - a report on a dataset holding X at the time (its tables are aggregates, but X was counted).
 * A file already deleted still shows up: the log cannot know, and the user checks.
 */
export function earlierFiles(db: Db, hits: DatasetHits[], idsJson: string): EarlierFile[] {
  const firstSeen = new Map<string, string>();
  for (const h of hits) {
    const times = [...h.importedAt.values()].sort();
    if (times.length) firstSeen.set(h.dataset, times[0]);
  }
  if (firstSeen.size === 0) return [];
  const linked = new Map((db.prepare('SELECT name, linked_to FROM datasets WHERE linked_to IS NOT NULL').all() as { name: string; linked_to: string }[]).map((r) => [r.name, r.linked_to]));
  const heldAt = (dataset: string | null, at: string): boolean => {
    if (!dataset) return false;
    for (const [d, t] of firstSeen) if ((d === dataset || linked.get(d) === dataset) && t <= at) return true;
    return false;
  };
  const anyAt = (at: string) => [...firstSeen.values()].some((t) => t <= at);
  const rows = db.prepare("SELECT at, action, dataset, details_json FROM audit_log WHERE action IN ('export', 'share', 'report') ORDER BY id").all() as AuditRow[];
  const out: EarlierFile[] = [];
  for (const r of rows) {
    const d = JSON.parse(r.details_json) as { path?: unknown; file?: unknown; source?: Source };
    const file = typeof d.path === 'string' ? d.path : typeof d.file === 'string' ? d.file : '(file name not recorded)';
    const held = r.action === 'share' ? anyAt(r.at) : r.action === 'report' ? heldAt(r.dataset, r.at) : heldAt(r.dataset, r.at) && exportHeld(db, r, d.source, idsJson);
    if (held) out.push({ path: file, kind: r.action, at: r.at });
  }
  return out;
}

function exportHeld(db: Db, r: AuditRow, source: Source | undefined, idsJson: string): boolean {
  if (!source || source.kind === 'dataset') return true;
  if (source.kind === 'segment' && has(db, 'segment_members')) {
    const seg = db.prepare('SELECT id FROM segments WHERE name = ?').pluck().get(source.name) as number | undefined;
    // The segment was deleted since: its members are unknown, so the export counts as holding them.
    if (seg === undefined) return true;
    const seq = db.prepare('SELECT max(seq) FROM segment_versions WHERE segment_id = ? AND created_at <= ?').pluck().get(seg, r.at) as number | null;
    if (seq === null) return true;
    return db.prepare('SELECT 1 FROM segment_members WHERE segment_id = ? AND seq = ? AND id IN (SELECT value FROM json_each(?))').get(seg, seq, idsJson) !== undefined;
  }
  if (source.kind === 'cluster' && has(db, 'cluster_members')) {
    const run = Number(source.run);
    if (!Number.isInteger(run) || !db.prepare('SELECT 1 FROM cluster_runs WHERE id = ?').get(run)) return true;
    return db.prepare('SELECT 1 FROM cluster_members WHERE run_id = ? AND cluster = ? AND id IN (SELECT value FROM json_each(?))').get(run, source.cluster, idsJson) !== undefined;
  }
  if (source.kind === 'rfm' && has(db, 'rfm_scores')) {
    return (
      db
        .prepare('SELECT 1 FROM rfm_scores WHERE (dataset = ? OR dataset IN (SELECT name FROM datasets WHERE linked_to = ?)) AND rfm_segment = ? AND id IN (SELECT value FROM json_each(?))')
        .get(r.dataset, r.dataset, source.segment, idsJson) !== undefined
    );
  }
  return true;
}
