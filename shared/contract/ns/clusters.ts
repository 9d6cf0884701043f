import { z } from 'zod';
import { job, method } from '../define';
import { CellSchema, COLUMN_ROLES, COLUMN_TYPES } from '../../types/columns';

export const CLUSTER_SCALES = ['standard', 'robust', 'none'] as const;
export const CLUSTER_TRANSFORMS = ['auto', 'none'] as const;

/** Parameters of a clustering run (job kind `cluster`). */
export const ClusterParamsSchema = z
  .object({
    dataset: z.string().min(1),
    /** Columns to cluster on: numbers, integers, booleans, dates (as days before the as-of date) and categories. */
    features: z.array(z.string().min(1)).min(1).max(64),
    /** A fixed number of clusters, or 'auto' to sweep `kRange` and take the recommended k. */
    k: z.union([z.number().int().min(2).max(50), z.literal('auto')]).default('auto'),
    kRange: z.tuple([z.number().int().min(2).max(50), z.number().int().min(2).max(50)]).default([2, 10]),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
    scale: z.enum(CLUSTER_SCALES).default('standard'),
    /** 'auto' applies log1p to strongly right-skewed non-negative columns. */
    transform: z.enum(CLUSTER_TRANSFORMS).default('auto'),
    /**
     * k-means++ restarts; the lowest inertia wins. 'auto': 10 (scikit-learn's n_init), more on small data where
     * they cost little (up to 100); above 50,000 rows they compete on a seeded 20,000-row sample and the winner
     * is refined on all rows. k-prototypes (category features) uses 3 under 'auto'.
     */
    restarts: z.union([z.number().int().min(1).max(50), z.literal('auto')]).default('auto'),
    /**
     * Sensitive columns are never pre-selected (see \`clusters.features\`); naming one in \`features\` is the
     * deliberate choice to include it, and the run notes it. Set false to drop any sensitive column named.
     */
    includeSensitive: z.boolean().default(true),
    /**
     * Pick k from this earlier run's k sweep: with a fixed \`k\` and the same data and settings, the sweep's fit for
     * that k is reused instead of fitted again (the result is the same either way; reuse only saves the time).
     */
    fromRun: z.number().int().min(1).optional(),
    /** Subsample re-runs for the stability check (0 = skip). */
    stabilityRounds: z.number().int().min(0).max(20).default(5),
  })
  .refine((p) => p.kRange[0] <= p.kRange[1], { message: 'kRange must be [low, high] with low ≤ high', path: ['kRange'] });
export type ClusterParams = z.input<typeof ClusterParamsSchema>;

const KScoreSchema = z.object({ k: z.number().int(), inertia: z.number(), silhouette: z.number() });
/** `points`: for a category, its share in the cluster minus its share among everyone (percentage points): what the card shows. */
const TopSchema = z.object({ feature: z.string(), effect: z.number(), text: z.string(), points: z.number().optional() });

export const ClusterCardSchema = z.object({
  /** 1-based cluster number (as in the view `cluster_<run>`). */
  cluster: z.number().int(),
  name: z.string(),
  /** The name the engine suggested (kept after a rename). */
  suggestedName: z.string(),
  /** Rows in the cluster (clustering assigns rows). */
  size: z.number().int(),
  /** Share of the run's rows. */
  share: z.number(),
  /** Customers (distinct customer IDs) among the cluster's rows; equals `size` when every row has its own ID. */
  customers: z.number().int(),
  /** Mean best-match Jaccard over the stability re-runs; null when stability was skipped. */
  stability: z.number().nullable(),
  unstable: z.boolean(),
  top: z.array(TopSchema),
});

export const FeatureEffectSchema = z.object({
  feature: z.string(),
  kind: z.enum(['numeric', 'category']),
  effect: z.number(),
  text: z.string(),
  /** Categories: share in the cluster minus share among everyone, in percentage points. */
  points: z.number().optional(),
  mean: z.number().optional(),
  median: z.number().optional(),
  restMean: z.number().optional(),
  restMedian: z.number().optional(),
  value: z.string().optional(),
  share: z.number().optional(),
  restShare: z.number().optional(),
  lift: z.number().optional(),
});

export const PreparedFeatureSchema = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'category']),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  transform: z.enum(['log1p', 'none']),
  missing: z.number().int(),
  missingShare: z.number(),
  imputed: z.union([z.number(), z.string(), z.null()]),
  center: z.number(),
  scale: z.number(),
});

/** What a finished run reports (the job result, and the head of `clusters.get`). */
export const ClusterRunSummarySchema = z.object({
  run: z.number().int(),
  dataset: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  k: z.number().int(),
  features: z.array(z.string()),
  algorithm: z.string(),
  /** Sum of squared distances in the space the algorithm ran in (after transforms and scaling). */
  inertia: z.number(),
  silhouette: z.number().nullable(),
  silhouetteRows: z.number().int(),
  silhouetteSampled: z.boolean(),
  iterations: z.number().int(),
  sizes: z.array(z.number().int()),
  /** Clustering time alone (sweep and final fit), excluding loading and preparation. */
  fitMs: z.number(),
  ms: z.number(),
  rows: z.number().int(),
  /** Customers (distinct customer IDs) among the run's rows. */
  customers: z.number().int(),
  seed: z.number().int(),
  kScores: z.array(KScoreSchema),
  recommendedK: z.number().int().nullable(),
  reason: z.string().nullable(),
  stability: z
    .object({ ari: z.number(), jaccard: z.array(z.number()), unstable: z.array(z.number().int()), rounds: z.number().int(), rows: z.number().int() })
    .nullable(),
  clusters: z.array(ClusterCardSchema),
  notes: z.array(z.string()),
  excluded: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type ClusterRunSummary = z.infer<typeof ClusterRunSummarySchema>;

export const ClusterRunSchema = ClusterRunSummarySchema.extend({
  settings: z.object({
    scale: z.enum(CLUSTER_SCALES),
    transform: z.enum(CLUSTER_TRANSFORMS),
    restarts: z.union([z.number().int(), z.literal('auto')]),
    includeSensitive: z.boolean(),
    k: z.union([z.number().int(), z.literal('auto')]),
    kRange: z.tuple([z.number().int(), z.number().int()]),
    asOf: z.string(),
  }),
  prepared: z.array(PreparedFeatureSchema),
  /** Every feature's effect per cluster (index = cluster − 1). */
  effects: z.array(z.array(FeatureEffectSchema)),
  /**
   * Per column: 'effect' = a number column's standardised difference from the rest (the card's effect); 'points' = a
   * category value ("feature = value") in percentage points, share in the cluster minus share among everyone.
   * Runs saved before kinds existed have none: their columns all read as 'effect'.
   */
  heatmap: z.object({ features: z.array(z.string()), z: z.array(z.array(z.number())), kinds: z.array(z.enum(['effect', 'points'])).optional() }),
  /** Variance share of the two map axes. */
  mapExplained: z.tuple([z.number(), z.number()]).nullable(),
});
export type ClusterRun = z.infer<typeof ClusterRunSchema>;

const RunArg = z.object({ run: z.number().int().min(1) });

export const FeatureChoiceSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  pii: z.boolean(),
  sensitive: z.boolean(),
  /**
   * Pre-ticked in the picker: behavioural numbers and dates plus at most two behavioural/psychographic categories
   * with 2–12 values; never identifiers, contact, PII, sensitive or constant columns.
   */
  suggested: z.boolean(),
  /** One value in every row besides missing ones (never suggested: it cannot tell customers apart). */
  constant: z.boolean(),
  /** Why a column cannot be used (free text, identifiers), or null when usable. */
  unusable: z.string().nullable(),
  distinct: z.number().int().nullable(),
  /** `customers` (the file's own column) or the customer view's source (`orders:<transactions>`, `rfm`, `clv`). */
  source: z.string().optional(),
});

export const clusters = {
  /** The columns of a dataset a clustering can use, grouped by role with suggestions. */
  features: method(z.object({ dataset: z.string().min(1) }), z.array(FeatureChoiceSchema)),
  /** Saved clustering runs, newest first (optionally of one dataset). */
  list: method(z.object({ dataset: z.string().optional() }), z.array(ClusterRunSummarySchema)),
  /** One saved run with its settings, per-feature effects, heatmap and map axes. */
  get: method(RunArg, ClusterRunSchema),
  /** Rename a cluster (the view `cluster_<run>` shows the new name at once). */
  rename: method(RunArg.extend({ cluster: z.number().int().min(1), name: z.string().trim().min(1).max(80) }), ClusterCardSchema),
  /** Delete a run, its memberships and its view. */
  remove: method(RunArg, z.object({ removed: z.boolean() })),
  /** The 2-D PCA cluster map; a seeded sample of at most `maxPoints` rows (the rest is said, not hidden). */
  map: method(
    RunArg.extend({ maxPoints: z.number().int().min(100).max(1_000_000).default(300_000) }),
    z.object({
      x: z.array(z.number()),
      y: z.array(z.number()),
      cluster: z.array(z.number().int()),
      /** Row index of each point in the dataset (for `clusters.member` tooltips). */
      row: z.array(z.number().int()),
      total: z.number().int(),
      shown: z.number().int(),
      sampled: z.boolean(),
      explained: z.tuple([z.number(), z.number()]),
    }),
  ),
  /** Key fields of one customer for a map tooltip: the run's features, plus PII columns only when `pii` is set. */
  member: method(
    RunArg.extend({ row: z.number().int().min(0), pii: z.boolean().default(false) }),
    z.object({ cluster: z.number().int(), clusterName: z.string(), fields: z.array(z.object({ name: z.string(), value: CellSchema })) }),
  ),
  /** Memberships page by page (`id`, `cluster`), in dataset row order. */
  members: method(
    RunArg.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200_000).default(50_000) }),
    z.object({ ids: z.array(z.string()), clusters: z.array(z.number().int()), total: z.number().int() }),
  ),
  /** Agreement of two runs on the same dataset: adjusted Rand index over the customers both cover. */
  compare: method(
    z.object({ run: z.number().int().min(1), other: z.number().int().min(1) }),
    z.object({ ari: z.number(), rows: z.number().int(), table: z.array(z.array(z.number().int())) }),
  ),
  jobs: {
    /** Cluster a dataset's customers (k-means / k-prototypes, k sweep, explanations, stability); saved as a run. */
    cluster: job(ClusterParamsSchema, ClusterRunSummarySchema),
  },
} as const;
