import { z } from 'zod';
import { method } from '../define';
import { ReturnsPolicySchema } from '../orders';
import { COLUMN_TYPES } from '../../types/columns';
import { TablePageArgs, TablePageSchema } from './datasets';

/**
 * Where a field of the customer view comes from: the customer file itself, the order history of one
 * transactions dataset (`orders:<dataset>`), the latest RFM run, the latest lifetime-value fit, or one
 * saved clustering run (`cluster:<run id>`).
 */
export const CustomerViewSourceSchema = z.string().regex(/^(customers|rfm|clv|orders:.+|cluster:\d+)$/, 'customers, orders:<dataset>, rfm, clv or cluster:<run>');
export type CustomerViewSource = z.infer<typeof CustomerViewSourceSchema>;

/** One column of the view: its name, type (the dataset column types) and source. */
export const CustomerViewColumnSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  source: CustomerViewSourceSchema,
});
export type CustomerViewColumn = z.infer<typeof CustomerViewColumnSchema>;

export const CustomerViewInfoSchema = z.object({
  /** The SQLite view, readable by any SQLite tool: c360_<dataset>. */
  view: z.string(),
  dataset: z.string(),
  /** Distinct customer IDs (rows of the view). */
  customers: z.number().int(),
  columns: z.array(CustomerViewColumnSchema),
  /** Per transactions dataset read: the as-of date days_since_last_order and tenure_days count to, where it came from, the returns policy, and the suffix of its column names ('' when it is the only one). */
  orders: z.array(z.object({ transactions: z.string(), asOf: z.string(), asOfSource: z.string(), policy: ReturnsPolicySchema, suffix: z.string() })),
  /** What is left out and why (no RFM run yet, a transactions dataset without dates, renamed customer columns). */
  notes: z.array(z.string()),
});
export type CustomerViewInfo = z.infer<typeof CustomerViewInfoSchema>;

export const customerView = {
  /** The customer view of a dataset (customers, or transactions without a customer file): its name, size and where each column comes from. */
  describe: method(z.object({ dataset: z.string().min(1) }), CustomerViewInfoSchema),
  /** Every customer view of the workspace (one per customers dataset and per unlinked transactions dataset). */
  list: method(z.object({}), z.array(z.object({ view: z.string(), dataset: z.string() }))),
  /**
   * A page of the view for the data table ("the customers behind a number"): one row per customer, with
   * the derived columns; sorted (default: by customer ID), searched and filtered like `datasets.rows`.
   * `rowNumbers` are positions in this ordering (1-based). `rule` keeps only the customers a segment rule
   * matches (the rule language of `segments.count`, checked there: `{"segment":"Loyal"}`, an overlap
   * `{"all":[{"segment":"A"},{"segment":"B"}]}`, a CLV band, a fairness group), so a click on any number opens
   * exactly the customers it counts.
   */
  rows: method(z.object({ dataset: z.string().min(1), ...TablePageArgs, rule: z.unknown().optional() }), TablePageSchema),
  /** Write the view to a CSV file (PII columns left out; the export command applies the PII rules for those). */
  writeCsv: method(
    z.object({ dataset: z.string().min(1), path: z.string().min(1) }),
    z.object({ path: z.string(), rows: z.number().int(), columns: z.array(z.string()), leftOut: z.array(z.string()) }),
  ),
} as const;
