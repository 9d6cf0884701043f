import { z } from 'zod';
import { job, method } from '../define';
import { SegmentInfoSchema } from './segments';
import { OrderPolicyReportSchema, ReturnsPolicySchema } from '../orders';
import { OverallTestSchema, PairTestSchema } from '../stats';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates must be yyyy-mm-dd');

/** A number field with more distinct values than this is compared in bands, not value by value. */
export const MAX_VALUE_GROUPS = 12;
/** Bands when none are asked for: quartiles. */
export const DEFAULT_BANDS = 4;

/** How the customers of an outcome analysis are grouped: exactly one of these. */
export const GroupingSchema = z.union([
  /**
   * The values of a column or customer-view field (of the outcome dataset, or of the customers it is linked to).
   * A numeric field with more than 12 distinct values (lifetime value, total spend), or any numeric field when
   * `bands` is given, is compared in `bands` equal-count bands (default 4: quartiles); see ResponseResult.bands.
   */
  z.strictObject({ by: z.string().min(1), bands: z.number().int().min(2).max(10).optional() }),
  /** Saved segments (each compared with everyone not in it; segments may overlap). */
  z.strictObject({ segments: z.array(z.string().min(1)).min(1).max(50) }),
  /** The clusters of a clustering run (view cluster_<run>). */
  z.strictObject({ run: z.string().min(1) }),
  /** The RFM segments computed from a transactions dataset (view rfm_<transactions>). */
  z.strictObject({ rfm: z.string().min(1) }),
]);
export type Grouping = z.infer<typeof GroupingSchema>;

export const ResponseParamsSchema = z.object({
  /** A customer dataset, or a campaign-responses file linked to one by customer ID. */
  dataset: z.string().min(1),
  /** The binary outcome column (yes/no, true/false, 1/0; or a date: responded when present). */
  outcome: z.string().min(1),
  /** The value that counts as a positive outcome; default: detected (yes, true, 1, …). */
  positive: z.string().optional(),
  /** Optional revenue column of the outcome dataset: revenue per customer by group. */
  revenue: z.string().optional(),
  grouping: GroupingSchema,
});
export type ResponseParams = z.input<typeof ResponseParamsSchema>;

export const ResponseGroupSchema = z.object({
  group: z.string(),
  n: z.number().int(),
  positives: z.number().int(),
  rate: z.number(),
  /** 95% Wilson score interval of the rate. */
  ciLow: z.number(),
  ciHigh: z.number(),
  /** rate / base rate (null when the base rate is 0). */
  lift: z.number().nullable(),
  /** Two-sided p-value of the group against everyone else in the base, by the test named in `test`. */
  pValue: z.number(),
  /** Which test gave pValue: "z" (pooled two-proportion z-test) or "fisher" (Fisher's exact test, used when an expected count of the 2×2 table is under 5). */
  test: PairTestSchema.optional(),
  /** Holm-adjusted p-value across all groups (multiple comparisons). */
  pHolm: z.number().optional(),
  /** Same as pHolm (the older name, kept for existing callers). */
  pAdjusted: z.number(),
  /** Fewer than 30 members: the rate is uncertain (see the interval). */
  small: z.boolean().optional(),
  /** Revenue per member when a revenue column was given: the revenue summed over the members with a value, divided by all n members (a missing value counts as 0). */
  revenuePerCustomer: z.number().nullable(),
});
export type ResponseGroup = z.infer<typeof ResponseGroupSchema>;

export const ResponseResultSchema = z.object({
  dataset: z.string(),
  outcome: z.string(),
  positive: z.string(),
  base: z.object({ n: z.number().int(), positives: z.number().int(), rate: z.number() }),
  /**
   * What n counts: `customers` for a customers file (each customer once, by their latest row, as segment sizes
   * count), `rows` for a responses file imported as transactions (one row per contact).
   */
  unit: z.enum(['customers', 'rows']),
  /** Sorted by lift, highest first. */
  groups: z.array(ResponseGroupSchema),
  /** Rows left out because the outcome (or, for joined groupings, the customer) was missing. */
  excluded: z.number().int(),
  /** Plain-language note on multiple comparisons (null for fewer than 3 groups). */
  note: z.string().nullable(),
  /** Small groups, exact tests used, groupings that cannot be tested overall. */
  warnings: z.array(z.string()),
  /**
   * Do the groups' rates differ at all (one test over all groups)? Only for groupings whose groups do not overlap
   * (a column's values, clusters, RFM segments); null for saved segments, which may overlap, or when nothing varies.
   */
  overall: OverallTestSchema.nullable().optional(),
  /** The tests behind the p-values, in words. */
  methods: z.string().optional(),
  /**
   * Set when a numeric field was compared in bands: the upper edges of every band but the last (its
   * k-quantiles among the customers compared, NumPy's default linear interpolation; a value on an edge is in
   * the lower band) and the convention in words (also among the warnings).
   */
  bands: z.object({ field: z.string(), asked: z.number().int(), edges: z.array(z.number()), convention: z.string() }).nullable().optional(),
});
export type ResponseResult = z.infer<typeof ResponseResultSchema>;

export const CLV_PERIODS = ['days', 'weeks'] as const;

export const ClvParamsSchema = z.object({
  /** A dataset imported as transactions (customer, date and amount or quantity × price columns). */
  transactions: z.string().min(1),
  /** End of the observation period (inclusive); later transactions are ignored. Default: the workspace's as-of date when set, else the last order date. */
  asOf: IsoDate.optional(),
  /** Returns and cancellations policy; default exclude-cancelled. */
  returns: ReturnsPolicySchema.optional(),
  period: z.enum(CLV_PERIODS).default('weeks'),
  /** Prediction horizon in periods; default one year (52 weeks / 365 days). */
  horizon: z.number().positive().max(100_000).optional(),
  /** Annual discount rate for CLV. */
  discount: z.number().min(0).max(10).default(0.1),
  /** Holdout length in days for the calibration check (0 = none); default automatic. */
  holdoutDays: z.number().int().min(0).max(100_000).optional(),
});
export type ClvParams = z.input<typeof ClvParamsSchema>;

const BgNbdSchema = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLik: z.number(), converged: z.boolean() });
const GammaGammaSchema = z.object({ p: z.number(), q: z.number(), v: z.number(), customers: z.number().int() });

export const CalibrationSchema = z.object({
  cutoff: IsoDate,
  holdoutDays: z.number().int(),
  customers: z.number().int(),
  /** Mean predicted vs actual holdout purchases by calibration-period frequency. */
  bins: z.array(z.object({ frequency: z.string(), customers: z.number().int(), predicted: z.number(), actual: z.number() })),
  mae: z.number(),
  totalPredicted: z.number(),
  totalActual: z.number(),
});

export const ClvResultSchema = z.object({
  transactions: z.string(),
  asOf: IsoDate,
  /** Where the as-of date came from ("the last order in online_retail", "chosen for this analysis", …). */
  asOfSource: z.string().optional(),
  /** First and last order date in the file (any line). */
  dataStart: IsoDate.nullable().optional(),
  dataEnd: IsoDate.nullable().optional(),
  /** The returns and cancellations policy and what it left out or netted. */
  returns: OrderPolicyReportSchema.optional(),
  period: z.enum(CLV_PERIODS),
  horizon: z.number(),
  discount: z.number(),
  customers: z.number().int(),
  bgnbd: BgNbdSchema,
  /** null when spend could not be modelled (no amounts, too few repeat customers with positive spend). */
  gammaGamma: GammaGammaSchema.nullable(),
  calibration: CalibrationSchema.nullable(),
  warnings: z.array(z.string()),
  /** The view holding the per-customer results. */
  view: z.string(),
  ms: z.number(),
});
export type ClvResult = z.infer<typeof ClvResultSchema>;

export const ClvChartsSchema = z.object({
  /** CLV histogram: equal-width bins between the 1st and 99th percentile (outliers in the end bins). */
  clvHistogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number().int()) }),
  /** Mean P(alive) over frequency (rows) × recency (columns) bins. */
  pAliveHeatmap: z.object({
    frequency: z.array(z.string()),
    recency: z.array(z.string()),
    /** cells[i][j] = mean P(alive) or null when no customer falls there. */
    cells: z.array(z.array(z.number().nullable())),
    counts: z.array(z.array(z.number().int())),
  }),
  /** Customers with CLV computed, and the threshold of the top 20%. */
  clvTop20Threshold: z.number().nullable(),
  likelyChurned: z.number().int(),
});
export type ClvCharts = z.infer<typeof ClvChartsSchema>;

export const outcomes = {
  /** Compare groups on a binary outcome: rate, Wilson interval, lift, two-proportion p-value per group. */
  response: method(ResponseParamsSchema, ResponseResultSchema),
  /** Columns of a dataset usable as a binary outcome (two distinct values, booleans, or dates), with their values. */
  outcomeColumns: method(
    z.object({ dataset: z.string().min(1) }),
    z.array(z.object({ name: z.string(), values: z.array(z.string()), suggestedPositive: z.string().nullable() })),
  ),
  /** The last CLV fit of a transactions dataset (null when none), with data for its charts. */
  clv: method(z.object({ transactions: z.string().min(1) }), z.object({ result: ClvResultSchema, charts: ClvChartsSchema }).nullable()),
  /**
   * Save a segment of the customer dataset the transactions are linked to, from the last CLV fit:
   * "top20" = the 20% of customers with the highest CLV, "likelyChurned" = P(alive) < 0.3.
   * The membership is fixed at the fit (the rule lists the customer IDs).
   */
  clvSegment: method(
    z.object({ transactions: z.string().min(1), kind: z.enum(['top20', 'likelyChurned']), name: z.string().min(1).optional() }),
    SegmentInfoSchema,
  ),
  jobs: {
    /** Fit BG/NBD + Gamma-Gamma on a transactions dataset; per-customer results in view clv_<dataset>. */
    clv: job(ClvParamsSchema, ClvResultSchema),
  },
} as const;
