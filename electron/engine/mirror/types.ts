import type { ColumnType } from '../../../shared/types/columns';

/**
 * One column of a dataset version held column-wise in memory. Missing values:
 * NaN in Float64Array columns, BOOL_MISSING in booleans, code -1 in text/category.
 */
export type MirrorColumn = NumberColumn | DateColumn | BooleanColumn | TextColumn;

export interface NumberColumn {
  kind: 'number';
  name: string;
  type: Extract<ColumnType, 'number' | 'integer'>;
  values: Float64Array;
}

export interface DateColumn {
  kind: 'date';
  name: string;
  type: Extract<ColumnType, 'date' | 'datetime'>;
  /** Days since 1970-01-01 (UTC); datetimes carry the time of day as a fraction. */
  values: Float64Array;
}

export const BOOL_MISSING = 2;

export interface BooleanColumn {
  kind: 'boolean';
  name: string;
  type: 'boolean';
  /** 0 = false, 1 = true, BOOL_MISSING = missing. */
  values: Uint8Array;
}

export interface TextColumn {
  kind: 'text';
  name: string;
  type: Extract<ColumnType, 'text' | 'category'>;
  /** Index into `dictionary`, -1 = missing. */
  codes: Int32Array;
  /** Distinct values in order of first appearance. */
  dictionary: string[];
  /** How many rows hold each dictionary entry. */
  counts: Int32Array;
}

/** A dataset version, column-wise; row i of every column is the same customer (ids[i]). */
export interface Mirror {
  dataset: string;
  version: number;
  /** The generated table the mirror was read from. */
  table: string;
  rows: number;
  /** The dataset's ID column, or null when it has none (ids are then the table's row numbers). */
  idColumn: string | null;
  /** Member identifiers as text (the ID column's value, or the row number). */
  ids: string[];
  columns: Map<string, MirrorColumn>;
  buildMs: number;
}
