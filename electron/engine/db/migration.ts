import type { Database } from 'better-sqlite3';

/** One schema step (migrations/NNNN-name.ts); kept apart from migrate.ts so the migrations and their runner do not import each other. */
export interface Migration {
  version: number;
  name: string;
  /** SQL, or a function for migrations that need logic. Runs inside the migration's transaction. */
  up: string | ((db: Database) => void);
}
