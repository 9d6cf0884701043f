import type Database from 'better-sqlite3';
import { msg } from '../../../shared/i18n/current';
import path from 'node:path';
import type { ColumnSpec, ImportFormat, ParseOptions, SheetInfo, TransactionColumns } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { DatasetKind } from '../../../shared/types/columns';
import { detectDelimiter, detectNewline, parseRecords } from './dialect';
import { detectTabularFormat, sampleTabular } from './tabular';
import { consistency, detectWidths, linesOf, oneColumnFix, splitLines, splitWhitespace } from './text-split';
import { bomLengthFor, ChunkDecoder, detectEncoding, type Encoding } from './encoding';
import { readBytes, rejectNonText, statInput } from './file-check';
import { BareCrNormaliser } from './line-ends';
import { inferColumnType, inferLocale, localeHint, looksLikeHeader, type Locale } from './infer';
import { datasetNameFromFile, detectTransactionColumns, suggestRole } from './roles';

/** SQLite's compile-time column limit in better-sqlite3's build. */
export const MAX_COLUMNS = 2000;
const SAMPLE_BYTES = 1024 * 1024;
const MAX_SAMPLE_BYTES = 32 * 1024 * 1024;
const SAMPLE_ROWS = 20_000;

/** Everything decided before the rows are streamed: how to read the file and what each column is. */
export interface ImportPlan {
  file: string;
  sizeBytes: number;
  encoding: Encoding;
  bomLength: number;
  /** The sample was ASCII: decode as UTF-8 but fall back to Windows-1252 if later bytes are not UTF-8. */
  utf8Fallback: boolean;
  /** What the file is read as; text formats other than csv/fixed are not streamed by papaparse (reader.ts). */
  format: ImportFormat;
  /** A single character (papaparse or the scanner), or `whitespace` / `fixed` (text-split.ts); for json/ndjson/xlsx the format's name. */
  delimiter: string;
  /** Fixed-width column widths (format `fixed`), else empty. */
  widths: number[];
  /** Workbooks: the sheet read, and every sheet for the picker. */
  sheet: string | null;
  sheets: SheetInfo[];
  /** Records before the header (a workbook's title rows) that are skipped. */
  skipRows: number;
  /** Records the header takes (a workbook's merged group row above the names: 2). */
  headerRows: number;
  /** JSON: the flattened keys, in column order. */
  keys: string[];
  /** Workbooks: the 1904 date system. */
  date1904: boolean;
  /** Read as one column although lines hold obvious separators: the delimiter to propose. */
  oneColumnFix: string | null;
  newline: '\n' | '\r';
  /** The file mixes bare CR line ends with LF/CRLF ones: bare CRs are read as LF. */
  bareCr: boolean;
  header: boolean;
  locale: Locale;
  columns: ColumnSpec[];
  /** Sample records as raw text (header excluded), for previews and inference. */
  sample: string[][];
  suggestedName: string;
  suggestedKind: DatasetKind;
  suggestedId: string | null;
  transactionColumns: TransactionColumns;
  warnings: string[];
}

/** Header names made usable as SQL column names: trimmed, empty → column_N, case-insensitive duplicates → name_2. */
export function uniqueHeaders(raw: string[], warnings: string[]): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  raw.forEach((h, i) => {
    let base = h.replace(/^\ufeff/, '').trim();
    if (!base) {
      base = `column_${i + 1}`;
      warnings.push(msg('data.import.noHeaderName', { n: i + 1, name: base }));
    }
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    if (name !== base) warnings.push(msg('data.import.duplicateHeader', { base, n: i + 1, name }));
    used.add(name.toLowerCase());
    out.push(name);
  });
  return out;
}

/** Bytes of the file's start that hold at least a few complete records (more for huge fields), and the same spread over the file for encoding detection. */
function readSample(file: string, size: number): { head: Buffer; extras: Buffer[]; spread: Buffer } {
  let n = SAMPLE_BYTES;
  let head = readBytes(file, 0, Math.min(n, size));
  // A record longer than the sample (a 10 MB field): read more until a few lines fit.
  while (head.length < size && n < MAX_SAMPLE_BYTES && countNewlines(head) < 3) {
    n *= 4;
    head = readBytes(file, 0, Math.min(n, size));
  }
  const extras: Buffer[] = [];
  if (size > head.length * 2) {
    for (let k = 1; k <= 8; k++) extras.push(readBytes(file, Math.floor((size * k) / 9), 64 * 1024));
  }
  return { head, extras, spread: Buffer.concat([head, ...extras]) };
}

/** Whole records from chunks read mid-file: the first (cut) line and the last (cut) record are dropped, and so are records of another width (a chunk may start inside a quoted field). */
function spreadRecords(chunks: Buffer[], encoding: Encoding, delimiter: string, newline: '\n' | '\r', width: number): string[][] {
  const out: string[][] = [];
  for (const chunk of chunks) {
    const text = new ChunkDecoder(encoding, false).write(chunk);
    const start = text.indexOf(newline);
    if (start < 0) continue;
    for (const r of parseRecords(text.slice(start + 1), delimiter, newline, false).rows) if (r.length === width) out.push(r);
  }
  return out;
}

function countNewlines(b: Buffer): number {
  let c = 0;
  for (let i = b.indexOf(10); i >= 0 && c < 3; i = b.indexOf(10, i + 1)) c++;
  return c;
}

/**
 * Column names given for a file without a header, from the latest version of the dataset this import
 * adds to (named, or the one the file name suggests), or null.
 */
export function rememberedNames(db: Database.Database, name: string | null, file: string): string[] | null {
  const dataset = name ?? datasetNameFromFile(path.resolve(file));
  const r = db.prepare('SELECT options_json FROM dataset_versions WHERE dataset = ? ORDER BY version DESC LIMIT 1').get(dataset) as { options_json: string | null } | undefined;
  if (!r?.options_json) return null;
  try {
    const o = JSON.parse(r.options_json) as { header?: unknown; columnNames?: unknown };
    return o.header === false && Array.isArray(o.columnNames) && o.columnNames.every((n) => typeof n === 'string') ? (o.columnNames as string[]) : null;
  } catch {
    return null;
  }
}

/** Plan any file: workbooks and JSON are sampled by their readers (asynchronously), text by planImport. */
export async function planFile(file: string, options: ParseOptions, overrides: ColumnSpec[] = [], remembered: string[] | null = null): Promise<ImportPlan> {
  const abs = path.resolve(file);
  const size = statInput(abs);
  const tabular = detectTabularFormat(abs, readBytes(abs, 0, Math.min(size, 64 * 1024)));
  if (!tabular) return planImport(abs, options, overrides, remembered);
  const warnings: string[] = [];
  const t = await sampleTabular(abs, tabular, options, SAMPLE_ROWS + 10, warnings);
  return finishPlan(abs, size, options, overrides, remembered, warnings, {
    format: tabular,
    records: t.records,
    keys: t.keys,
    extraRecords: [],
    encoding: 'utf-8',
    bomLength: 0,
    utf8Fallback: false,
    delimiter: tabular,
    widths: [],
    newline: '\n',
    bareCr: false,
    sheet: t.sheet,
    sheets: t.sheets,
    skipRows: t.skipRows,
    headerRows: t.headerRows,
    headerHint: t.header,
    date1904: t.date1904,
    oneColumnFix: null,
  });
}

/** A fixed-width or whitespace file's records from decoded text. */
function lineRecords(text: string, delimiter: 'whitespace' | 'fixed', widths: number[], complete: boolean): string[][] {
  const lines = linesOf(text);
  // The last line of an incomplete sample may be cut: leave it out.
  if (!complete && lines.length > 1) lines.pop();
  return splitLines(lines, delimiter, widths);
}

/** Delimiter detection including the delimiters papaparse cannot read: runs of whitespace, then fixed widths. */
function detectTextDelimiter(text: string, newline: '\n' | '\r'): { delimiter: string; widths: number[] } {
  const char = detectDelimiter(text, newline);
  const lines = linesOf(text.slice(0, 256 * 1024)).slice(0, 201);
  if (lines.length > 1) lines.pop();
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const charRows = parseRecords(nonBlank.join('\n'), char, '\n', true).rows;
  const c = consistency(charRows);
  const charScore = c.width >= 2 ? c.share * 1000 + Math.min(c.width, 999) : -1;
  const w = consistency(nonBlank.map(splitWhitespace));
  const wsScore = w.width >= 2 && w.share >= 0.9 ? w.share * 1000 + Math.min(w.width, 999) : -1;
  if (wsScore > charScore) return { delimiter: 'whitespace', widths: [] };
  if (charScore >= 900) return { delimiter: char, widths: [] };
  // Values with spaces inside (names) spread whitespace splits over several widths; blank columns common to every line still separate fields.
  const widths = detectWidths(nonBlank);
  if (widths && widths.length >= 2) return { delimiter: 'fixed', widths };
  return { delimiter: char, widths: [] };
}

/** Decide format, encoding, delimiter, header, locale and column types from a sample of the file. */
export function planImport(file: string, options: ParseOptions, overrides: ColumnSpec[] = [], remembered: string[] | null = null): ImportPlan {
  const abs = path.resolve(file);
  const size = statInput(abs);
  const warnings: string[] = [];
  const { head, extras, spread } = readSample(abs, size);
  if (detectTabularFormat(abs, head)) throw new AppError('INTERNAL', `${abs}: not a text file (plan it with planFile)`, { file: abs });
  const auto = detectEncoding(spread);
  const encoding = options.encoding === 'auto' ? auto.encoding : options.encoding;
  rejectNonText(abs, head, encoding.startsWith('utf-16'));
  const bomLength = options.encoding === 'auto' ? auto.bomLength : bomLengthFor(head, encoding);
  const decoder = new ChunkDecoder(encoding, options.encoding === 'auto' && auto.asciiOnly);
  const complete = head.length >= size;
  let text = decoder.write(head.subarray(bomLength)) + (complete ? decoder.end() : '');
  if (text.trim().length === 0) {
    throw new AppError('BAD_INPUT', msg(size === 0 ? 'data.import.emptyNoBytes' : 'data.import.emptyBlank', { file: abs }), { file: abs });
  }
  const newline = detectNewline(text);
  // Delimiter detection reads whole records, so it runs on line-end-normalised text; the quote-aware
  // normalisation needs the delimiter: detect on a plain replacement, then normalise for real.
  const anyBareCr = newline === '\n' && /\r(?!\n)/.test(text);
  const detected = options.delimiter === 'auto' ? detectTextDelimiter(anyBareCr ? text.replace(/\r(?!\n)/g, '\n') : text, newline) : null;
  const delimiter = detected ? detected.delimiter : options.delimiter === 'space' ? ' ' : options.delimiter;
  const byLine = delimiter === 'whitespace' || delimiter === 'fixed';
  let widths: number[] = [];
  if (delimiter === 'fixed') {
    widths = options.widths && options.widths.length > 0 ? options.widths : (detected?.widths ?? detectWidths(linesOf(text).slice(0, 500)) ?? []);
    if (widths.length === 0) throw new AppError('BAD_INPUT', msg('data.import.noFixedWidths', { file: abs }), { file: abs, cli: 'give --widths 5,6,9' });
  }
  let bareCr = false;
  if (anyBareCr && !byLine) {
    const normaliser = new BareCrNormaliser(delimiter);
    const normalised = normaliser.write(text, complete);
    // CRs inside quoted fields alone are values, not line ends.
    if (normaliser.replaced > 0) {
      bareCr = true;
      text = normalised;
      warnings.push(msg('data.import.mixedLineEnds'));
    }
  }
  let records: string[][];
  if (byLine) {
    records = lineRecords(text, delimiter, widths, complete);
  } else {
    records = parseRecords(text, delimiter, newline, complete).rows;
    if (records.length === 0) records = parseRecords(text, delimiter, newline, true).rows;
  }
  records = records.filter((r) => !(r.length === 1 && r[0] === ''));
  let fix: string | null = null;
  if (consistency(records.slice(0, 200)).width === 1) {
    fix = oneColumnFix(linesOf(text.slice(0, 256 * 1024)).slice(0, 200), delimiter);
    if (fix) {
      warnings.push(
        fix === 'whitespace' ? msg('data.import.oneColumnWhitespace') : fix === '\t' ? msg('data.import.oneColumnTab') : msg('data.import.oneColumnChar', { char: fix }),
      );
    }
  }
  const extraRecords = byLine
    ? extras.flatMap((chunk) => {
        const t = new ChunkDecoder(encoding, false).write(chunk);
        const ls = linesOf(t).slice(1, -1);
        return splitLines(ls, delimiter, widths);
      })
    : null;
  return finishPlan(abs, size, options, overrides, remembered, warnings, {
    format: delimiter === 'fixed' ? 'fixed' : 'csv',
    records,
    keys: [],
    extraRecords: extraRecords ?? { chunks: extras },
    encoding,
    bomLength,
    utf8Fallback: options.encoding === 'auto' && auto.asciiOnly,
    delimiter,
    widths,
    newline,
    bareCr,
    sheet: null,
    sheets: [],
    skipRows: 0,
    headerRows: 1,
    headerHint: null,
    date1904: false,
    oneColumnFix: fix,
  });
}

interface Source {
  format: ImportFormat;
  /** Records from the file's start (the header's among them unless skipped by skipRows), blank lines removed. */
  records: string[][];
  keys: string[];
  /** Records from across the file for type inference, or the raw chunks to parse them from. */
  extraRecords: string[][] | { chunks: Buffer[] };
  encoding: Encoding;
  bomLength: number;
  utf8Fallback: boolean;
  delimiter: string;
  widths: number[];
  newline: '\n' | '\r';
  bareCr: boolean;
  sheet: string | null;
  sheets: SheetInfo[];
  skipRows: number;
  headerRows: number;
  /** The format knows whether there is a header (JSON keys: always). */
  headerHint: boolean | null;
  date1904: boolean;
  oneColumnFix: string | null;
}

/** Header, names, locale and column types: the same for every format. */
function finishPlan(
  abs: string,
  size: number,
  options: ParseOptions,
  overrides: ColumnSpec[],
  remembered: string[] | null,
  warnings: string[],
  src: Source,
): ImportPlan {
  const records = src.records.slice(src.skipRows);
  const probe = records.slice(1, SAMPLE_ROWS + 1);
  const localeDelimiter = src.delimiter.length === 1 ? src.delimiter : ' ';
  const locale = inferLocale(records.slice(0, SAMPLE_ROWS + 1), localeDelimiter, {
    // A workbook's numbers are written with a point whatever the user's locale.
    decimal: options.decimal !== 'auto' ? options.decimal : src.format === 'xlsx' ? '.' : undefined,
    dateOrder: options.dateOrder === 'auto' ? undefined : options.dateOrder,
  }, localeHint(options.localeHint));
  const header = options.header !== 'auto' ? options.header : (src.headerHint ?? looksLikeHeader(records[0] ?? [], probe, locale));
  const width = Math.max(records[0]?.length ?? 0, header ? 0 : Math.max(0, ...probe.slice(0, 100).map((r) => r.length)));
  if (width > MAX_COLUMNS) {
    throw new AppError('BAD_INPUT', msg('data.import.tooManyColumns', { file: abs, width: String(width), max: String(MAX_COLUMNS) }), { file: abs, row: 1, columns: width });
  }
  // Names the user gave, else (no header) the ones given for the previous version of this dataset when they fit.
  const given = options.columnNames && options.columnNames.length > 0 ? options.columnNames : !header && remembered && remembered.length === width ? remembered : null;
  if (given && !options.columnNames?.length) warnings.push(msg('data.import.namesFromPrevious', { names: given.join(', ') }));
  if (given && given.length > width) warnings.push(msg('data.import.extraNames', { given: given.length, width }));
  const base = header ? records[0] : Array.from({ length: width }, (_, i) => `column_${i + 1}`);
  const names = uniqueHeaders(
    base.map((h, i) => (given && i < given.length && given[i].trim() !== '' ? given[i] : h)),
    warnings,
  );
  const sample = header ? records.slice(1, SAMPLE_ROWS + 1) : records.slice(0, SAMPLE_ROWS);
  if (locale.dateOrderAmbiguous) {
    warnings.push(msg('data.import.dateOrderAmbiguous', { order: msg(`data.dateOrder.${locale.dateOrder ?? 'dmy'}`) }));
  }
  // Files are often sorted (by date, by ID): records from across the file keep types from being decided by its start alone.
  const extra = Array.isArray(src.extraRecords)
    ? src.extraRecords.filter((r) => r.length === names.length)
    : spreadRecords(src.extraRecords.chunks, src.encoding, src.delimiter, src.newline, names.length);
  const inferenceRows = sample.slice(0, SAMPLE_ROWS / 2).concat(extra);
  const byName = new Map(overrides.map((o) => [o.name, o]));
  const columns: ColumnSpec[] = names.map((name, c) => {
    const o = byName.get(name);
    if (o) return { ...o, name };
    const inferred = inferColumnType(name, inferenceRows.map((r) => r[c] ?? ''), locale);
    return { name, type: inferred.type, ...suggestRole(name, inferred.type) };
  });
  for (const o of overrides) if (!names.includes(o.name)) warnings.push(msg('data.import.unknownSetting', { column: o.name }));
  const idCol = suggestIdColumn(columns, sample.slice(0, SAMPLE_ROWS / 2));
  const tx = detectTransactionColumns(columns);
  const looksLikeOrders = tx.order !== null && tx.customer !== null && tx.date !== null && (tx.amount !== null || tx.quantity !== null);
  return {
    file: abs,
    sizeBytes: size,
    format: src.format,
    encoding: src.encoding,
    bomLength: src.bomLength,
    utf8Fallback: src.utf8Fallback,
    delimiter: src.delimiter,
    widths: src.widths,
    sheet: src.sheet,
    sheets: src.sheets,
    skipRows: src.skipRows,
    headerRows: src.headerRows,
    keys: src.keys,
    date1904: src.date1904,
    oneColumnFix: src.oneColumnFix,
    newline: src.newline,
    bareCr: src.bareCr,
    header,
    locale,
    columns,
    sample,
    suggestedName: datasetNameFromFile(abs),
    suggestedKind: looksLikeOrders ? 'transactions' : 'customers',
    suggestedId: looksLikeOrders ? tx.customer : idCol,
    transactionColumns: tx,
    warnings,
  };
}

/**
 * The ID column: an `id`-role column whose sample values are present and (nearly) unique — duplicates are
 * reported after import, not a reason to pick another column — preferring customer-like names, then the leftmost.
 */
function suggestIdColumn(columns: ColumnSpec[], sample: string[][]): string | null {
  const unique = (c: number) => {
    const seen = new Set<string>();
    for (const r of sample) {
      const v = (r[c] ?? '').trim();
      if (!v) return false;
      seen.add(v);
    }
    return sample.length > 0 && seen.size >= sample.length * 0.6;
  };
  const candidates = columns.map((col, c) => ({ col, c })).filter(({ col }) => col.role === 'id' && (col.type === 'text' || col.type === 'integer' || col.type === 'category'));
  const customerLike = candidates.find(({ col, c }) => /cust|client|klient|kunde|user|member/i.test(col.name) && unique(c));
  return (customerLike ?? candidates.find(({ c }) => unique(c)))?.col.name ?? null;
}
