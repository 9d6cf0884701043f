import path from 'node:path';
import type { ColumnSpec, ParseOptions, TransactionColumns } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { DatasetKind } from '../../../shared/types/columns';
import { detectDelimiter, detectNewline, parseRecords } from './dialect';
import { bomLengthFor, ChunkDecoder, detectEncoding, type Encoding } from './encoding';
import { readBytes, rejectNonText, statInput } from './file-check';
import { BareCrNormaliser } from './line-ends';
import { inferColumnType, inferLocale, looksLikeHeader, type Locale } from './infer';
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
  delimiter: string;
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
      warnings.push(`column ${i + 1} has no header name; named "${base}"`);
    }
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    if (name !== base) warnings.push(`duplicate header name "${base}" in column ${i + 1}; renamed "${name}"`);
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

/** Decide encoding, delimiter, header, locale and column types from a sample of the file. */
export function planImport(file: string, options: ParseOptions, overrides: ColumnSpec[] = []): ImportPlan {
  const abs = path.resolve(file);
  const size = statInput(abs);
  const warnings: string[] = [];
  const { head, extras, spread } = readSample(abs, size);
  const auto = detectEncoding(spread);
  const encoding = options.encoding === 'auto' ? auto.encoding : options.encoding;
  rejectNonText(abs, head, encoding.startsWith('utf-16'));
  const bomLength = options.encoding === 'auto' ? auto.bomLength : bomLengthFor(head, encoding);
  const decoder = new ChunkDecoder(encoding, options.encoding === 'auto' && auto.asciiOnly);
  const complete = head.length >= size;
  let text = decoder.write(head.subarray(bomLength)) + (complete ? decoder.end() : '');
  if (text.trim().length === 0) {
    throw new AppError('BAD_INPUT', `${abs}: the file is empty (${size === 0 ? 'no bytes' : 'no text besides a byte-order mark or blank lines'}): nothing to import`, { file: abs });
  }
  const newline = detectNewline(text);
  // Delimiter detection reads whole records, so it runs on line-end-normalised text; the quote-aware
  // normalisation needs the delimiter: detect on a plain replacement, then normalise for real.
  const anyBareCr = newline === '\n' && /\r(?!\n)/.test(text);
  const delimiter = options.delimiter === 'auto' ? detectDelimiter(anyBareCr ? text.replace(/\r(?!\n)/g, '\n') : text, newline) : options.delimiter;
  let bareCr = false;
  if (anyBareCr) {
    const normaliser = new BareCrNormaliser(delimiter);
    const normalised = normaliser.write(text, complete);
    // CRs inside quoted fields alone are values, not line ends.
    if (normaliser.replaced > 0) {
      bareCr = true;
      text = normalised;
      warnings.push('the file mixes line endings (some lines end with a bare CR); they are read as line breaks');
    }
  }
  let records = parseRecords(text, delimiter, newline, complete).rows;
  if (records.length === 0) records = parseRecords(text, delimiter, newline, true).rows;
  records = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const probe = records.slice(1, SAMPLE_ROWS + 1);
  const locale = inferLocale(records.slice(0, SAMPLE_ROWS + 1), delimiter, {
    decimal: options.decimal === 'auto' ? undefined : options.decimal,
    dateOrder: options.dateOrder === 'auto' ? undefined : options.dateOrder,
  });
  const header = options.header === 'auto' ? looksLikeHeader(records[0] ?? [], probe, locale) : options.header;
  const width = Math.max(records[0]?.length ?? 0, header ? 0 : Math.max(0, ...probe.slice(0, 100).map((r) => r.length)));
  if (width > MAX_COLUMNS) {
    throw new AppError('BAD_INPUT', `${abs}: ${width} columns in row 1; a dataset can have at most ${MAX_COLUMNS} columns`, { file: abs, row: 1, columns: width });
  }
  const names = header ? uniqueHeaders(records[0], warnings) : Array.from({ length: width }, (_, i) => `column_${i + 1}`);
  const sample = header ? records.slice(1, SAMPLE_ROWS + 1) : records.slice(0, SAMPLE_ROWS);
  if (locale.dateOrderAmbiguous) {
    warnings.push(`dates could be day/month or month/day (no day above 12 in the sample); read as ${locale.dateOrder}: change the date order if that is wrong`);
  }
  // Files are often sorted (by date, by ID): records from across the file keep types from being decided by its start alone.
  const inferenceRows = sample.slice(0, SAMPLE_ROWS / 2).concat(spreadRecords(extras, encoding, delimiter, newline, names.length));
  const byName = new Map(overrides.map((o) => [o.name, o]));
  const columns: ColumnSpec[] = names.map((name, c) => {
    const o = byName.get(name);
    if (o) return { ...o, name };
    const inferred = inferColumnType(name, inferenceRows.map((r) => r[c] ?? ''), locale);
    return { name, type: inferred.type, ...suggestRole(name, inferred.type) };
  });
  for (const o of overrides) if (!names.includes(o.name)) warnings.push(`column "${o.name}" given in the settings is not in the file`);
  const idCol = suggestIdColumn(columns, sample.slice(0, SAMPLE_ROWS / 2));
  const tx = detectTransactionColumns(columns);
  const looksLikeOrders = tx.order !== null && tx.customer !== null && tx.date !== null && (tx.amount !== null || tx.quantity !== null);
  return {
    file: abs,
    sizeBytes: size,
    encoding,
    bomLength,
    utf8Fallback: options.encoding === 'auto' && auto.asciiOnly,
    delimiter,
    newline,
    bareCr,
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
