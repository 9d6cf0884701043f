import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExportResult, ExportSelection } from '../../../shared/contract/ns/exports';
import { ExportSelectionSchema } from '../../../shared/contract/ns/exports';
import { AppError } from '../../../shared/contract/result';
import type { Cell, ColumnInfo } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import { columnsOf, getDataset, versionTable } from '../workspace/catalog';
import { derivedColumnInfos, derivedValuesById } from '../customer-view/mirror-fields';
import type { Workspace } from '../workspace/workspace';
import { consentDay, consentFilter, recordConsentOverride } from '../consent/consent';
import { recordAudit } from '../audit/log';
import { chooseColumns } from './columns';
import { memberRowids } from './members';
import { neutraliseCell } from './neutralise';
import { CsvWriter } from './csv-writer';
import { rowChunks } from '../db/row-chunks';
import { chunkCsv, chunkRows, columnarChunks, columnarMirror, columnChunks, type RowRange } from './columnar-rows';
import { CsvPartThread, csvOnOwnThread, splitRows } from './csv-thread';
import { getMirror, type Mirror } from '../mirror';
import { customerKeys } from '../mirror/customers';
import { XlsxWriter } from './xlsx-writer';
import { localExportFormat, type ExportFormat } from '../../../shared/i18n/export-format';
import type { UiLocale } from '../../../shared/i18n/locales';
import { messageLocale, msg } from '../../../shared/i18n/current';

type Selection = ReturnType<typeof ExportSelectionSchema.parse>;

export interface ResolvedExport {
  /** The dataset, when its current version is exported (read from the columnar copy where it holds the columns). */
  dataset?: string;
  table: string;
  columns: ColumnInfo[];
  /** The customer-view columns among `columns` (read from c360_<dataset> by the row's customer ID), and that ID column. */
  derived: { names: string[]; idColumn: string } | null;
  /** Rowids to write, ascending; null = every row. */
  /** The rows to write (rowids of the current version), or null for every row. */
  rowids: readonly number[] | null;
  /** Rows that will be written. */
  rows: number;
  /** Customers (distinct IDs) the source stands for, before the consent filter. */
  members: number;
  /** Customers left out for lack of consent. */
  excludedNoConsent: number;
  /** Customers without consent, whether excluded or included on override. */
  notConsenting: number;
  /** Rows of written customers left out because a later row has the same ID (0 with allRows). */
  duplicateRowsSkipped: number;
  consentColumns: string[];
}

/**
 * Members of the source, minus customers without consent unless the user overrides it; one row
 * per customer (their latest row, so the file's most recent record of them) unless `allRows`.
 */
export function resolveExport(ws: Workspace, sel: Selection): ResolvedExport {
  const db = ws.db;
  const table = versionTable(db, sel.dataset);
  // Customer-view columns (order history, RFM, lifetime value, clusters) are exported when named; PII rules are the file's.
  const derivedInfo = sel.columns ? derivedColumnInfos(ws, sel.dataset) : [];
  const columns = chooseColumns(sel.dataset, [...columnsOf(db, sel.dataset), ...derivedInfo], sel.columns);
  const derivedNames = columns.filter((c) => derivedInfo.some((d) => d.name === c.name)).map((c) => c.name);
  const idColumn = getDataset(db, sel.dataset).idColumn;
  const derived = derivedNames.length && idColumn ? { names: derivedNames, idColumn } : null;
  const members = memberRowids(ws, sel.dataset, sel.source);
  const m = getMirror(ws, sel.dataset);
  const consent = consentFilter(db, sel.dataset, { asOf: consentDay(), rowids: members ?? undefined, columnar: { mirror: m, idsUnique: customerKeys(ws, m).unique } });
  const base = { dataset: sel.dataset, table, columns, derived, members: consent.total, notConsenting: consent.excluded, consentColumns: consent.columns };
  if (sel.includeNoConsent) {
    const every = sel.allRows || consent.latest.length === consent.rows;
    return {
      ...base,
      rowids: every ? (members ?? null) : consent.latest,
      rows: every ? consent.rows : consent.latest.length,
      excludedNoConsent: 0,
      duplicateRowsSkipped: every ? 0 : consent.rows - consent.latest.length,
    };
  }
  const kept = sel.allRows ? consent.included : consent.includedLatest;
  const keepAll = members === null && kept.length === consent.rows;
  return {
    ...base,
    rowids: keepAll ? null : kept,
    rows: kept.length,
    excludedNoConsent: consent.excluded,
    duplicateRowsSkipped: consent.included.length - kept.length,
  };
}

/**
 * The export's rows in rowid order, already restricted to the chosen members. Each row starts with
 * its rowid (cell 0), which writers skip; membership is a byte per rowid rather than a Set lookup.
 */
export function* exportRows(ws: Workspace, r: ResolvedExport): Generator<Cell[]> {
  const keep = keepMask(r);
  if (!r.derived) {
    const columnar = r.dataset ? columnarChunks(ws, r.dataset, r.table, r.columns, keep) : null;
    if (columnar) {
      yield* chunkRows(columnar);
      return;
    }
    const cols = r.columns.map((c) => quoteIdent(c.name)).join(', ');
    for (const chunk of rowChunks(ws, `SELECT rowid, ${cols} FROM ${quoteIdent(r.table)}`)) {
      for (const row of chunk) if (!keep || keep[row[0] as number] === 1) yield row;
    }
    return;
  }
  // The view's values by customer ID (one pass over the view), placed beside the file's columns in the chosen order.
  const d = r.derived;
  const dataset = r.columns.length ? datasetOfTable(ws, r.table) : '';
  const values = derivedValuesById(ws, dataset, d.names);
  const own = r.columns.filter((c) => !d.names.includes(c.name));
  const select = [`CAST(${quoteIdent(d.idColumn)} AS TEXT)`, ...own.map((c) => quoteIdent(c.name))].join(', ');
  const slot = r.columns.map((c) => (d.names.includes(c.name) ? { own: false, i: d.names.indexOf(c.name) } : { own: true, i: own.indexOf(c) }));
  for (const chunk of rowChunks(ws, `SELECT rowid, ${select} FROM ${quoteIdent(r.table)}`)) {
    for (const row of chunk) {
      if (keep && keep[row[0] as number] !== 1) continue;
      const v = row[1] === null ? undefined : values.get(row[1] as string);
      const out: Cell[] = [row[0]];
      for (const sl of slot) out.push(sl.own ? row[2 + sl.i] : ((v?.[sl.i] ?? null) as Cell));
      yield out;
    }
  }
}

function keepMask(r: ResolvedExport): Uint8Array | null {
  if (!r.rowids) return null;
  const ids = r.rowids;
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
  const keep = new Uint8Array(max + 1);
  for (let i = 0; i < ids.length; i++) keep[ids[i]] = 1;
  return keep;
}

function datasetOfTable(ws: Workspace, table: string): string {
  return ws.db.prepare('SELECT dataset FROM dataset_versions WHERE table_name = ?').pluck().get(table) as string;
}

export function previewExport(ws: Workspace, sel: ExportSelection & { limit: number }) {
  const parsed = ExportSelectionSchema.parse(sel);
  const r = resolveExport(ws, parsed);
  const rows: Cell[][] = [];
  for (const row of exportRows(ws, r)) {
    rows.push(row.slice(1).map((v) => neutraliseCell(v)));
    if (rows.length >= sel.limit) break;
  }
  return {
    columns: r.columns.map((c) => c.name),
    rows,
    total: r.rows,
    excludedNoConsent: r.excludedNoConsent,
    duplicateRowsSkipped: r.duplicateRowsSkipped,
    consentColumns: r.consentColumns,
  };
}

export interface ExportRun extends Selection {
  out: string;
  format?: 'csv' | 'xlsx';
  delimiter: ',' | ';' | '\t' | '|';
  bom: boolean;
  overwrite: boolean;
  localFormats?: boolean;
  locale?: UiLocale;
}

/**
 * Local formats (issue #19, off by default): date and datetime columns become the locale's numeric dates; in a
 * CSV, numbers take its decimal separator (an .xlsx keeps real numbers, which the spreadsheet shows in its
 * reader's way). Returns null for machine formats.
 */
function localCells(p: ExportRun, columns: readonly ColumnInfo[]): { local: ExportFormat; dates: number[] } | null {
  if (!p.localFormats) return null;
  const local = localExportFormat(p.locale ?? messageLocale());
  // Cell 0 of an export row is its rowid: column i is cell i + 1.
  const dates = columns.flatMap((c, i) => (c.type === 'date' || c.type === 'datetime' ? [i + 1] : []));
  return { local, dates };
}

function formatOf(out: string, format: 'csv' | 'xlsx' | undefined): 'csv' | 'xlsx' {
  if (format) return format;
  const ext = path.extname(out).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new AppError('BAD_INPUT', msg('reports.errors.unknownFormat', { file: path.basename(out) }), { out });
}

/**
 * Writes the export to a temporary file beside the target and renames it into place when
 * complete, so a failed or cancelled export never leaves a half-written file under the
 * user's name. One audit entry per export (what, rows, columns, consent exclusions, repeated rows skipped).
 */
export async function runExport(
  ws: Workspace,
  p: ExportRun,
  progress: { report(phase: string, done: number, total: number): void; checkpoint(): Promise<void> },
): Promise<ExportResult> {
  const out = path.resolve(p.out);
  const format = formatOf(out, p.format);
  if (!fs.existsSync(path.dirname(out))) throw new AppError('NOT_FOUND', msg('reports.errors.noFolder', { folder: path.dirname(out) }), { out });
  if (fs.existsSync(out) && !p.overwrite) throw new AppError('CONFLICT', msg('reports.errors.exists', { path: out }), { out });
  if (out === ws.file) throw new AppError('BAD_INPUT', msg('reports.errors.exportOverWorkspace'), { out });
  // A large plain CSV is written in two halves at once (export/csv-thread.ts): the second thread starts now, so
  // its start and its read of the columnar copy overlap the resolving of the rows.
  const current = format === 'csv' && p.dataset && csvOnOwnThread(ws.file) ? getMirror(ws, p.dataset) : null;
  const second = current?.stored && current.rows >= splitRows() ? new CsvPartThread({ file: ws.file, dataset: current.dataset, version: current.version }) : null;
  try {
    return await writeExport(ws, p, progress, out, format, current, second);
  } finally {
    // Whatever happened, the thread does not outlive the export (it would keep a CLI process alive).
    second?.stop();
  }
}

async function writeExport(
  ws: Workspace,
  p: ExportRun,
  progress: { report(phase: string, done: number, total: number): void; checkpoint(): Promise<void> },
  out: string,
  format: ReturnType<typeof formatOf>,
  current: Mirror | null,
  second: CsvPartThread | null,
): Promise<ExportResult> {
  const r = resolveExport(ws, p);
  const total = r.rows;
  const tmp = `${out}.${randomBytes(4).toString('hex')}.partial`;
  const local = localCells(p, r.columns);
  const delimiter = local ? local.local.delimiter(p.delimiter) : p.delimiter;
  const writer =
    format === 'csv' ? new CsvWriter(tmp, { delimiter, bom: p.bom, ...(local ? { number: local.local.number } : {}) }) : new XlsxWriter(tmp, sheetName(p));
  let rows = 0;
  try {
    await writer.header(r.columns.map((c) => c.name));
    // A plain CSV of the file's own columns is written chunk by chunk from the columnar copy, each
    // distinct category value formatted once; anything else (xlsx, local formats, customer-view columns) row by row.
    const mirror = writer instanceof CsvWriter && !local && !r.derived && r.dataset ? columnarMirror(ws, r.dataset, r.table) : null;
    if (mirror && writer instanceof CsvWriter) {
      const keep = keepMask(r);
      const field = (v: Cell) => writer.field(v);
      const writeRange = async (range: RowRange) => {
        for (const chunk of chunkCsv(columnChunks(ws.db, mirror, r.columns, keep, range), field, delimiter)) {
          if (writer.addText(chunk.text)) await writer.flush();
          rows += chunk.rows;
          progress.report('writing', rows, total);
          await progress.checkpoint();
        }
      };
      // The second half by the second thread into a file of its own, appended after the first: the same lines in the same order.
      const split = second && mirror.version === current?.version ? Math.ceil(mirror.rows / 2) : mirror.rows;
      const part = `${tmp}.2`;
      const theirs = second && split < mirror.rows ? second.write({ columns: r.columns, keep, from: split, to: mirror.rows, delimiter, out: part }) : null;
      try {
        await writeRange({ from: 0, to: split });
        const done = theirs ? await theirs : 0;
        if (done === null) await writeRange({ from: split, to: mirror.rows });
        else if (theirs) {
          await writer.appendFile(part);
          rows += done;
          progress.report('writing', rows, total);
        }
      } finally {
        fs.rmSync(part, { force: true });
      }
    }
    const columnar = mirror !== null;
    for (const row of columnar ? [] : exportRows(ws, r)) {
      if (local) for (const i of local.dates) if (typeof row[i] === 'string') row[i] = local.local.date(row[i] as string);
      if (writer.add(row, 1)) await writer.flush();
      rows++;
      if (rows % 5000 === 0) {
        progress.report('writing', rows, total);
        await progress.checkpoint();
      }
    }
    await writer.close();
    fs.renameSync(tmp, out);
  } catch (e) {
    writer.destroy();
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('IO', msg('reports.errors.exportNotWritten', { path: out, reason: (e as Error).message }), { out });
  }
  const pii = r.columns.filter((c) => c.pii).map((c) => c.name);
  const what = describeSource(p);
  ws.db.transaction(() => {
    recordAudit(ws.db, {
      action: 'export',
      dataset: p.dataset,
      what: `exported ${rows} rows of ${what} to ${path.basename(out)}${p.allRows ? ' (every row)' : ' (one per customer)'}`,
      count: rows,
      details: {
        source: p.source,
        file: path.basename(out),
        // Full path: an erasure lists the files that held the customers so the user can follow up.
        path: path.resolve(out),
        format,
        columns: r.columns.map((c) => c.name),
        piiColumns: pii,
        excludedNoConsent: r.excludedNoConsent,
        includeNoConsent: p.includeNoConsent,
        allRows: p.allRows,
        duplicateRowsSkipped: r.duplicateRowsSkipped,
        ...(local ? { localFormats: p.locale ?? messageLocale(), delimiter } : {}),
      },
    });
    if (p.includeNoConsent && r.notConsenting > 0) {
      recordConsentOverride(ws.db, { dataset: p.dataset, what: `export of ${what}`, notConsenting: r.notConsenting, details: { file: path.basename(out) } });
    }
  })();
  return {
    rows,
    excludedNoConsent: r.excludedNoConsent,
    duplicateRowsSkipped: r.duplicateRowsSkipped,
    columns: r.columns.map((c) => c.name),
    file: out,
    bytes: fs.statSync(out).size,
    format,
    consentColumns: r.consentColumns,
    piiColumns: pii,
  };
}

function describeSource(p: Selection): string {
  const s = p.source;
  if (s.kind === 'segment') return `segment "${s.name}" of ${p.dataset}`;
  if (s.kind === 'cluster') return `cluster ${s.cluster} of run ${s.run} (${p.dataset})`;
  if (s.kind === 'rfm') return `RFM segment "${s.segment}" of ${p.dataset}`;
  return `dataset ${p.dataset}`;
}

function sheetName(p: Selection): string {
  const s = p.source;
  const raw = s.kind === 'segment' ? s.name : s.kind === 'cluster' ? `cluster ${s.cluster}` : s.kind === 'rfm' ? s.segment : p.dataset;
  // Excel forbids these characters in sheet names.
  return raw.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Export';
}
