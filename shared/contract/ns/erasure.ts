import { z } from 'zod';
import { method } from '../define';

export const ErasureResultSchema = z.object({
  /** Customers found and erased. */
  erased: z.number().int(),
  /** Requested IDs that were not in the dataset. */
  notFound: z.number().int(),
  /** Where rows were removed: a non-personal place name and a row count. */
  places: z.array(z.object({ place: z.string(), rows: z.number().int() })),
  /** Deleted bytes were zeroed in the file and its WAL emptied, so the erased values are gone from disk. */
  scrubbed: z.boolean(),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

export const erasure = {
  /**
   * Erase customers (right to be forgotten) from every place the workspace holds them: all
   * versions, linked transactions, derived tables, snapshots, cell errors. Irreversible; the
   * audit log records how many and where, never who.
   */
  erase: method(
    z.object({ dataset: z.string().min(1), ids: z.array(z.string().min(1)).min(1, 'give at least one customer ID').max(1_000_000) }),
    ErasureResultSchema,
  ),
} as const;
