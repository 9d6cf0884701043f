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
  /** Member identifiers as text (the ID column's value, or the row number); read on first use. */
  readonly ids: string[];
  /** Columns by name, each read on first use (mirror/lazy.ts): a rule on two columns reads two. */
  columns: Map<string, MirrorColumn>;
  /** Milliseconds it took to open (columns are read later, on use). */
  buildMs: number;
  /** Where the stored columnar copy of this version lives and the stamp it must match; absent for versions not stored. */
  stored?: { stamp: { rows: number; maxRowid: number } };
}

/**
 * Segments are sets of customers: a customer whose ID is on several rows of a file counts once, and
 * rows without an ID count as no one (saved memberships are per ID: segments/snapshot.ts). When every
 * row has its own ID (the usual case) rows and customers are the same and nothing is built.
 */
export interface CustomerKeys {
  /** Every row has a non-empty ID of its own. */
  unique: boolean;
  /** Customers: distinct non-empty IDs. */
  distinct: number;
  /** When not unique: per row, a number for its ID (equal IDs, equal numbers), or -1 without one. */
  codes: Int32Array | null;
}

