import { z } from 'zod';
import { job, method } from '../define';
import { CellSchema, COLUMN_ROLES, COLUMN_TYPES, DATASET_KINDS, DatasetInfoSchema, SENSITIVE_CATEGORIES } from '../../types/columns';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'windows-1252', 'iso-8859-1', 'iso-8859-2'] as const;
export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;
/** Delimiters that are not a single character. */
export const NAMED_DELIMITERS = ['space', 'whitespace', 'fixed'] as const;
/** What a file was read as (`csv`: delimited text of any delimiter except fixed widths). */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'json', 'ndjson', 'fixed'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** A workbook's sheet as the sheet picker lists it. */
export const SheetInfoSchema = z.object({ name: z.string(), index: z.number().int(), rows: z.number().int(), hidden: z.boolean() });
export type SheetInfo = z.infer<typeof SheetInfoSchema>;

/** How to read a file; every field has an `auto` default so the wizard can start from detection. */
export const ParseOptionsSchema = z.object({
  encoding: z.union([z.literal('auto'), z.enum(ENCODINGS)]).default('auto'),
  /**
   * A single character (`,` `;` tab `|` or any other), `space` (each space separates), `whitespace` (runs of
   * spaces and tabs separate; leading/trailing ones are ignored) or `fixed` (fixed-width columns: `widths`).
   */
  delimiter: z.union([z.enum(['auto', ...NAMED_DELIMITERS]), z.string().length(1)]).default('auto'),
  /** Fixed-width text: the width of each column in characters (the last one takes the rest of the line); default: detected. */
  widths: z.array(z.number().int().min(1)).optional(),
  /** Names for the columns, in order (a file without a header; or renaming the header's). Missing ones: column_N. */
  columnNames: z.array(z.string()).optional(),
  /** Workbooks: the sheet to import, by name or 1-based position (default: the first visible sheet). */
  sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
  decimal: z.enum(['auto', '.', ',']).default('auto'),
  dateOrder: z.union([z.literal('auto'), z.enum(DATE_ORDERS)]).default('auto'),
  /** false = the first row is data and columns are named column_1 … */
  header: z.union([z.literal('auto'), z.boolean()]).default('auto'),
  /**
   * The user's language (BCP 47, e.g. `pl`, `fr`, `en`): breaks the tie when the file itself does not show its
   * decimal mark or day/month order (a Polish user gets decimal comma and day-first). The file's content wins.
   */
  localeHint: z.string().min(2).max(35).optional(),
});
export type ParseOptions = z.infer<typeof ParseOptionsSchema>;

/** What the user may change per column before import. */
export const ColumnSpecSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  pii: z.boolean(),
  sensitive: z.boolean(),
  sensitiveCategory: z.enum(SENSITIVE_CATEGORIES).nullable().default(null),
});
export type ColumnSpec = z.infer<typeof ColumnSpecSchema>;

/** Which columns of a transactions file mean what; null = not present. Quantity × price stands in for amount when there is no amount column. */
export const TransactionColumnsSchema = z.object({
  order: z.string().nullable(),
  customer: z.string().nullable(),
  date: z.string().nullable(),
  amount: z.string().nullable(),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
});
export type TransactionColumns = z.infer<typeof TransactionColumnsSchema>;

export const ImportParamsSchema = z.object({
  path: z.string().min(1),
  /** Dataset name; default: file base name, lowercased, other characters → `_`. */
  name: z.string().optional(),
  as: z.enum(DATASET_KINDS).default('customers'),
  /** Customer ID column (customers) or customer column (transactions); default: detected. */
  id: z.string().optional(),
  /** For transactions: the customer dataset they belong to. */
  link: z.string().optional(),
  options: ParseOptionsSchema.default({ encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto' }),
  /** Per-column overrides of the detected type/role/flags (by column name). */
  columns: z.array(ColumnSpecSchema).optional(),
  /** For transactions: overrides of the detected order/customer/date/amount columns (by name). */
  transactionColumns: TransactionColumnsSchema.partial().optional(),
  /**
   * Import even when malformed quotes read more than a small share of the file's lines into single values
   * (text kept as read, each problem a cell error). Without it such an import fails with BAD_INPUT naming
   * file, line and column (`details.acceptable === 'acceptMalformed'`) and stores nothing.
   */
  acceptMalformed: z.boolean().optional(),
});
export type ImportParams = z.input<typeof ImportParamsSchema>;

export const ImportResultSchema = z.object({
  dataset: z.string(),
  version: z.number().int(),
  kind: z.enum(DATASET_KINDS),
  rows: z.number().int(),
  cellErrors: z.number().int(),
  encoding: z.string(),
  delimiter: z.string(),
  /** What the file was read as. */
  format: z.enum(IMPORT_FORMATS),
  columns: z.array(
    z.object({ name: z.string(), type: z.enum(COLUMN_TYPES), role: z.enum(COLUMN_ROLES), pii: z.boolean(), sensitive: z.boolean(), missing: z.number().int() }),
  ),
  duplicateIds: z.number().int(),
  /** Transactions linked to a customer dataset: rows whose customer is not in it. */
  unknownCustomers: z.number().int().optional(),
  /** For transactions: the columns used as order, customer, date, amount/quantity/price. */
  transactionColumns: TransactionColumnsSchema.optional(),
  /** Date order used for ambiguous dates (null when the file has no such dates). */
  dateOrder: z.enum(DATE_ORDERS).nullable(),
  decimal: z.enum(['.', ',']),
  warnings: z.array(z.string()),
  ms: z.number(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const PreviewSchema = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  detected: z.object({
    encoding: z.string(),
    delimiter: z.string(),
    decimal: z.enum(['.', ',']),
    dateOrder: z.enum(DATE_ORDERS).nullable(),
    dateOrderAmbiguous: z.boolean(),
    header: z.boolean(),
    format: z.enum(IMPORT_FORMATS),
    /** Fixed-width text: the column widths used (detected or given). */
    widths: z.array(z.number().int()).optional(),
    /** Workbooks: the sheet shown. */
    sheet: z.string().optional(),
    /** Workbooks: rows above the header that were skipped (a title). */
    skippedRows: z.number().int().optional(),
  }),
  /** Workbooks: every sheet with its row count, for the sheet picker. */
  sheets: z.array(SheetInfoSchema).optional(),
  /**
   * The file was read as one column although its lines hold obvious separators: what to try instead.
   * The wizard does not offer Import until the user applies it or confirms the single column.
   */
  oneColumn: z.object({ message: z.string(), delimiter: z.string() }).nullable().optional(),
  columns: z.array(ColumnSpecSchema),
  /** First rows as they will be stored (typed values), for the wizard's preview. */
  rows: z.array(z.array(CellSchema)),
  /** The same rows as raw text. */
  raw: z.array(z.array(z.string())),
  suggestedName: z.string(),
  suggestedKind: z.enum(DATASET_KINDS),
  suggestedId: z.string().nullable(),
  /** Detected meaning of columns when the file is imported as transactions. */
  suggestedTransactionColumns: TransactionColumnsSchema,
  warnings: z.array(z.string()),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const SortSchema = z.object({ column: z.string(), dir: z.enum(['asc', 'desc']) });

export const ROW_FILTER_OPS = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'empty', 'notEmpty'] as const;
/** A simple column condition for the data table (segments have their own rule language). */
export const RowFilterSchema = z.object({ column: z.string(), op: z.enum(ROW_FILTER_OPS), value: CellSchema.optional() });

/** A page of a data table (a dataset version or a customer view): paging, sort, search and column filters. */
export const TablePageArgs = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  sort: SortSchema.optional(),
  /** Plain text search over text columns. */
  search: z.string().optional(),
  /** Per-column conditions, all of which must hold. */
  filters: z.array(RowFilterSchema).max(20).optional(),
};
/** `rowNumbers`: each row's position (1-based): the record number in the file, or the place in the view's order. */
export const TablePageSchema = z.object({ columns: z.array(z.string()), rows: z.array(z.array(CellSchema)), rowNumbers: z.array(z.number().int()), total: z.number().int() });
export type RowFilter = z.infer<typeof RowFilterSchema>;

export const datasets = {
  /** Every dataset in the open workspace with its latest version. */
  list: method(z.object({}), z.array(DatasetInfoSchema)),
  /** One dataset. */
  get: method(z.object({ name: z.string() }), DatasetInfoSchema),
  /** Detect encoding, delimiter, locale and column types of a file and show its first rows as parsed. */
  preview: method(
    z.object({ path: z.string().min(1), options: ParseOptionsSchema.optional(), columns: z.array(ColumnSpecSchema).optional() }),
    PreviewSchema,
  ),
  /** A page of rows of the latest version (for the virtualised table), optionally sorted and filtered by a rule. */
  /** `rowNumbers`: each row's record number in the file (1 = first data row), as used by `errors`. */
  rows: method(z.object({ name: z.string(), ...TablePageArgs }), TablePageSchema),
  /** All imported versions of a dataset, newest first. */
  versions: method(
    z.object({ name: z.string() }),
    z.array(z.object({ version: z.number().int(), rows: z.number().int(), cellErrors: z.number().int(), importedAt: z.string(), sourceFile: z.string() })),
  ),
  /** Cells that failed their column's type (raw text kept), for the latest or a given version. */
  errors: method(
    z.object({ name: z.string(), version: z.number().int().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ errors: z.array(z.object({ row: z.number().int(), column: z.string(), raw: z.string(), problem: z.string() })), total: z.number().int() }),
  ),
  /** Change a column's role and flags after import. */
  updateColumn: method(
    z.object({
      name: z.string(),
      column: z.string(),
      role: z.enum(COLUMN_ROLES).optional(),
      pii: z.boolean().optional(),
      sensitive: z.boolean().optional(),
      sensitiveCategory: z.enum(SENSITIVE_CATEGORIES).nullable().optional(),
    }),
    DatasetInfoSchema,
  ),
  /** The order/customer/date/amount columns of a transactions dataset. */
  transactionColumns: method(z.object({ name: z.string() }), TransactionColumnsSchema),
  /**
   * Link an orders (transactions) dataset to a customers dataset, or unlink it (`customers` null): its
   * order history, RFM and lifetime value then join that file's customer view. `unknownCustomers` counts
   * order lines whose customer is not in the customer file.
   */
  link: method(z.object({ name: z.string().min(1), customers: z.string().min(1).nullable() }), z.object({ dataset: DatasetInfoSchema, unknownCustomers: z.number().int() })),
  /** Duplicate values of the dataset's ID column in the latest version (value and count, most frequent first). */
  duplicateIds: method(
    z.object({ name: z.string(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ idColumn: z.string().nullable(), duplicates: z.array(z.object({ id: z.string(), count: z.number().int() })), total: z.number().int() }),
  ),
  /** Delete a dataset with all its versions. */
  remove: method(z.object({ name: z.string() }), z.object({ removed: z.boolean() })),
  jobs: {
    /** Import a CSV file as a new dataset version (stream, type, stage, swap). */
    import: job(ImportParamsSchema, ImportResultSchema),
  },
} as const;
