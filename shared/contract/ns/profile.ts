import { z } from 'zod';
import { method } from '../define';
import { CellSchema, COLUMN_ROLES, COLUMN_TYPES } from '../../types/columns';

export const ALERT_KINDS = [
  'missing',
  'duplicates',
  'duplicate_ids',
  'constant',
  'high_cardinality',
  'unique',
  'skewed',
  'correlated',
  'stale',
  'invalid_email',
  'invalid_phone',
  'cell_errors',
  'zeros',
  'outliers',
  'implausible',
  'rare_category',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * How a column's values should be displayed: 'year' and 'id' without thousands separators (1957, not 1,957),
 * 'yes_no' as counts of 1 and 0, 'number' with separators; 'as_is' for text and dates.
 */
export const DISPLAY_FORMATS = ['number', 'year', 'id', 'yes_no', 'as_is'] as const;
export type DisplayFormat = (typeof DISPLAY_FORMATS)[number];

/** The skewness estimator of `ColumnProfile.skewness`, named wherever the number is shown. */
export const SKEWNESS_ESTIMATOR = 'adjusted Fisher–Pearson G1, as pandas .skew()';

export const HistogramBinSchema = z.object({ from: z.number(), to: z.number(), count: z.number().int() });

/** Statistics of one column of the latest (or a given) version. Dates are ISO text, their histogram bins are days since 1970-01-01. */
export const ColumnProfileSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  pii: z.boolean(),
  sensitive: z.boolean(),
  format: z.enum(DISPLAY_FORMATS),
  /** Non-missing values. */
  count: z.number().int(),
  missing: z.number().int(),
  missingShare: z.number(),
  distinct: z.number().int(),
  min: CellSchema,
  max: CellSchema,
  mean: z.number().nullable(),
  std: z.number().nullable(),
  median: CellSchema,
  /** p5, p25, p50, p75, p95 for numbers and dates. */
  quantiles: z.array(z.object({ p: z.number(), value: CellSchema })),
  /** SKEWNESS_ESTIMATOR; null for dates, yes/no columns and columns with at most two values or under 3 rows. */
  skewness: z.number().nullable(),
  zeros: z.number().int(),
  histogram: z.array(HistogramBinSchema),
  /** Most frequent values with counts; always empty for PII columns, so nothing exportable shows a person's data. */
  top: z.array(z.object({ value: CellSchema, count: z.number().int() })),
  /** Cells of this column that failed its type (raw text kept in `datasets.errors`). */
  cellErrors: z.number().int(),
});
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;

export const AlertSchema = z.object({
  /** null for alerts about the whole dataset (e.g. duplicate rows). */
  column: z.string().nullable(),
  kind: z.enum(ALERT_KINDS),
  /** What was found and the rule that flagged it, in plain words. */
  detail: z.string(),
  /** The measured quantity behind the alert (share, count, correlation …). */
  value: z.number(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const ProfileSchema = z.object({
  dataset: z.string(),
  version: z.number().int(),
  rows: z.number().int(),
  columns: z.array(ColumnProfileSchema),
  alerts: z.array(AlertSchema),
  /** The estimator of every column's `skewness`: SKEWNESS_ESTIMATOR (G1 = g1·√(n(n−1))/(n−2), as pandas .skew(); not the biased g1 of scipy.stats.skew's default). */
  skewnessEstimator: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const profile = {
  /** Per-column statistics, histograms and quality alerts (incl. stale data and invalid e-mails/phones); cached per version. */
  get: method(
    z.object({
      dataset: z.string(),
      version: z.number().int().optional(),
      /** Customers whose latest activity is older than this many months count as stale. */
      staleMonths: z.number().int().min(1).max(240).default(12),
      histogramBins: z.number().int().min(2).max(100).default(20),
    }),
    ProfileSchema,
  ),
} as const;
