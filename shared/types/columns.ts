import { z } from 'zod';

/** Column types a dataset column can have after import (also the CLI's `type` values). */
export const COLUMN_TYPES = ['text', 'integer', 'number', 'boolean', 'date', 'datetime', 'category'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const COLUMN_ROLES = ['id', 'contact', 'demographic', 'geographic', 'behavioural', 'psychographic', 'consent', 'other'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const SENSITIVE_CATEGORIES = [
  'gender',
  'age',
  'ethnicity',
  'religion',
  'health',
  'marital',
  'nationality',
  'financial',
  'other',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

export const ColumnInfoSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  pii: z.boolean(),
  sensitive: z.boolean(),
  sensitiveCategory: z.enum(SENSITIVE_CATEGORIES).nullable(),
  missing: z.number().int(),
});
export type ColumnInfo = z.infer<typeof ColumnInfoSchema>;

export const DATASET_KINDS = ['customers', 'transactions'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const DatasetInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(DATASET_KINDS),
  version: z.number().int(),
  versions: z.number().int(),
  rows: z.number().int(),
  cellErrors: z.number().int(),
  idColumn: z.string().nullable(),
  linkedTo: z.string().nullable(),
  importedAt: z.string(),
  sourceFile: z.string(),
  columns: z.array(ColumnInfoSchema),
});
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;

/** A cell value as it crosses the boundary: SQLite's storage classes minus blobs. */
export const CellSchema = z.union([z.string(), z.number(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;
