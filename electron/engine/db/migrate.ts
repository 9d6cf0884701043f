import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings a workspace to SCHEMA_VERSION. Each migration and its `user_version` bump
 * commit together, so a crash leaves the file at a whole version.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`workspace schema version ${current} is newer than this SegmentDesk understands (${migrations.length}); update SegmentDesk`);
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
