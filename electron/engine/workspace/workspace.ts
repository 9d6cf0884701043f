import fs from 'node:fs';
import type { Db } from '../db/open';
import { AppError } from '../../../shared/contract/result';
import { createWorkspaceDb, openWorkspaceDb } from '../db/open';
import { damageOf, foundIntact, whenChecked } from '../db/integrity';
import { forgetIntact, knownIntact, rememberIntact } from '../db/checked';
import type { WorkspaceInfo } from '../../../shared/contract/ns/workspace';
import { listDatasets } from './catalog';
import { datasetStamps, DATASET_SCOPED_CACHE } from './stamps';
import { workspacePath } from './location';
import { msg } from '../../../shared/i18n/current';

/**
 * An open workspace: one SQLite file and the caches built from it (columnar mirrors).
 * Capabilities hang their per-workspace state off `cache` keyed by their own names,
 * and drop it in `invalidate()` when the data changes.
 *
 * Another process (the CLI, a second app window) may write the same file. SQLite's
 * `PRAGMA data_version` changes exactly when another connection commits, so every cache read
 * first compares it with the value seen last (one pragma step): on a change, mirrors of datasets
 * whose catalogue stamp moved, and every other cache, are dropped before anything is served.
 */
export class Workspace {
  private readonly caches = new Map<string, unknown>();
  private readonly dataVersionStmt;
  private seenDataVersion: number;
  private stamps: Map<string, string>;
  /** Called after an external write was noticed and the caches it touched were dropped. */
  onExternalChange: (() => void) | null = null;
  /** Where intact workspaces are remembered (db/checked.ts); null: checked at every opening. */
  private checkMemory: string | null = null;

  private constructor(
    readonly file: string,
    readonly db: Db,
  ) {
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.seenDataVersion = this.dataVersionStmt.get() as number;
    this.stamps = datasetStamps(db);
  }

  static resolve(file: string): string {
    return workspacePath(file);
  }

  static create(file: string, opts: { checkMemory?: string | null } = {}): Workspace {
    const abs = workspacePath(file);
    const ws = new Workspace(abs, createWorkspaceDb(abs));
    ws.checkMemory = opts.checkMemory ?? null;
    return ws;
  }

  static open(file: string, opts: { checkMemory?: string | null } = {}): Workspace {
    const abs = workspacePath(file);
    const memory = opts.checkMemory ?? null;
    const ws = new Workspace(abs, openWorkspaceDb(abs, { backgroundCheck: true, knownIntact: knownIntact(memory, abs) }));
    ws.checkMemory = memory;
    // Damage found by the check that runs on its own thread (big files): the app is told as of an outside change,
    // so it asks for the workspace's state again and shows the read-only banner.
    void whenChecked(ws.db).then((damage) => {
      if (damage !== null && ws.db.open) {
        ws.caches.clear();
        ws.onExternalChange?.();
      }
    });
    return ws;
  }

  close(): void {
    this.caches.clear();
    if (!this.db.open) return;
    const intact = foundIntact(this.db) && !this.db.readonly;
    const damaged = damageOf(this.db, this.file) !== null;
    this.db.close();
    // After closing: the -wal is checkpointed away (when this was the last connection), so the state is the file's own.
    if (intact) rememberIntact(this.checkMemory, this.file);
    else if (damaged) forgetIntact(this.checkMemory, this.file);
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The as-of date (ISO) for relative rules and recency; today (UTC) when not set. */
  asOfDate(): string {
    return this.meta('as_of') ?? new Date().toISOString().slice(0, 10);
  }

  cache<T>(key: string, build: () => T): T {
    this.syncExternal();
    if (!this.caches.has(key)) this.caches.set(key, build());
    return this.caches.get(key) as T;
  }

  /**
   * Forget cached state derived from a dataset (or everything) after it changed. Forgetting
   * everything also takes the current state of the file as known: in-process writers on a
   * connection of their own (the import) call it right after their commit.
   */
  invalidate(prefix = ''): void {
    for (const k of [...this.caches.keys()]) if (k.startsWith(prefix)) this.caches.delete(k);
    if (prefix === '' && this.db.open) {
      this.seenDataVersion = this.dataVersionStmt.get() as number;
      this.stamps = datasetStamps(this.db);
    }
  }

  /**
   * Whether another connection committed since the last check. If so, drop the mirrors of the
   * datasets whose stamp (versions, row and error counts, columns) moved and every cache that
   * is not a dataset's mirror (segments, runs, scores and meta may have changed too), then call
   * `onExternalChange`. Returns true when a change was noticed.
   */
  syncExternal(): boolean {
    if (!this.db.open) return false;
    const v = this.dataVersionStmt.get() as number;
    if (v === this.seenDataVersion) return false;
    this.seenDataVersion = v;
    const now = datasetStamps(this.db);
    for (const k of [...this.caches.keys()]) {
      const m = DATASET_SCOPED_CACHE.exec(k);
      const unchanged = m !== null && now.has(m[1]) && now.get(m[1]) === this.stamps.get(m[1]);
      if (!unchanged) this.caches.delete(k);
    }
    this.stamps = now;
    this.onExternalChange?.();
    return true;
  }

  /**
   * Pin a dataset's state for a job that reads it over several steps: `check()` throws a
   * CONFLICT naming the dataset when anything (this process or another) changed its versions,
   * rows or columns since the pin, so the job stops before saving results for rows that moved.
   */
  pin(dataset: string, what: string): { check(): void } {
    const at = datasetStamps(this.db).get(dataset);
    return {
      check: () => {
        this.syncExternal();
        if (datasetStamps(this.db).get(dataset) !== at) {
          throw new AppError('CONFLICT', msg('engine.workspace.changedWhile', { dataset, what }), {
            dataset,
          });
        }
      },
    };
  }

  info(): WorkspaceInfo {
    let size = 0;
    for (const suffix of ['', '-wal']) {
      try {
        size += fs.statSync(this.file + suffix).size;
      } catch {
        /* no WAL yet */
      }
    }
    return {
      workspace: this.file,
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
      sizeBytes: size,
      createdAt: this.meta('created_at') ?? '',
      asOf: this.meta('as_of'),
      datasets: listDatasets(this.db),
      damaged: damageOf(this.db, this.file),
    };
  }
}
