import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { ColumnSpec } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import { quoteIdent, type Db } from '../db/open';
import { sqlType } from './convert';
import { msg } from '../../../shared/i18n/current';

/** SQLite's limit on bound parameters per statement (better-sqlite3's build). */
const MAX_PARAMS = 32766;
/** Rows per multi-row INSERT: fewer statement calls beat one call per row (measured in the import benchmark). */
const ROWS_PER_INSERT = 100;

/**
 * The import's transaction, held from the first row to the swap: until COMMIT nothing is visible
 * to other connections, and a cancel, failure or kill leaves the file exactly as it was.
 *
 * Shared (the app): the import gets its own connection, so the workspace connection keeps serving
 * reads while it runs, and the file stays in WAL mode so those reads never wait on the writer
 * (WAL frames of an uncommitted transaction are ignored).
 *
 * Sole (the CLI, where nothing else reads meanwhile): the import runs on the workspace connection
 * and, when no other connection has the file open, in rollback-journal mode for its transaction.
 * Then the new table's pages are written once: in WAL mode every page goes to the WAL and again to
 * the file at the checkpoint, which cost 0.5 s of a 5 s 1M-row import (the commit took 0.53 s
 * against 0.17 s). A kill leaves a hot journal that SQLite rolls back on the next open; the
 * workspace is back in WAL mode on every open (db/open.ts) and right after the import.
 */
export class StagingConnection {
  readonly db: Db;
  private open = true;
  private readonly restore: (() => void) | null;

  private constructor(db: Db, restore: (() => void) | null) {
    this.db = db;
    this.restore = restore;
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      this.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new AppError('BUSY', msg('data.import.busy'));
      throw err;
    }
  }

  /** A connection of the import's own, beside the workspace's (which keeps serving reads). */
  static shared(file: string): StagingConnection {
    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return new StagingConnection(db, () => db.close());
  }

  /** The workspace's own connection, when nothing else reads the workspace during the import. */
  static sole(db: Db): StagingConnection {
    const before = { mode: String(db.pragma('journal_mode', { simple: true })), sync: Number(db.pragma('synchronous', { simple: true })) };
    // Leaving WAL needs every other connection to the file closed (an app with the workspace open):
    // SQLite then refuses (SQLITE_BUSY) and the import simply runs in WAL mode.
    let mode = 'wal';
    try {
      mode = String(db.pragma('journal_mode = DELETE', { simple: true }));
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    }
    // Rollback-journal mode is only safe against power loss with full syncs.
    if (mode === 'delete') db.pragma('synchronous = FULL');
    return new StagingConnection(db, () => {
      if (mode === 'delete') {
        db.pragma(`journal_mode = ${before.mode}`);
        db.pragma(`synchronous = ${before.sync}`);
      }
    });
  }

  /** The journal mode the import's transaction runs in ("wal" or "delete"). */
  get journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  commit(): void {
    this.db.exec('COMMIT');
    this.close();
  }

  rollback(): void {
    if (!this.open) return;
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.close();
    }
  }

  private close(): void {
    if (this.open && this.db.open) this.restore?.();
    this.open = false;
  }
}

export function newTableName(version: number): string {
  return `dsv_${randomBytes(5).toString('hex')}_${version}`;
}

export function createVersionTable(db: Db, table: string, columns: ColumnSpec[]): void {
  const cols = columns.map((c) => `${quoteIdent(c.name)} ${sqlType(c.type)}`).join(', ');
  db.exec(`CREATE TABLE ${quoteIdent(table)} (${cols})`);
}

/**
 * Buffers converted rows and writes them with multi-row INSERTs. Rows get rowids 1, 2, 3… in file
 * order from SQLite itself (a new table, inserts only), so rowid = record number without binding it.
 */
export class RowInserter {
  private readonly perInsert: number;
  private readonly bulk: Database.Statement;
  private readonly single: Database.Statement;
  private readonly buf: (string | number | null)[];
  private filled = 0;
  private count = 0;

  constructor(db: Db, table: string, private readonly width: number) {
    this.perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMS / Math.max(1, width))));
    const one = `(${new Array(width).fill('?').join(',')})`;
    const head = width > 0 ? `INSERT INTO ${quoteIdent(table)} (${columnsPlaceholder(db, table)}) VALUES ` : '';
    this.bulk = db.prepare(width > 0 ? head + new Array(this.perInsert).fill(one).join(',') : `INSERT INTO ${quoteIdent(table)} DEFAULT VALUES`);
    this.single = db.prepare(width > 0 ? head + one : `INSERT INTO ${quoteIdent(table)} DEFAULT VALUES`);
    this.buf = new Array(this.perInsert * width);
  }

  /** Start a row; returns the index of its first slot in `slots`. */
  beginRow(): number {
    this.count++;
    return this.filled * this.width;
  }

  endRow(): void {
    this.filled++;
    if (this.filled === this.perInsert) {
      this.bulk.run(this.width > 0 ? this.buf : []);
      this.filled = 0;
    }
  }

  get slots(): (string | number | null)[] {
    return this.buf;
  }

  flush(): void {
    const w = this.width;
    for (let r = 0; r < this.filled; r++) this.single.run(w > 0 ? this.buf.slice(r * w, r * w + w) : []);
    this.filled = 0;
  }

  get rows(): number {
    return this.count;
  }
}

function columnsPlaceholder(db: Db, table: string): string {
  const cols = db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string }[];
  return cols.map((c) => quoteIdent(c.name)).join(', ');
}
