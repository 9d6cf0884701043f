import os from 'node:os';
import type { Db } from '../db/open';
import type { AuditAction, AuditEntry } from '../../../shared/contract/ns/audit';
import { AUDIT_ACTIONS } from '../../../shared/contract/ns/audit';

export interface AuditRecord {
  action: AuditAction;
  dataset?: string | null;
  /** What was done, in words. Never put personal data (IDs, names, e-mails) here or in details. */
  what: string;
  count?: number | null;
  details?: Record<string, unknown>;
}

/** The OS user name; falls back to the environment where the passwd entry is unavailable (containers). */
export function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * Appends one entry to the workspace's audit log. Exports, erasures, consent overrides and
 * justifications call this; pass the same `db` inside the caller's transaction so the entry
 * commits (or rolls back) with the work it describes.
 */
export function recordAudit(db: Db, rec: AuditRecord): number {
  if (!AUDIT_ACTIONS.includes(rec.action)) throw new Error(`unknown audit action ${rec.action}`);
  const r = db
    .prepare('INSERT INTO audit_log(at, who, action, dataset, what, count, details_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(new Date().toISOString(), osUser(), rec.action, rec.dataset ?? null, rec.what, rec.count ?? null, JSON.stringify(rec.details ?? {}));
  return Number(r.lastInsertRowid);
}

interface Row {
  id: number;
  at: string;
  who: string;
  action: AuditAction;
  dataset: string | null;
  what: string;
  count: number | null;
  details_json: string;
}

function toEntry(r: Row): AuditEntry {
  return { id: r.id, at: r.at, who: r.who, action: r.action, dataset: r.dataset, what: r.what, count: r.count, details: JSON.parse(r.details_json) as Record<string, unknown> };
}

export function listAudit(db: Db, q: { action?: AuditAction; dataset?: string; limit: number; offset: number }): { total: number; entries: AuditEntry[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.action) {
    where.push('action = ?');
    params.push(q.action);
  }
  if (q.dataset) {
    where.push('dataset = ?');
    params.push(q.dataset);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM audit_log ${w}`).pluck().get(...params) as number;
  const rows = db.prepare(`SELECT * FROM audit_log ${w} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
  return { total, entries: rows.map(toEntry) };
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // Spreadsheet formula injection: a leading = + - @ tab or CR makes Excel evaluate the cell.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(db: Db): { csv: string; rows: number } {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  const lines = ['id,at,who,action,dataset,what,count,details'];
  for (const r of rows) lines.push([r.id, r.at, r.who, r.action, r.dataset, r.what, r.count, r.details_json].map(csvField).join(','));
  return { csv: `${lines.join('\r\n')}\r\n`, rows: rows.length };
}
