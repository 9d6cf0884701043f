import { z } from 'zod';
import { method } from '../define';
import { ResponseParamsSchema } from './outcomes';
import { LOCALES } from '../../i18n/locales';

export const REPORT_SECTIONS = ['overview', 'clusters', 'segments', 'rfm', 'responsible', 'outcomes', 'methods'] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

export const ReportOptionsSchema = z.object({
  /** The customers dataset the report is about; default: the first customers dataset. */
  dataset: z.string().min(1).optional(),
  /** Sections in the order given; default: every section that has something to show. The methods appendix is always last. */
  sections: z.array(z.enum(REPORT_SECTIONS)).optional(),
  /** Saved segments to describe; default: every segment of the dataset. */
  segments: z.array(z.string().min(1)).optional(),
  /** Clustering run to describe; default: the dataset's latest run. */
  run: z.string().min(1).optional(),
  /** Campaign outcome column for "response by segment"; default: a yes/no column named like an outcome (Response, y, churn…). */
  outcome: z.string().min(1).optional(),
  /** Default: "Customer segmentation report" in the report's language. */
  title: z.string().max(200).optional(),
  subtitle: z.string().max(300).optional(),
  consultant: z.string().max(200).optional(),
  client: z.string().max(200).optional(),
  /** A PNG or JPEG file embedded on the title page. */
  logoPath: z.string().min(1).optional(),
  /** The report date as printed; none unless given (reports are reproducible). */
  date: z.string().max(50).optional(),
  /** Small-cell suppression: groups smaller than this are shown as "< N". */
  minCell: z.number().int().min(2).max(1000).default(10),
  /**
   * The language the report is written in, chosen apart from the app's (a consultant in Warsaw may hand a French
   * client a French report). Default: the engine's message language (the app's language; English in the CLI).
   */
  lang: z.enum(LOCALES).optional(),
});
export type ReportOptions = z.input<typeof ReportOptionsSchema>;

export const ReportSectionInfoSchema = z.object({
  id: z.enum(REPORT_SECTIONS),
  title: z.string(),
  available: z.boolean(),
  /** Why an unavailable section cannot be included (also stated in the methods appendix). */
  reason: z.string().nullable(),
});

const BuiltSchema = z.object({
  /** Section ids included, in order. */
  sections: z.array(z.enum(REPORT_SECTIONS)),
  omitted: z.array(z.object({ id: z.enum(REPORT_SECTIONS), reason: z.string() })),
});

export const ReportSaveResultSchema = z.object({ file: z.string(), bytes: z.number().int(), sections: z.array(z.enum(REPORT_SECTIONS)), format: z.enum(['html', 'pdf']) });
export type ReportSaveResult = z.infer<typeof ReportSaveResultSchema>;

export const reports = {
  /** The sections a report of `dataset` can have, each with whether it has something to show. */
  sections: method(z.object({ dataset: z.string().min(1).optional() }), z.array(ReportSectionInfoSchema)),
  /** Build the report and return its HTML (self-contained: inline CSS and SVG, no script, no external reference) for the live preview. */
  preview: method(ReportOptionsSchema, BuiltSchema.extend({ html: z.string() })),
  /**
   * Build the report and write it to `out` (.html, or .pdf through headless Chromium when it is installed).
   * Recorded in the audit log.
   */
  save: method(ReportOptionsSchema.extend({ out: z.string().min(1), overwrite: z.boolean().default(false) }), ReportSaveResultSchema.extend({ omitted: BuiltSchema.shape.omitted })),
  /** Add a response comparison (Outcomes → Response, "Add to report") to the workspace's report; the same one twice is kept once. */
  addComparison: method(ResponseParamsSchema, z.object({ count: z.number().int() })),
  /** The response comparisons added to the report, in the order they were added. */
  comparisons: method(z.object({}), z.array(ResponseParamsSchema)),
  /** Take the comparison at `index` (as listed) out of the report. */
  removeComparison: method(z.object({ index: z.number().int().min(0) }), z.object({ count: z.number().int() })),
} as const;
