import type { Migration } from '../migration';

/** The workspace catalogue: datasets, their versions and columns, and per-cell import errors. */
export const migration0001: Migration = {
  version: 1,
  name: 'init',
  up: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE datasets (
      name TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('customers','transactions')),
      id_column TEXT,
      linked_to TEXT,
      current_version INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE dataset_versions (
      dataset TEXT NOT NULL REFERENCES datasets(name) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      table_name TEXT NOT NULL UNIQUE,
      rows INTEGER NOT NULL,
      cell_errors INTEGER NOT NULL,
      source_file TEXT NOT NULL,
      encoding TEXT NOT NULL,
      delimiter TEXT NOT NULL,
      options_json TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      PRIMARY KEY (dataset, version)
    );
    CREATE TABLE dataset_columns (
      dataset TEXT NOT NULL REFERENCES datasets(name) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      role TEXT NOT NULL,
      pii INTEGER NOT NULL DEFAULT 0,
      sensitive INTEGER NOT NULL DEFAULT 0,
      sensitive_category TEXT,
      PRIMARY KEY (dataset, name)
    );
    CREATE TABLE cell_errors (
      dataset TEXT NOT NULL,
      version INTEGER NOT NULL,
      row INTEGER NOT NULL,
      column_name TEXT NOT NULL,
      raw TEXT NOT NULL,
      problem TEXT NOT NULL
    );
    CREATE TABLE column_stats (
      dataset TEXT NOT NULL,
      version INTEGER NOT NULL,
      column_name TEXT NOT NULL,
      missing INTEGER NOT NULL,
      PRIMARY KEY (dataset, version, column_name)
    );
    CREATE INDEX cell_errors_by_version ON cell_errors(dataset, version, row);
  `,
};
