import { z } from 'zod';
import { method } from '../define';
import { SENSITIVE_CATEGORIES } from '../../types/columns';
import { OverallTestSchema, PairTestSchema } from '../stats';

const Dataset = z.string().min(1, 'a dataset name is required');

/** How a number column of the age category is read: ages, or birth years (ages at the as-of date). */
export const AGE_READINGS = ['age', 'birth-year'] as const;
export type AgeReading = (typeof AGE_READINGS)[number];
/** Per column name: override the detected reading of an age column. */
const AgeReadings = z.record(z.string(), z.enum(AGE_READINGS));

export const GroupRateSchema = z.object({
  /** The group: a category, or a band for numbers ("25–34", "under 40,000"); "(missing)" for no value. */
  value: z.string(),
  /** Customers of this group in the whole dataset. */
  base: z.number().int(),
  /** Of those, how many the segment/rule/cluster selects. */
  selected: z.number().int(),
  rate: z.number().nullable(),
  /** Fewer than 30 customers: reported, but not used as evidence (not in ratio or difference). */
  small: z.boolean(),
  /** Against the reference group (absent on the reference row): "z" (two-proportion z-test) or "fisher" (Fisher's exact test, when an expected count is under 5). */
  test: PairTestSchema.optional(),
  /** Two-sided p-value of that comparison. */
  pValue: z.number().optional(),
  /** pValue Holm-adjusted over this attribute's comparisons with the reference. */
  pHolm: z.number().optional(),
});

export const AttributeAuditSchema = z.object({
  attribute: z.string(),
  category: z.enum(SENSITIVE_CATEGORIES),
  /** Lowest / highest selection rate over groups of 30 or more; null when fewer than two such groups. */
  ratio: z.number().nullable(),
  /** Highest minus lowest selection rate over the same groups. */
  difference: z.number().nullable(),
  /** ratio < 0.8 (the four-fifths rule). */
  flag: z.boolean(),
  binning: z.string().nullable(),
  groups: z.array(GroupRateSchema),
  explanation: z.string(),
  /** The group whose rate is the reference (the highest among groups of 30 or more, not in referenceExcludes); each other group is tested against it. */
  referenceGroup: z.string().nullable().optional(),
  /** Groups shown but not allowed to set the reference rate nor enter the overall test: ["(missing)"] unless missingAsReference. */
  referenceExcludes: z.array(z.string()).optional(),
  /** Do the selection rates differ at all across the groups (one test over all of them, missing left out unless missingAsReference)? Null when nothing varies. */
  overall: OverallTestSchema.nullable().optional(),
  /** Small groups, exact tests used, the missing group's role. */
  warnings: z.array(z.string()).optional(),
});
export type AttributeAudit = z.infer<typeof AttributeAuditSchema>;

export const ProxySchema = z.object({
  column: z.string(),
  attribute: z.string(),
  /** cramers_v (category × category, bias-corrected) or eta (number/date × category). */
  measure: z.enum(['cramers_v', 'eta']),
  value: z.number(),
  /** The estimator in words: "Cramér's V, bias-corrected (Bergsma 2013)" or "correlation ratio η (not bias-corrected)". */
  method: z.string().optional(),
  /** value ≥ 0.3. */
  flag: z.boolean(),
  /** The audited rule or clustering uses this column. */
  used: z.boolean(),
  explanation: z.string(),
});
export type Proxy = z.infer<typeof ProxySchema>;

export const SensitiveUseSchema = z.object({
  column: z.string(),
  category: z.enum(SENSITIVE_CATEGORIES),
  viaSegment: z.string().optional(),
});

export const AuditReportSchema = z.object({
  dataset: z.string(),
  /** What was audited, in words. */
  target: z.string(),
  /** Ages (from birth dates and birth years) are measured at this date. */
  asOf: z.string(),
  /** Where the as-of date came from ("the latest date in customers (Dt_Customer)", "the workspace's as-of date", …). */
  asOfSource: z.string().optional(),
  base: z.number().int(),
  /** Selected customers (for a clustering run: customers with a cluster). */
  selected: z.number().int(),
  attributes: z.array(AttributeAuditSchema),
  proxies: z.array(ProxySchema),
  sensitiveInRule: z.array(SensitiveUseSchema),
  /** The saved segment's justification for using sensitive attributes. */
  justification: z.string().nullable(),
  /** For a clustering run: each cluster's composition vs the base. */
  clusters: z.array(z.object({ cluster: z.string(), selected: z.number().int(), attributes: z.array(AttributeAuditSchema) })).optional(),
  /** Things the reader should know (no sensitive columns marked, …). */
  notes: z.array(z.string()),
  /** Whether "(missing)" was allowed to set the reference rate (off by default). */
  missingAsReference: z.boolean().optional(),
  /** The tests behind the p-values, in words. */
  methods: z.string().optional(),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;

export const AuditTargetSchema = z
  .object({
    dataset: Dataset,
    segment: z.string().min(1).optional(),
    /** A rule as JSON (validated against the dataset). */
    rule: z.unknown().optional(),
    run: z.string().min(1).optional(),
    /** Override how age columns are read ({"Year_Birth": "birth-year"}); ambiguous ones are reported in notes. */
    ageReadings: AgeReadings.optional(),
    /** Let "(missing)" set the reference (highest) rate and enter the overall test like any group (default: shown, not the reference). */
    missingAsReference: z.boolean().optional(),
  })
  .refine((t) => [t.segment, t.rule, t.run].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of segment, rule or run' });

export const ConsentSummarySchema = z.object({
  dataset: z.string(),
  /** Consent columns (role consent); empty when the dataset records no consent. */
  columns: z.array(z.string()),
  /** Customers (distinct IDs); one with several rows consents only when every row does. */
  total: z.number().int(),
  consenting: z.number().int(),
  notConsenting: z.number().int(),
  /** Of notConsenting: consent missing or unreadable rather than refused. */
  unknown: z.number().int(),
});

export const fairness = {
  /** Fairness audit of a saved segment, a rule or a clustering run: selection rates per sensitive group, four-fifths flags, proxies. */
  audit: method(AuditTargetSchema, AuditReportSchema),
  /** Association of every non-sensitive column with every sensitive attribute (proxy warnings). */
  proxies: method(z.object({ dataset: Dataset, ageReadings: AgeReadings.optional() }), z.array(ProxySchema)),
  /** Which sensitive attributes a rule uses (the builder marks them; saving then needs a justification). */
  checkRule: method(z.object({ dataset: Dataset, rule: z.unknown() }), z.object({ sensitiveInRule: z.array(SensitiveUseSchema), needsJustification: z.boolean() })),
  /** Marketing consent of a dataset's customers, or of a segment's members. */
  consent: method(z.object({ dataset: Dataset, segment: z.string().min(1).optional() }), ConsentSummarySchema),
} as const;
