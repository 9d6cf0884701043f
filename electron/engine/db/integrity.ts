import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

/** A connection to a file known intact without reading it again (db/checked.ts), or just created. */
export function markIntact(db: Db): void {
  checks.set(db, { damage: null, at: performance.now() });
}

/** Has this connection's workspace been found intact (and no check is still running)? */
export function foundIntact(db: Db): boolean {
  return checks.get(db)?.damage === null && !running.has(db);
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

/*
 * quick_check reads every page: ~1 s per 170 MB from the page cache, ~6 s from disk, so a 1.5 GB workspace
 * took longer to check than to answer its first count. Files above backgroundCheckBytes() (64 MB; SEGMENTDESK_BACKGROUND_CHECK_BYTES) are checked on a
 * thread of their own while the user starts working; until the check has passed the connection is
 * query_only, so nothing is written into a file not yet known to be intact. A write that meets query_only
 * waits for the check and runs again (afterIntegrity); damage found later makes the workspace read-only
 * with the usual message, as if found at opening.
 */
export function backgroundCheckBytes(): number {
  const env = Number(process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES);
  return Number.isInteger(env) && env >= 0 && process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES !== '' ? env : 64 * 1024 * 1024;
}

const pending = new WeakMap<Db, Promise<string | null>>();
const running = new WeakSet<Db>();

// Bundled code has __filename; engine modules run as ES modules (tsx benchmarks) resolve from the project root.
const load = createRequire(typeof __filename === 'string' ? __filename : `${process.cwd()}/`);

const CHECK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let damage = null;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const problems = db.pragma('quick_check(5)').map((r) => r.quick_check).filter((p) => p !== 'ok');
  damage = problems.length ? problems.join('; ') : null;
  db.close();
} catch (err) {
  const code = String((err && err.code) || '');
  damage = /^SQLITE_(CORRUPT|NOTADB)/.test(code) ? String(err.message) : null;
}
parentPort.postMessage({ damage });
`;

/** Starts the check of `file` on its own thread; `db` stays query_only until it has passed. */
export function checkInBackground(db: Db, file: string): Promise<string | null> {
  db.pragma('query_only = ON');
  running.add(db);
  const done = new Promise<string | null>((resolve) => {
    const worker = new Worker(CHECK_SOURCE, { eval: true, workerData: { file, driver: load.resolve('better-sqlite3') } });
    // A CLI command that only reads may end before the check does: the thread must not keep it alive.
    worker.unref();
    let settled = false;
    const finish = (damage: string | null) => {
      if (settled) return;
      settled = true;
      running.delete(db);
      if (db.open) {
        checks.set(db, { damage, at: performance.now() });
        if (damage === null) db.pragma('query_only = OFF');
      }
      resolve(damage);
      void worker.terminate();
    };
    worker.on('message', (m: { damage: string | null }) => finish(m.damage));
    // The check could not run (no thread, no memory): check here instead, as before.
    worker.on('error', () => finish(db.open ? checkIntegrity(db) : null));
    // Only when the thread ended without a word: the check then runs here. (Written as `damage ?? check` this ran a
    // second, synchronous check on the main thread after every intact one, as null is "nothing" to `??`.)
    worker.on('exit', () => {
      if (!settled) finish(db.open ? checkIntegrity(db) : null);
    });
  });
  pending.set(db, done);
  return done;
}

/** Resolves when the connection's workspace has been checked (at once when it was checked on opening). */
export function whenChecked(db: Db): Promise<string | null> {
  return pending.get(db) ?? Promise.resolve(knownDamage(db));
}

const READONLY = /attempt to write a readonly database/;

/**
 * For synchronous work that ends in a write (RFM): fail at once, before reading anything, while the workspace
 * is still being checked, so afterIntegrity runs it once after the check instead of twice. Synchronous work
 * never lets the check's result in (it arrives as a message), so its final write was always refused: RFM on
 * 10M order lines spent 35 s on such a first run. Jobs that yield need not: the check passes while they work.
 */
export function writableNow(db: Db): void {
  // The same words SQLite uses, so afterIntegrity treats it as the refused write it stands for.
  if (db.pragma('query_only', { simple: true }) === 1) throw new Error('attempt to write a readonly database (the workspace is still being checked)');
}

/**
 * Runs `fn`; if it tried to write while the workspace was still being checked, waits for the check and runs
 * it again (a query_only connection refuses the first write, so nothing of the first run was written). A
 * workspace found damaged gets the damage message instead.
 */
export async function afterIntegrity<T>(db: Db | null, file: string, fn: () => Promise<T>, failed: (r: T) => string | null = () => null): Promise<T> {
  const check = db ? pending.get(db) : undefined;
  if (!db || !check) return fn();
  let first: T;
  try {
    first = await fn();
  } catch (err) {
    if (!READONLY.test(err instanceof Error ? err.message : String(err))) throw err;
    return retry(check, file, fn);
  }
  const message = failed(first);
  return message !== null && READONLY.test(message) ? retry(check, file, fn) : first;
}

async function retry<T>(check: Promise<string | null>, file: string, fn: () => Promise<T>): Promise<T> {
  const damage = await check;
  if (damage !== null) throw new AppError('IO', damageMessage(file, damage), { path: file, damaged: true });
  return fn();
}
