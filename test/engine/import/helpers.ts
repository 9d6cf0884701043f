import path from 'node:path';
import Database from 'better-sqlite3';
import type { Api } from '../../../shared/contract/api';
import type { ImportParams, ImportResult } from '../../../shared/contract/ns/datasets';
import type { JobStatus } from '../../../shared/contract/jobs';
import type { Engine } from '../../../electron/engine/engine';
import { runJob } from '../../helpers/engine';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');
export const fixture = (name: string) => path.join(FIXTURES, name);

/** Run the import job to its end; `result` is set when it succeeded, `status.error` when it failed. */
export async function importFile(engine: Engine, api: Api, params: ImportParams): Promise<{ status: JobStatus; result: ImportResult }> {
  const { status, result } = await runJob(engine, api, 'import', params);
  return { status, result: result as ImportResult };
}

/** Everything an import could change, as one comparable string (schema, catalogue, errors, row counts). */
export function snapshot(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string }[];
    const counts = schema.filter((s) => s.type === 'table').map((s) => [s.name, (db.prepare(`SELECT count(*) AS n FROM "${s.name}"`).get() as { n: number }).n]);
    const catalog = ['datasets', 'dataset_versions', 'dataset_columns', 'column_stats'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    return JSON.stringify({ schema, counts, catalog });
  } finally {
    db.close();
  }
}
