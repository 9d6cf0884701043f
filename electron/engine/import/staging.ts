import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { ColumnSpec } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import { quoteIdent, type Db } from '../db/open';
import { sqlType } from './convert';

/** SQLite's limit on bound parameters per statement (better-sqlite3's build). */
const MAX_PARAMS = 32766;
/** Rows per multi-row INSERT: fewer statement calls beat one call per row (measured in the import benchmark). */
const ROWS_PER_INSERT = 100;

/**
 * The import's own connection to the workspace, holding one write transaction from the
 * first row to the swap: until COMMIT nothing is visible to other connections, and a cancel,
 * failure or kill leaves the file exactly as it was (WAL frames of an uncommitted transaction are ignored).
 */
export class StagingConnection {
  readonly db: Db;
  private open = true;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      this.db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new AppError('BUSY', 'the workspace is being written by another job (an import?); try again when it has finished');
      throw err;
    }
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
    if (this.open) this.db.close();
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
