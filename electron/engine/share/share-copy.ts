import fs from 'node:fs';
import { STORE_TABLE } from '../mirror/store';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/result';
import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import { PSEUDONYM_KEY_META, pseudonymise, pseudonymKey } from './pseudonym';
import { applyAllowlist } from './allowlist';
import { msg } from '../../../shared/i18n/current';

export type ShareMode = 'full' | 'strip-pii' | 'pseudonymise-pii';

export interface ShareResult {
  file: string;
  bytes: number;
  mode: ShareMode;
  /** `dataset.column` of every PII column removed or pseudonymised. */
  piiColumns: string[];
  /** Views that could not be kept because they exposed removed columns. */
  droppedViews: string[];
}

interface PiiColumn {
  dataset: string;
  name: string;
}

/** Catalogue tables whose text is names and settings, not customer values: the sweep leaves them alone. */
const CATALOGUE = new Set(['meta', 'datasets', 'dataset_versions', 'dataset_columns', 'column_stats', 'cell_errors']);

/**
 * "Save a copy for sharing": a consistent snapshot (`VACUUM INTO`, which reads one
 * transaction's view even while the app keeps working), then PII handled in the copy only:
 *  - strip-pii: PII columns dropped from every version table, the catalogue and the views;
 *  - pseudonymise-pii: PII values replaced by a keyed hash whose key stays in the original.
 * In both modes the copy keeps only what the allowlist (allowlist.ts) names, table by table and
 * column by column; free text that can hold anything (raw text of import errors in every column,
 * justifications, audit descriptions and details, file names) is removed or pseudonymised; any
 * PII value that also sits in a derived table (an ID flagged PII, say) becomes its pseudonym; and
 * the copy is vacuumed again so no freed page still holds an old value. The copy is written
 * beside the target and renamed into place only when complete, so a failure leaves nothing half-written.
 */
export function shareCopy(src: Db, srcFile: string, out: string, mode: ShareMode): ShareResult {
  const target = path.resolve(out);
  if (target === path.resolve(srcFile)) throw new AppError('BAD_INPUT', msg('reports.errors.shareOverWorkspace'), { out: target });
  if (fs.existsSync(target)) throw new AppError('CONFLICT', msg('reports.errors.exists', { path: target }), { out: target });
  if (!fs.existsSync(path.dirname(target))) throw new AppError('NOT_FOUND', msg('reports.errors.noFolder', { folder: path.dirname(target) }), { out: target });

  const pii = src.prepare('SELECT dataset, name FROM dataset_columns WHERE pii = 1 ORDER BY dataset, position').all() as PiiColumn[];
  const key = mode === 'full' ? null : pseudonymKey(src);
  const tmp = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    src.prepare('VACUUM INTO ?').run(tmp);
    const copy = new Database(tmp);
    let droppedViews: string[] = [];
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('secure_delete = ON');
      copy.pragma('foreign_keys = OFF');
      copy.prepare('DELETE FROM meta WHERE key = ?').run(PSEUDONYM_KEY_META);
      // The stored columnar copy holds every value, PII included, as BLOBs the stripping below cannot read: it goes (the recipient's app rebuilds it).
      copy.exec(`DROP TABLE IF EXISTS ${STORE_TABLE}`);
      copy.prepare("INSERT INTO meta(key, value) VALUES ('shared_copy', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(mode);
      // The source path can name the client and the consultant's folders; keep only the file name.
      for (const r of copy.prepare('SELECT rowid AS id, source_file FROM dataset_versions').all() as { id: number; source_file: string }[]) {
        copy.prepare('UPDATE dataset_versions SET source_file = ? WHERE rowid = ?').run(path.basename(r.source_file.replace(/\\/g, '/')), r.id);
      }
      if (key) {
        const values = collectPiiValues(copy, pii);
        const pseudo = (v: string) => pseudonymise(key, v);
        const piiFields = (dataset: string) => new Set(pii.filter((c) => c.dataset === dataset).map((c) => c.name));
        copy.transaction(() => {
          if (mode === 'strip-pii') droppedViews = stripColumns(copy, pii);
          else pseudonymiseColumns(copy, pii, key);
          applyAllowlist(copy, mode === 'strip-pii' ? () => null : (v) => (v === '' ? v : pseudo(v)), piiFields, pseudo);
          sweepOtherTables(copy, values, key);
          droppedViews = [...droppedViews, ...dropBrokenViews(copy)];
        })();
      }
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    fs.renameSync(tmp, target);
    return { file: target, bytes: fs.statSync(target).size, mode, piiColumns: pii.map((c) => `${c.dataset}.${c.name}`), droppedViews };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('IO', msg('reports.errors.shareNotWritten', { path: target, reason: (e as Error).message }), { out: target });
  }
}

function versionTables(db: Db, dataset: string): string[] {
  return (db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ? ORDER BY version').pluck().all(dataset) as string[]).filter((t) =>
    hasTable(db, t),
  );
}

function hasTable(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

function tableColumns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((c) => c.name);
}

/** Every distinct text form of every PII value, to find copies of them outside the dataset tables. */
function collectPiiValues(db: Db, pii: PiiColumn[]): Set<string> {
  const values = new Set<string>();
  for (const c of pii) {
    for (const t of versionTables(db, c.dataset)) {
      if (!tableColumns(db, t).includes(c.name)) continue;
      const it = db.prepare(`SELECT DISTINCT CAST(${quoteIdent(c.name)} AS TEXT) FROM ${quoteIdent(t)} WHERE ${quoteIdent(c.name)} IS NOT NULL`).pluck().iterate();
      for (const v of it as Iterable<string>) if (v !== '') values.add(v);
    }
  }
  return values;
}

function stripColumns(db: Db, pii: PiiColumn[]): string[] {
  // Views may name the columns we drop; SQLite refuses DROP COLUMN while they exist.
  const views = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name").all() as { name: string; sql: string }[];
  for (const v of views) db.exec(`DROP VIEW ${quoteIdent(v.name)}`);
  const byDataset = new Map<string, string[]>();
  for (const c of pii) byDataset.set(c.dataset, [...(byDataset.get(c.dataset) ?? []), c.name]);
  for (const [dataset, cols] of byDataset) {
    for (const t of versionTables(db, dataset)) {
      const present = new Set(tableColumns(db, t));
      for (const col of cols) if (present.has(col)) db.exec(`ALTER TABLE ${quoteIdent(t)} DROP COLUMN ${quoteIdent(col)}`);
    }
    const del = db.prepare('DELETE FROM dataset_columns WHERE dataset = ? AND name = ?');
    const delStats = db.prepare('DELETE FROM column_stats WHERE dataset = ? AND column_name = ?');
    for (const col of cols) {
      del.run(dataset, col);
      delStats.run(dataset, col);
    }
  }
  const current = new Map(
    (db.prepare('SELECT d.name, v.table_name FROM datasets d JOIN dataset_versions v ON v.dataset = d.name AND v.version = d.current_version').all() as {
      name: string;
      table_name: string;
    }[]).map((r) => [r.name, r.table_name]),
  );
  const dropped: string[] = [];
  for (const v of views) {
    try {
      db.exec(v.sql);
      // CREATE VIEW does not resolve column names; preparing a query over it does.
      db.prepare(`SELECT * FROM ${quoteIdent(v.name)} LIMIT 0`).all();
    } catch {
      db.exec(`DROP VIEW IF EXISTS ${quoteIdent(v.name)}`);
      // A dataset's own view is rebuilt over its remaining columns; any other view that
      // named a removed column cannot be kept without it.
      const table = current.get(v.name);
      if (table) {
        const cols = (db.prepare('SELECT name FROM dataset_columns WHERE dataset = ? ORDER BY position').pluck().all(v.name) as string[]).filter((c) =>
          tableColumns(db, table).includes(c),
        );
        db.exec(`CREATE VIEW ${quoteIdent(v.name)} AS SELECT ${cols.map(quoteIdent).join(', ') || 'NULL AS empty'} FROM ${quoteIdent(table)}`);
      } else dropped.push(v.name);
    }
  }
  return dropped;
}

function pseudonymiseColumns(db: Db, pii: PiiColumn[], key: Buffer): void {
  db.function('sd_pseudonym', { deterministic: true }, (v: unknown) => (v === null || v === '' ? v : pseudonymise(key, String(v))) as string | null);
  for (const c of pii) {
    for (const t of versionTables(db, c.dataset)) {
      if (!tableColumns(db, t).includes(c.name)) continue;
      db.exec(`UPDATE ${quoteIdent(t)} SET ${quoteIdent(c.name)} = sd_pseudonym(${quoteIdent(c.name)})`);
    }
  }
  // Statistics of a pseudonymised column are still right (missing counts do not change), so they stay.
}

/**
 * Other capabilities' tables (cluster assignments, outcomes, audit entries) may hold a PII
 * value, e.g. when the ID column is flagged PII. Those values become their pseudonym in both
 * modes so rows still join with each other, while no original value remains.
 */
function sweepOtherTables(db: Db, values: Set<string>, key: Buffer): void {
  if (values.size === 0) return;
  const versionTableNames = new Set(db.prepare('SELECT table_name FROM dataset_versions').pluck().all() as string[]);
  db.function('sd_is_pii', { deterministic: true }, (v: unknown) => (typeof v === 'string' && values.has(v) ? 1 : 0));
  db.function('sd_pseudonym_any', { deterministic: true }, (v: unknown) => pseudonymise(key, String(v)));
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    if (CATALOGUE.has(t) || versionTableNames.has(t)) continue;
    for (const col of tableColumns(db, t)) {
      db.exec(`UPDATE ${quoteIdent(t)} SET ${quoteIdent(col)} = sd_pseudonym_any(${quoteIdent(col)}) WHERE sd_is_pii(${quoteIdent(col)})`);
    }
  }
}

/** Views over tables or columns the copy left out cannot stay. */
function dropBrokenViews(db: Db): string[] {
  const dropped: string[] = [];
  for (const v of db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").pluck().all() as string[]) {
    try {
      db.prepare(`SELECT * FROM ${quoteIdent(v)} LIMIT 0`).all();
    } catch {
      db.exec(`DROP VIEW ${quoteIdent(v)}`);
      dropped.push(v);
    }
  }
  return dropped;
}
