import { z } from 'zod';
import { job, method } from '../define';
import { CellSchema, COLUMN_ROLES, COLUMN_TYPES } from '../../types/columns';
import { UiLocaleSchema } from './i18n';

/** Whose rows an export holds: a saved segment, one cluster of a clustering run, an RFM segment, or the whole dataset. */
export const ExportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset') }),
  z.object({ kind: z.literal('segment'), name: z.string().min(1) }),
  /** Cluster numbers are 1-based, as clustering shows them. */
  z.object({ kind: z.literal('cluster'), run: z.string().min(1), cluster: z.number().int().min(1) }),
  /** An RFM segment (e.g. "Champions") of the dataset's customers, from the RFM scores of its transactions. */
  z.object({ kind: z.literal('rfm'), segment: z.string().min(1) }),
]);
export type ExportSource = z.infer<typeof ExportSourceSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_DELIMITERS = [',', ';', '\t', '|'] as const;

export const ExportSelectionSchema = z.object({
  dataset: z.string().min(1),
  source: ExportSourceSchema.default({ kind: 'dataset' }),
  /** Columns in output order; default: every column that is not PII. PII columns are written only when named here. */
  columns: z.array(z.string().min(1)).min(1).optional(),
  /** Keep customers without marketing consent (recorded in the audit log as an override). Default: excluded. */
  includeNoConsent: z.boolean().default(false),
  /**
   * Write every selected row, so a customer on several rows of the file appears several times.
   * Default: one row per customer (distinct customer ID): the latest (last in the file) of the customer's rows the source selects.
   * Either way a customer is left out for lack of consent when any of their rows in the dataset refuses it.
   */
  allRows: z.boolean().default(false),
});
export type ExportSelection = z.input<typeof ExportSelectionSchema>;

export const ExportParamsSchema = ExportSelectionSchema.extend({
  /** Target file; its extension picks the format unless `format` is given. */
  out: z.string().min(1),
  format: z.enum(EXPORT_FORMATS).optional(),
  delimiter: z.enum(EXPORT_DELIMITERS).default(','),
  /** UTF-8 byte-order mark so Excel opens the CSV as UTF-8. */
  bom: z.boolean().default(false),
  /** Replace an existing file at `out`. */
  overwrite: z.boolean().default(false),
  /**
   * Numbers with `locale`'s decimal separator and dates in its numeric form (issue #19); a CSV with a decimal
   * comma is written with ';' as the delimiter. Off (the default): machine formats, ISO dates and point decimals.
   */
  localFormats: z.boolean().optional(),
  /** The locale of `localFormats`; default: the engine's message language (the window's, in the app). */
  locale: UiLocaleSchema.optional(),
});
export type ExportParams = z.input<typeof ExportParamsSchema>;

export const ExportResultSchema = z.object({
  rows: z.number().int(),
  /** Customers (distinct IDs) left out because they have not given marketing consent (0 with includeNoConsent). */
  excludedNoConsent: z.number().int(),
  /** Rows not written because a later row has the same customer ID (one row per customer: the latest; 0 with allRows). */
  duplicateRowsSkipped: z.number().int(),
  columns: z.array(z.string()),
  file: z.string(),
  bytes: z.number().int(),
  format: z.enum(EXPORT_FORMATS),
  /** Consent columns consulted; empty when the dataset records no consent. */
  consentColumns: z.array(z.string()),
  /** PII columns included on request. */
  piiColumns: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ExportColumnSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  pii: z.boolean(),
  sensitive: z.boolean(),
  /**
   * Ticked by default: the ID and the columns that reach a customer (e-mail, name, phone), never a sensitive
   * column; without such contact columns, every column that is neither PII nor sensitive.
   */
  selected: z.boolean(),
});

export const SHARE_MODES = ['full', 'strip-pii', 'pseudonymise-pii'] as const;

export const ShareResultSchema = z.object({
  file: z.string(),
  bytes: z.number().int(),
  mode: z.enum(SHARE_MODES),
  /** `dataset.column` of every PII column removed or pseudonymised (empty for `full`). */
  piiColumns: z.array(z.string()),
  /** Views that exposed removed columns and so are not in the copy. */
  droppedViews: z.array(z.string()),
});
export type ShareResult = z.infer<typeof ShareResultSchema>;

/** Namespace `exports` (named exportsNs: `exports` is a reserved binding in CommonJS output). */
export const exportsNs = {
  /** The columns an export can hold, PII marked and unticked by default, and the dataset's consent columns. */
  columns: method(
    z.object({ dataset: z.string().min(1) }),
    z.object({ columns: z.array(ExportColumnSchema), consentColumns: z.array(z.string()) }),
  ),
  /** The first rows exactly as the export will write them (consent filter and neutralisation applied), and the counts. */
  preview: method(
    ExportSelectionSchema.extend({ limit: z.number().int().min(1).max(200).default(20) }),
    z.object({
      columns: z.array(z.string()),
      rows: z.array(z.array(CellSchema)),
      /** Rows the export will write. */
      total: z.number().int(),
      /** Customers (distinct IDs) left out for lack of consent. */
      excludedNoConsent: z.number().int(),
      /** Rows not written because a later row has the same customer ID (0 with allRows). */
      duplicateRowsSkipped: z.number().int(),
      consentColumns: z.array(z.string()),
    }),
  ),
  /** "Save a copy for sharing": a consistent copy of the open workspace, PII kept, removed or pseudonymised. Audited. */
  shareCopy: method(z.object({ out: z.string().min(1), mode: z.enum(SHARE_MODES).default('strip-pii') }), ShareResultSchema),
  jobs: {
    /** Write a segment's / cluster's members to CSV or XLSX (consent filter, column choice, audit entry). */
    export: job(ExportParamsSchema, ExportResultSchema),
  },
} as const;
