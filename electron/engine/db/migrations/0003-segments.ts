import type { Migration } from '../migration';

/**
 * Saved segments and their history: a segment is a rule over one dataset; every save and
 * every new version of that dataset adds a segment_versions row with a membership snapshot
 * (segment_members), from which sizes over time and entered/left lists are read.
 * RFM results per transactions dataset live in rfm_scores (readable as views rfm_<dataset>).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'segments',
  up: `
    CREATE TABLE segments (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      dataset TEXT NOT NULL,
      rule_json TEXT NOT NULL,
      description TEXT NOT NULL,
      justification TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE segment_versions (
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      dataset_version INTEGER NOT NULL,
      rule_json TEXT NOT NULL,
      description TEXT NOT NULL,
      justification TEXT,
      sensitive_fields TEXT NOT NULL DEFAULT '[]',
      as_of TEXT NOT NULL,
      size INTEGER NOT NULL,
      total INTEGER NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('saved', 'reimport')),
      created_at TEXT NOT NULL,
      PRIMARY KEY (segment_id, seq)
    );
    CREATE TABLE segment_members (
      segment_id INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      id TEXT NOT NULL,
      PRIMARY KEY (segment_id, seq, id),
      FOREIGN KEY (segment_id, seq) REFERENCES segment_versions(segment_id, seq) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TABLE rfm_scores (
      dataset TEXT NOT NULL,
      id TEXT NOT NULL,
      recency_days INTEGER NOT NULL,
      frequency INTEGER NOT NULL,
      monetary REAL NOT NULL,
      r INTEGER NOT NULL,
      f INTEGER NOT NULL,
      m INTEGER NOT NULL,
      rfm_segment TEXT,
      PRIMARY KEY (dataset, id)
    ) WITHOUT ROWID;
    CREATE TABLE rfm_runs (
      dataset TEXT PRIMARY KEY,
      dataset_version INTEGER NOT NULL,
      as_of TEXT NOT NULL,
      columns_json TEXT NOT NULL,
      grid_json TEXT NOT NULL,
      customers INTEGER NOT NULL,
      excluded_rows INTEGER NOT NULL,
      computed_at TEXT NOT NULL
    );
  `,
};
