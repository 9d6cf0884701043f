import { z } from 'zod';
import { method } from '../define';
import { CellSchema, COLUMN_ROLES, COLUMN_TYPES } from '../../types/columns';
import { RuleSchema, type RuleNode } from '../../rules/types';
import { SQL_DIALECTS } from '../../rules/operators';

const Name = z.string().min(1, 'a segment name is required');
const Dataset = z.string().min(1, 'a dataset name is required');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'as-of must be yyyy-mm-dd');
/** Rules cross as plain JSON; the engine validates them against the dataset (precise messages). */
const RuleArg = z.unknown();

export const SegmentInfoSchema = z.object({
  name: z.string(),
  dataset: z.string(),
  rule: RuleSchema,
  description: z.string(),
  justification: z.string().nullable(),
  /** Sensitive columns the rule reads (directly or through referenced segments). */
  sensitiveFields: z.array(z.string()),
  /** Members in the latest snapshot (the dataset's current version). */
  size: z.number().int(),
  total: z.number().int(),
  share: z.number(),
  datasetVersion: z.number().int(),
  /** Size per snapshot, oldest first (the sparkline). */
  sizes: z.array(z.object({ seq: z.number().int(), datasetVersion: z.number().int(), size: z.number().int() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SegmentInfo = z.infer<typeof SegmentInfoSchema>;

export const SegmentHistorySchema = z.object({
  name: z.string(),
  dataset: z.string(),
  versions: z.array(
    z.object({
      seq: z.number().int(),
      datasetVersion: z.number().int(),
      size: z.number().int(),
      total: z.number().int(),
      reason: z.enum(['saved', 'reimport']),
      asOf: z.string(),
      createdAt: z.string(),
      description: z.string(),
      justification: z.string().nullable(),
      /** Members not in the previous snapshot (all members for the first). */
      entered: z.number().int(),
      left: z.number().int(),
    }),
  ),
});
export type SegmentHistory = z.infer<typeof SegmentHistorySchema>;

export const RuleIssueSchema = z.object({ path: z.string(), message: z.string() });

/** Numbers' and dates' `distinct` in a field summary stops counting here (one more than the outcomes' MAX_VALUE_GROUPS). */
export const NUMBER_DISTINCT_CAP = 13;

export const FieldSummarySchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  sensitive: z.boolean(),
  missing: z.number().int(),
  /** Numbers and dates (dates as ISO text). */
  min: z.union([z.number(), z.string()]).nullable(),
  max: z.union([z.number(), z.string()]).nullable(),
  /** Equal-width bins between min and max (numbers and dates). */
  histogram: z.array(z.number().int()),
  /** Most frequent values with counts (text and category), at most 200. */
  categories: z.array(z.object({ value: z.string(), count: z.number().int() })),
  /**
   * Distinct values. Text and category: all of them. Numbers and dates: counted up to
   * NUMBER_DISTINCT_CAP (13), which then means "more than 12": enough to say whether a number is compared
   * value by value or in bands (outcomes), without a full count on every field of a million customers.
   */
  distinct: z.number().int(),
  /**
   * Where the field comes from: `customers` (the dataset's own column) or its customer view's source
   * (`orders:<transactions>`, `rfm`, `clv`, `cluster:<run>`); the builder's picker groups by it.
   */
  source: z.string().optional(),
});
export type FieldSummary = z.infer<typeof FieldSummarySchema>;

export const CountResultSchema = z.object({
  /** Customers matching: distinct non-empty IDs (a customer on several rows counts once). */
  count: z.number().int(),
  /** Customers in the dataset. */
  total: z.number().int(),
  /** Rows matching, when that differs from `count` (repeated or missing IDs). */
  rows: z.number().int().optional(),
  share: z.number(),
  ms: z.number(),
  description: z.string(),
  /** The date relative conditions ("in the last 90 days") count back from, and where it comes from. */
  asOf: IsoDate.optional(),
  asOfSource: z.string().optional(),
});
export type CountResult = z.infer<typeof CountResultSchema>;

export const SegmentSqlSchema = z.object({
  dialect: z.enum(SQL_DIALECTS),
  dataset: z.string(),
  /** The table the SQL reads (the dataset's name unless another was given). */
  table: z.string(),
  /** The matching rows: SELECT * FROM table WHERE … */
  sql: z.string(),
  /** Customers in the segment: distinct non-empty IDs of the matching rows (rows when there is no ID column). */
  countSql: z.string(),
  /** Bound in order: ? placeholders (sqlite, duckdb) or $1, $2, … (postgres). */
  params: z.array(z.union([z.string(), z.number()])),
  idColumn: z.string().nullable(),
  /** Relative dates ("in the last 90 days") are fixed to dates counted back from this day. */
  asOf: IsoDate,
  asOfSource: z.string(),
  description: z.string(),
  /**
   * The order lines that order-history conditions read: for each transactions dataset, the warehouse
   * table and the columns read there, and how cancellations and returns are recognised (decided on the
   * workspace's copy and written into the SQL). Empty when the rule has no history condition.
   */
  orders: z.array(
    z.object({
      dataset: z.string(),
      table: z.string(),
      columns: z.object({ customer: z.string(), date: z.string(), order: z.string().nullable(), amount: z.string().nullable(), quantity: z.string().nullable(), price: z.string().nullable() }),
      recognised: z.array(z.string()),
      /** The day order-history windows ("in the last 90 days") count back from: the transactions' own as-of date. */
      asOf: IsoDate,
    }),
  ),
});
export type SegmentSql = z.infer<typeof SegmentSqlSchema>;

export const OverlapResultSchema = z.object({
  segments: z.array(z.object({ name: z.string(), size: z.number().int(), share: z.number() })),
  /** counts[i][j] = members of both i and j (diagonal = size). */
  counts: z.array(z.array(z.number().int())),
  jaccard: z.array(z.array(z.number())),
  base: z.number().int(),
  minSize: z.number().int(),
  warnings: z.array(
    z.object({
      kind: z.enum(['small', 'near-duplicate']),
      segments: z.array(z.string()),
      message: z.string(),
      /** For near-duplicates: what to do about it. */
      suggestion: z.string().nullable(),
    }),
  ),
});
export type OverlapResult = z.infer<typeof OverlapResultSchema>;

export const ProfileResultSchema = z.object({
  size: z.number().int(),
  total: z.number().int(),
  share: z.number(),
  description: z.string(),
  /** One entry per column, largest effect first. */
  features: z.array(
    z.object({
      name: z.string(),
      type: z.enum(COLUMN_TYPES),
      /** Absolute standardised difference: Cohen's d (numbers, dates), Cohen's h (booleans), Cramér's V (categories). */
      effect: z.number(),
      effectKind: z.enum(['cohen_d', 'cohen_h', 'cramers_v']),
      segment: z.object({ mean: z.number().nullable(), missing: z.number() }),
      base: z.object({ mean: z.number().nullable(), missing: z.number() }),
      /** Categories (top 8 in the segment): share in segment vs base. */
      categories: z.array(z.object({ value: z.string(), segmentShare: z.number(), baseShare: z.number() })),
      summary: z.string(),
    }),
  ),
});
export type ProfileResult = z.infer<typeof ProfileResultSchema>;

/** Either a saved segment, or a dataset and a rule being edited. */
const Target = z.union([z.object({ name: Name }), z.object({ dataset: Dataset, rule: RuleArg })]);

export const segments = {
  /** Columns of a dataset as the rule builder needs them: type, role, sensitivity, range + histogram, category counts. */
  fields: method(z.object({ dataset: Dataset }), z.object({ dataset: z.string(), rows: z.number().int(), fields: z.array(FieldSummarySchema) })),
  /** Check a rule against a dataset: every problem with where it is, and the plain-language description. */
  validate: method(z.object({ dataset: Dataset, rule: RuleArg }), z.object({ ok: z.boolean(), issues: z.array(RuleIssueSchema), description: z.string() })),
  /** Live count of a rule on the in-memory mirror (the builder calls this while editing). */
  count: method(z.object({ dataset: Dataset, rule: RuleArg, asOf: IsoDate.optional() }), CountResultSchema),
  /** A saved segment or a rule as SQL for the workspace (sqlite) or the client's warehouse (duckdb, postgres). */
  sql: method(
    z.object({
      dataset: Dataset.optional(),
      segment: Name.optional(),
      rule: RuleArg,
      dialect: z.enum(SQL_DIALECTS),
      table: z.string().min(1).optional(),
      /**
       * The warehouse table of each transactions dataset an order-history condition reads (default: the
       * dataset's name); the key "*" names the table of the only one the segment reads.
       */
      ordersTables: z.record(z.string(), z.string().min(1)).optional(),
    }),
    SegmentSqlSchema,
  ),
  /** Save (create or replace) a segment and snapshot its members; sensitive columns need a justification. */
  save: method(z.object({ dataset: Dataset, name: Name, rule: RuleArg, justification: z.string().nullable().optional() }), SegmentInfoSchema),
  /** Saved segments with sizes and size history (all, or the one named). */
  list: method(z.object({ name: Name.optional() }), z.array(SegmentInfoSchema)),
  rename: method(z.object({ name: Name, newName: Name }), SegmentInfoSchema),
  duplicate: method(z.object({ name: Name, newName: Name }), SegmentInfoSchema),
  /** Delete a segment and its snapshots (refused while another segment refers to it). */
  delete: method(z.object({ name: Name }), z.object({ deleted: z.string() })),
  /** Size per dataset version with entered/left counts. */
  history: method(z.object({ name: Name }), SegmentHistorySchema),
  /** Who entered and who left at a snapshot (default: the latest) compared with the one before. */
  changes: method(
    z.object({ name: Name, seq: z.number().int().optional() }),
    z.object({ name: z.string(), seq: z.number().int(), previous: z.number().int().nullable(), entered: z.array(z.string()), left: z.array(z.string()) }),
  ),
  /** Member ids of a snapshot (default: latest). */
  members: method(z.object({ name: Name, seq: z.number().int().optional() }), z.object({ ids: z.array(z.string()) })),
  /** The data table filtered to a segment or rule, a page at a time. */
  rows: method(
    z.intersection(Target, z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) })),
    z.object({ columns: z.array(z.string()), rows: z.array(z.array(CellSchema)), total: z.number().int() }),
  ),
  /** Pairwise overlap (counts, Jaccard) of saved segments, small-segment and near-duplicate warnings. */
  overlap: method(
    z.object({ names: z.array(Name).min(1), minShare: z.number().min(0).max(1).default(0.01), minCount: z.number().int().min(0).default(50) }),
    OverlapResultSchema,
  ),
  /** A segment (saved, or a rule being edited) against the whole base: each column's difference with an effect size. */
  profile: method(Target, ProfileResultSchema),
} as const;

export type { RuleNode };
