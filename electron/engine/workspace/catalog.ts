import type { Db } from '../db/open';
import type { ColumnInfo, DatasetInfo } from '../../../shared/types/columns';
import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';

interface DatasetRow {
  name: string;
  kind: 'customers' | 'transactions';
  id_column: string | null;
  linked_to: string | null;
  current_version: number;
}

interface ColumnRow {
  name: string;
  type: ColumnInfo['type'];
  role: ColumnInfo['role'];
  pii: number;
  sensitive: number;
  sensitive_category: ColumnInfo['sensitiveCategory'];
}

/** The table holding a dataset version's rows. Names are generated, never taken from user input. */
export function versionTable(db: Db, dataset: string, version?: number): string {
  const row = (
    version === undefined
      ? db.prepare('SELECT v.table_name FROM dataset_versions v JOIN datasets d ON d.name = v.dataset AND d.current_version = v.version WHERE d.name = ?').get(dataset)
      : db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ? AND version = ?').get(dataset, version)
  ) as { table_name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', version === undefined ? msg('engine.catalog.noDataset', { dataset }) : msg('engine.catalog.noVersion', { dataset, version: String(version) }));
  return row.table_name;
}

export function columnsOf(db: Db, dataset: string): ColumnInfo[] {
  const cols = db
    .prepare('SELECT name, type, role, pii, sensitive, sensitive_category FROM dataset_columns WHERE dataset = ? ORDER BY position')
    .all(dataset) as ColumnRow[];
  return cols.map((c) => ({
    name: c.name,
    type: c.type,
    role: c.role,
    pii: !!c.pii,
    sensitive: !!c.sensitive,
    sensitiveCategory: c.sensitive_category,
    missing: 0,
  }));
}

export function getDataset(db: Db, name: string): DatasetInfo {
  const d = db.prepare('SELECT name, kind, id_column, linked_to, current_version FROM datasets WHERE name = ?').get(name) as DatasetRow | undefined;
  if (!d) throw new AppError('NOT_FOUND', msg('engine.catalog.noDataset', { dataset: name }));
  const v = db
    .prepare('SELECT rows, cell_errors, imported_at, source_file, table_name FROM dataset_versions WHERE dataset = ? AND version = ?')
    .get(name, d.current_version) as { rows: number; cell_errors: number; imported_at: string; source_file: string; table_name: string };
  const versions = (db.prepare('SELECT count(*) AS n FROM dataset_versions WHERE dataset = ?').get(name) as { n: number }).n;
  const missing = missingCounts(db, name, d.current_version);
  return {
    name: d.name,
    kind: d.kind,
    version: d.current_version,
    versions,
    rows: v.rows,
    cellErrors: v.cell_errors,
    idColumn: d.id_column,
    linkedTo: d.linked_to,
    importedAt: v.imported_at,
    sourceFile: v.source_file,
    columns: columnsOf(db, name).map((c) => ({ ...c, missing: missing.get(c.name) ?? 0 })),
  };
}

/** Missing counts are computed at import and kept per version. */
function missingCounts(db: Db, dataset: string, version: number): Map<string, number> {
  const rows = db.prepare('SELECT column_name, missing FROM column_stats WHERE dataset = ? AND version = ?').all(dataset, version) as {
    column_name: string;
    missing: number;
  }[];
  return new Map(rows.map((r) => [r.column_name, r.missing]));
}

export function listDatasets(db: Db): DatasetInfo[] {
  const names = db.prepare('SELECT name FROM datasets ORDER BY name').all() as { name: string }[];
  return names.map((n) => getDataset(db, n.name));
}
