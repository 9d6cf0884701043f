import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { Database as Db } from 'better-sqlite3';

/**
 * A damaged workspace file (bytes overwritten by a failing disk, a sync tool, a crash mid-copy) opens
 * and can even be written into, until later reads fail with "database disk image is malformed". So a
 * workspace is checked when it is opened (PRAGMA quick_check: every page's structure, without the
 * index-content cross-check of integrity_check, so it stays fast on big workspaces) and again before
 * an import writes into it when the last check is older than RECHECK_MS. A damaged one is opened
 * read-only and nothing is written into it.
 */
const RECHECK_MS = 60_000;

interface Checked {
  damage: string | null;
  at: number;
}

const checks = new WeakMap<Db, Checked>();

/** The first problems quick_check reports (null: none), recorded for the connection. */
export function checkIntegrity(db: Db): string | null {
  let damage: string | null;
  try {
    const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((p) => p !== 'ok');
    damage = problems.length ? problems.join('; ') : null;
  } catch (err) {
    // A file damaged where SQLite reads its schema fails the check itself.
    const code = (err as { code?: string }).code ?? '';
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw err;
    damage = (err as Error).message;
  }
  checks.set(db, { damage, at: performance.now() });
  return damage;
}

/** What a user reads when a workspace is damaged: what was found, that nothing will be written, and what to do. */
export function damageMessage(file: string, damage: string): string {
  return msg('engine.db.damaged', {
    file,
    damage: damage.length > 200 ? `${damage.slice(0, 200)}…` : damage,
    recovered: `${file.replace(/\.sdw$/i, '')}-recovered.sdw`,
  });
}

/** A read-only connection to a file found damaged on another connection. */
export function markDamaged(db: Db, damage: string): void {
  checks.set(db, { damage, at: performance.now() });
}

/** The damage found when this connection's workspace was opened, if any. */
export function knownDamage(db: Db): string | null {
  return checks.get(db)?.damage ?? null;
}

/** The message for a workspace found damaged on this connection (null: intact). */
export function damageOf(db: Db, file: string): string | null {
  const damage = knownDamage(db);
  return damage === null ? null : damageMessage(file, damage);
}

/**
 * Before writing into a workspace: refuse a damaged one, checking again when the last check is old
 * (a workspace stays open in the app for hours).
 */
export function assertIntact(db: Db, file: string): void {
  const last = checks.get(db);
  const damage = last && (last.damage !== null || performance.now() - last.at < RECHECK_MS) ? last.damage : checkIntegrity(db);
  if (damage !== null) throw new AppError('IO', damageMessage(file, damage), { path: file, damaged: true });
}
