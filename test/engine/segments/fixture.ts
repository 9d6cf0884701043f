import path from 'node:path';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { quoteIdent } from '../../../electron/engine/db/open';
import type { ColumnType } from '../../../shared/types/columns';
import { tmpDir } from '../../helpers/tmp';
import { mulberry32 } from '../../../electron/engine/random';

export interface FixtureColumn {
  name: string;
  type: ColumnType;
  sensitive?: boolean;
}

/**
 * A workspace with one dataset version written the way the import writes it: catalog rows in
 * datasets / dataset_versions / dataset_columns, rows in a generated table, a view named as the dataset.
 * Used where a test needs exact control of the values (differential tests); other tests import real CSVs.
 */
export function addDatasetVersion(ws: Workspace, dataset: string, cols: FixtureColumn[], rows: unknown[][], idColumn: string | null = cols[0]?.name ?? null): void {
  const db = ws.db;
  const existing = db.prepare('SELECT current_version FROM datasets WHERE name = ?').get(dataset) as { current_version: number } | undefined;
  const version = (existing?.current_version ?? 0) + 1;
  const table = `ds_${Math.random().toString(36).slice(2, 10)}_v${version}`;
  const now = new Date().toISOString();
  db.transaction(() => {
    db.exec(`CREATE TABLE ${quoteIdent(table)} (${cols.map((c) => `${quoteIdent(c.name)} ${c.type === 'integer' ? 'INTEGER' : c.type === 'number' ? 'REAL' : c.type === 'boolean' ? 'INTEGER' : 'TEXT'}`).join(', ')})`);
    const ins = db.prepare(`INSERT INTO ${quoteIdent(table)} VALUES (${cols.map(() => '?').join(', ')})`);
    for (const r of rows) ins.run(...r);
    if (existing) db.prepare('UPDATE datasets SET current_version = ? WHERE name = ?').run(version, dataset);
    else db.prepare("INSERT INTO datasets(name, kind, id_column, linked_to, current_version, created_at) VALUES (?, 'customers', ?, NULL, ?, ?)").run(dataset, idColumn, version, now);
    db.prepare("INSERT INTO dataset_versions VALUES (?, ?, ?, ?, 0, 'fixture.csv', 'utf-8', ',', '{}', ?)").run(dataset, version, table, rows.length, now);
    db.prepare('DELETE FROM dataset_columns WHERE dataset = ?').run(dataset);
    cols.forEach((c, i) =>
      db.prepare("INSERT INTO dataset_columns(dataset, position, name, type, role, sensitive) VALUES (?, ?, ?, ?, 'other', ?)").run(dataset, i, c.name, c.type, c.sensitive ? 1 : 0),
    );
    db.exec(`DROP VIEW IF EXISTS ${quoteIdent(dataset)}`);
    db.exec(`CREATE VIEW ${quoteIdent(dataset)} AS SELECT * FROM ${quoteIdent(table)}`);
  })();
}

export function fixtureWorkspace(): Workspace {
  return Workspace.create(path.join(tmpDir(), 'fixture.sdw'));
}

export const rng = mulberry32;
