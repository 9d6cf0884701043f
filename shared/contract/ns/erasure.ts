import { z } from 'zod';
import { method } from '../define';

/** Where an erasure removes (or would remove) rows: the dataset it belongs to, a non-personal place name and a row count. */
export const ErasurePlaceSchema = z.object({
  /** The dataset the rows belong to (for derived results: the dataset they were computed from). */
  dataset: z.string(),
  /** What the rows are, e.g. `dataset "notes" version 2`, `segment membership snapshots`. */
  place: z.string(),
  rows: z.number().int(),
});
export type ErasurePlace = z.infer<typeof ErasurePlaceSchema>;

export const EARLIER_FILE_KINDS = ['export', 'share', 'report'] as const;

/** A file written before the erasure that held (or, for reports and shares, may hold) the erased customers: the user follows up by hand. */
export const EarlierFileSchema = z.object({
  /** The file as recorded when it was written (its name only for files recorded before full paths were logged). */
  path: z.string(),
  kind: z.enum(EARLIER_FILE_KINDS),
  /** When it was written (ISO). */
  at: z.string(),
});
export type EarlierFile = z.infer<typeof EarlierFileSchema>;

const Found = {
  /** Requested IDs found in no dataset row (nothing to erase there for them). */
  notFound: z.number().int(),
  /** Every place holding the customers, dataset by dataset. */
  places: z.array(ErasurePlaceSchema),
  /** Exports, shared copies and reports made earlier that contained the customers (from the audit log). */
  earlierFiles: z.array(EarlierFileSchema),
};

export const ErasureResultSchema = z.object({
  /** Customers (distinct IDs) found in dataset rows and erased. */
  erased: z.number().int(),
  ...Found,
  /** Deleted bytes were zeroed in the file and its WAL emptied, so the erased values are gone from disk. */
  scrubbed: z.boolean(),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

export const ErasurePreviewSchema = z.object({
  /** Customers (distinct IDs) found in dataset rows. */
  found: z.number().int(),
  ...Found,
});
export type ErasurePreview = z.infer<typeof ErasurePreviewSchema>;

const ErasureArgs = z.object({
  /** The dataset the request names; every dataset with a customer ID column is searched regardless. */
  dataset: z.string().min(1),
  ids: z.array(z.string().min(1)).min(1, 'give at least one customer ID').max(1_000_000),
});

export const erasure = {
  /**
   * Where the customers are, without changing anything: every dataset with a customer ID column (linked
   * or not, every version), derived results and import error records; and the earlier files that held them.
   */
  preview: method(ErasureArgs, ErasurePreviewSchema),
  /**
   * Erase customers (right to be forgotten) from every place the workspace holds them: every dataset
   * with a customer ID column, all versions, derived tables, snapshots, import error records.
   * Irreversible; the audit log records how many and where, never who. Fails with NOT_FOUND (nothing
   * changed) when none of the IDs is anywhere in the workspace.
   */
  erase: method(ErasureArgs, ErasureResultSchema),
} as const;
