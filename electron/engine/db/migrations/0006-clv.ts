import type { Migration } from '../migration';

/**
 * CLV fits per transactions dataset: the latest fit (parameters, calibration, warnings as JSON)
 * and its per-customer results, readable as the view clv_<transactions dataset>
 * (id, frequency, recency, T, monetary, p_alive, expected_purchases, expected_spend, clv).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'clv',
  up: `
    CREATE TABLE clv_runs (
      dataset TEXT PRIMARY KEY,
      dataset_version INTEGER NOT NULL,
      as_of TEXT NOT NULL,
      result_json TEXT NOT NULL,
      computed_at TEXT NOT NULL
    );
    CREATE TABLE clv_scores (
      dataset TEXT NOT NULL,
      id TEXT NOT NULL,
      frequency INTEGER NOT NULL,
      recency REAL NOT NULL,
      T REAL NOT NULL,
      monetary REAL NOT NULL,
      p_alive REAL NOT NULL,
      expected_purchases REAL NOT NULL,
      expected_spend REAL,
      clv REAL,
      PRIMARY KEY (dataset, id)
    ) WITHOUT ROWID;
  `,
};
