import type { Migration } from '../migration';

/**
 * Responsible use: the audit log (exports, erasures, consent overrides, justifications)
 * and the registry of derived tables that hold customer identifiers, so erasure reaches
 * tables other capabilities create at run time (cluster assignments, RFM, snapshots).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'responsible-use',
  up: `
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      who TEXT NOT NULL,
      action TEXT NOT NULL,
      dataset TEXT,
      what TEXT NOT NULL,
      count INTEGER,
      details_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_by_action ON audit_log(action, at);
    CREATE TABLE erasable_tables (
      table_name TEXT PRIMARY KEY,
      dataset TEXT NOT NULL,
      id_column TEXT NOT NULL,
      key_kind TEXT NOT NULL CHECK (key_kind IN ('id', 'rowid')),
      version INTEGER,
      place TEXT NOT NULL
    );
  `,
};
