import type { Migration } from '../migration';

/**
 * Clustering runs: settings and results as JSON, editable cluster names, and one membership
 * row per customer. Each run also gets a view `cluster_<id>` (id, cluster, cluster_name),
 * created with the run. AUTOINCREMENT so a deleted run's id (and view name) is never reused.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'clusters',
  up: `
    CREATE TABLE cluster_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      dataset TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      k INTEGER NOT NULL,
      seed INTEGER NOT NULL,
      features_json TEXT NOT NULL,
      settings_json TEXT NOT NULL,
      result_json TEXT NOT NULL
    );
    CREATE INDEX cluster_runs_by_dataset ON cluster_runs(dataset, id);
    CREATE TABLE cluster_names (
      run_id INTEGER NOT NULL REFERENCES cluster_runs(id) ON DELETE CASCADE,
      cluster INTEGER NOT NULL,
      name TEXT NOT NULL,
      suggested TEXT NOT NULL,
      PRIMARY KEY (run_id, cluster)
    );
    CREATE TABLE cluster_members (
      run_id INTEGER NOT NULL REFERENCES cluster_runs(id) ON DELETE CASCADE,
      row_index INTEGER NOT NULL,
      row_id INTEGER NOT NULL,
      id TEXT NOT NULL,
      cluster INTEGER NOT NULL,
      PRIMARY KEY (run_id, row_index)
    ) WITHOUT ROWID;
  `,
};
