import fs from 'node:fs';
import type { Db } from '../db/open';
import { createWorkspaceDb, openWorkspaceDb } from '../db/open';
import { damageOf } from '../db/integrity';
import type { WorkspaceInfo } from '../../../shared/contract/ns/workspace';
import { listDatasets } from './catalog';
import { workspacePath } from './location';

/**
 * An open workspace: one SQLite file and the caches built from it (columnar mirrors).
 * Capabilities hang their per-workspace state off `cache` keyed by their own names,
 * and drop it in `invalidate()` when the data changes.
 */
export class Workspace {
  private readonly caches = new Map<string, unknown>();

  private constructor(
    readonly file: string,
    readonly db: Db,
  ) {}

  static resolve(file: string): string {
    return workspacePath(file);
  }

  static create(file: string): Workspace {
    const abs = workspacePath(file);
    return new Workspace(abs, createWorkspaceDb(abs));
  }

  static open(file: string): Workspace {
    const abs = workspacePath(file);
    return new Workspace(abs, openWorkspaceDb(abs));
  }

  close(): void {
    this.caches.clear();
    if (this.db.open) this.db.close();
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
    if (!this.caches.has(key)) this.caches.set(key, build());
    return this.caches.get(key) as T;
  }

  /** Forget cached state derived from a dataset (or everything) after it changed. */
  invalidate(prefix = ''): void {
    for (const k of [...this.caches.keys()]) if (k.startsWith(prefix)) this.caches.delete(k);
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
