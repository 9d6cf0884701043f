import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { backgroundCheckBytes, checkInBackground, checkIntegrity, knownDamage, markDamaged, markIntact } from './integrity';
import { migrate, SCHEMA_VERSION } from './migrate';
import { msg } from '../../../shared/i18n/current';

export type Db = Database.Database;

const SQLITE_MAGIC = 'SQLite format 3\0';
export const WORKSPACE_PAGE_SIZE = 32768;

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Erasure must leave no trace of a person in the file: deleted content is overwritten, not just unlinked.
  db.pragma('secure_delete = ON');
  // Interactive requests must not hang behind a long import on another connection.
  db.pragma('busy_timeout = 2000');
}

/** Create a new workspace file; refuses to overwrite anything. */
export function createWorkspaceDb(file: string): Db {
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) throw new AppError('CONFLICT', msg('engine.db.exists', { path: abs }), { path: abs });
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new AppError('NOT_FOUND', msg('engine.db.noFolder', { dir }), { path: abs });
  const db = new Database(abs);
  // Must precede the first write (WAL mode fixes it). 32 KB pages: datasets are bulk-loaded and scanned
  // whole (mirrors, exports), and on the 1M-row import benchmark 32 KB pages wrote 15% faster than 4 KB
  // (6.5 s against 7.6 s; 16 KB 7.0 s, 64 KB 6.6 s). Workspaces made before keep their page size.
  db.pragma(`page_size = ${WORKSPACE_PAGE_SIZE}`);
  configure(db);
  migrate(db);
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
  markIntact(db);
  return db;
}

/**
 * Open an existing workspace file, checking it is a SQLite database first, and migrate it. `knownIntact`:
 * the file is as SegmentDesk last closed it after a passing check (db/checked.ts), so it is not read whole again.
 */
export function openWorkspaceDb(file: string, opts: { migrate?: boolean; backgroundCheck?: boolean; knownIntact?: boolean } = {}): Db {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new AppError('NOT_FOUND', msg('engine.db.noWorkspace', { path: abs }), { path: abs });
  const fd = fs.openSync(abs, 'r');
  const head = Buffer.alloc(16);
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== SQLITE_MAGIC) throw new AppError('BAD_INPUT', msg('engine.db.notSqlite', { path: abs }), { path: abs });
  let db = new Database(abs);
  const version = db.pragma('user_version', { simple: true }) as number;
  // Checked before anything is written (WAL mode, migrations): a damaged file is reopened read-only. A big
  // file that needs no migration is checked on its own thread while the user works (integrity.ts).
  const known = opts.knownIntact === true && version === SCHEMA_VERSION;
  const background = !known && opts.backgroundCheck === true && version === SCHEMA_VERSION && fs.statSync(abs).size > backgroundCheckBytes();
  if (known) markIntact(db);
  else if (!background && checkIntegrity(db) !== null) {
    const damage = knownDamage(db)!;
    db.close();
    db = new Database(abs, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    markDamaged(db, damage);
    return db;
  }
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get() as { n: number };
  if (version === 0 && tables.n > 0) {
    db.close();
    throw new AppError('BAD_INPUT', msg('engine.db.notWorkspace', { path: abs }), { path: abs });
  }
  configure(db);
  if (background) void checkInBackground(db, abs);
  if (opts.migrate !== false) migrate(db);
  return db;
}

/** Quote an identifier for SQL. Callers must only pass names from an allowlist (a dataset's own columns). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
