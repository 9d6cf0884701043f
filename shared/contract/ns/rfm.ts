import { z } from 'zod';
import { method } from '../define';
import { OrderPolicyReportSchema, ReturnsPolicySchema } from '../orders';

const Score = z.number().int().min(1).max(5);
const Range = z.tuple([Score, Score]);

/** One named RFM segment of the grid: inclusive score ranges on R, F and M. */
export const RfmGridCellSchema = z.object({ name: z.string().min(1).max(80), r: Range, f: Range, m: Range.default([1, 5]) });
export type RfmGridCell = z.infer<typeof RfmGridCellSchema>;

export const RfmGridCheckSchema = z.object({
  /** Score combinations no segment covers (their customers would have no segment). */
  gaps: z.array(z.object({ r: Score, f: Score, m: Score, customers: z.number().int() })),
  /** Score combinations covered by more than one segment (the first listed wins). */
  overlaps: z.array(z.object({ r: Score, f: Score, m: Score, segments: z.array(z.string()), customers: z.number().int() })),
  problems: z.array(z.string()),
});
export type RfmGridCheck = z.infer<typeof RfmGridCheckSchema>;

const ColumnOverrides = {
  order: z.string().optional(),
  customer: z.string().optional(),
  date: z.string().optional(),
  amount: z.string().optional(),
  quantity: z.string().optional(),
  price: z.string().optional(),
};

export const RfmResultSchema = z.object({
  transactions: z.string(),
  /** Customers scored (distinct customer IDs). */
  customers: z.number().int(),
  /** Rows left out because they have no customer ID. */
  excludedRows: z.number().int(),
  /** Recency is measured to this date; orders after it are ignored and customers with no purchase up to it are not scored. */
  asOf: z.string(),
  /** Where the as-of date came from ("the last order in online_retail", "chosen for this analysis", "the workspace's as-of date"). */
  asOfSource: z.string().optional(),
  /** First and last order date in the file (any line). */
  dataStart: z.string().nullable().optional(),
  dataEnd: z.string().nullable().optional(),
  /** A chosen as-of date after the data ends or long before it. */
  warnings: z.array(z.string()).optional(),
  /** The returns and cancellations policy and what it left out or netted. */
  returns: OrderPolicyReportSchema.optional(),
  /** Columns used; amount null when quantity × price was used, order null = one order per row. */
  columns: z.object({ order: z.string().nullable(), customer: z.string(), date: z.string(), amount: z.string().nullable(), quantity: z.string().nullable(), price: z.string().nullable() }),
  segments: z.array(z.object({ name: z.string(), count: z.number().int() })),
  /** Customers whose scores no grid segment covers. */
  unassigned: z.number().int(),
  /** The view holding the scores: id, recency_days, frequency, monetary, r, f, m, rfm_segment. */
  view: z.string(),
  /** Customers per (r, f): cells[r-1][f-1]. */
  cells: z.array(z.array(z.number().int())),
  check: RfmGridCheckSchema,
  computedAt: z.string(),
});
export type RfmResult = z.infer<typeof RfmResultSchema>;

export const rfm = {
  /** Score customers of a transactions dataset (recency, frequency, monetary; quintile scores 1–5; grid segments) into view rfm_<dataset>. */
  compute: method(
    z.object({
      transactions: z.string().min(1),
      /** Default: the workspace's as-of date when set, else the file's last order date. */
      asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      /** Returns and cancellations policy; default exclude-cancelled. */
      returns: ReturnsPolicySchema.optional(),
      ...ColumnOverrides,
    }),
    RfmResultSchema,
  ),
  /** The last RFM result of a transactions dataset, or null when none was computed. */
  result: method(z.object({ transactions: z.string().min(1) }), RfmResultSchema.nullable()),
  /** Transactions datasets with RFM results. */
  list: method(z.object({}), z.array(z.object({ transactions: z.string(), customers: z.number().int(), asOf: z.string(), computedAt: z.string() }))),
  /** The editable segment grid (the standard 11 segments until changed) and its gaps/overlaps. */
  grid: method(z.object({}), z.object({ grid: z.array(RfmGridCellSchema), check: RfmGridCheckSchema })),
  /** Replace the grid (null = back to the standard one); relabels existing scores, reports gaps/overlaps. */
  setGrid: method(z.object({ grid: z.array(RfmGridCellSchema).nullable() }), z.object({ grid: z.array(RfmGridCellSchema), check: RfmGridCheckSchema })),
} as const;
