import path from 'node:path';
import { msg } from '../../../shared/i18n/current';
import type { z } from 'zod';
import type { ImportParamsSchema, ImportResult, TransactionColumns } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { JobContext } from '../jobs/runner';
import { assertIntact, whenChecked } from '../db/integrity';
import { columnsOf, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { convertedBatches, parseOnOwnThread, ParserThread } from './batch-source';
import { decodeBatch } from './encode';
import { runAfterImport } from './hooks';
import { malformedError, malformedLoss } from './malformed';
import { planFile, rememberedNames, type ImportPlan } from './plan';
import type { ProduceEnd, ProduceSpec } from './produce';
import { checkDatasetName, countDuplicateIds, countUnknownCustomers, nextVersion, registerVersion } from './register';
import { createVersionTable, newTableName, RowInserter, StagingConnection } from './staging';
import { applyCapture, writeBlocks } from './capture';
import { dropStored, IDS_ENTRY, ImportedColumns } from '../mirror/store';
import { quoteIdent } from '../db/open';

/**
 * SEGMENTDESK_TRACE_IMPORT=1 prints when each phase of an import ends (ms since the process started) on
 * stderr: where a slow import's time goes, without a profiler (docs/ARCHITECTURE.md, "Import pipeline").
 */
const TRACE = !!process.env.SEGMENTDESK_TRACE_IMPORT;
function trace(what: string): void {
  if (!TRACE) return;
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1048576);
  process.stderr.write(`[import ${Math.round(performance.now())} ms, rss ${mb(m.rss)} MB: heap ${mb(m.heapUsed)}, buffers ${mb(m.arrayBuffers)}] ${what}\n`);
}

export type ImportParamsIn = z.output<typeof ImportParamsSchema>;

function requireColumn(plan: ImportPlan, col: string | null | undefined, what: 'order' | 'customer' | 'date' | 'amount' | 'quantity' | 'price' | 'ID'): string | null {
  if (col === undefined || col === null) return null;
  if (!plan.columns.some((c) => c.name === col)) {
    throw new AppError('BAD_INPUT', msg('data.import.columnNotInFile', { file: plan.file, what, column: col, columns: plan.columns.map((c) => c.name).join(', ') }), {
      file: plan.file,
      column: col,
    });
  }
  return col;
}

/** Whether a boolean column's sample values were all 0/1 digits (so larger counts later widen it to integer). */
function numericBooleans(plan: ImportPlan, c: number): boolean {
  return plan.columns[c].type === 'boolean' && plan.sample.every((r) => {
    const v = (r[c] ?? '').trim();
    return v === '' || v === '0' || v === '1';
  });
}

/** Records in the file, estimated from the sample's average record length. */
function estimateRows(plan: ImportPlan): number {
  // A workbook's size is compressed: its sheet's row count is known instead.
  const sheetRows = plan.format === 'xlsx' ? plan.sheets.find((s) => s.name === plan.sheet)?.rows : undefined;
  if (sheetRows !== undefined && sheetRows > 0) return sheetRows;
  const probe = plan.sample.slice(0, 1000);
  if (probe.length === 0) return 0;
  const chars = probe.reduce((a, r) => a + r.reduce((b, f) => b + f.length + 1, 0), 0);
  return Math.ceil(plan.sizeBytes / Math.max(1, chars / probe.length));
}

interface Link {
  dataset: string;
  table: string;
  idColumn: string;
}

function resolveLink(ws: Workspace, p: ImportParamsIn): Link | null {
  if (!p.link) return null;
  if (p.as !== 'transactions') throw new AppError('BAD_INPUT', msg('data.import.linkOnlyOrders'), { cli: 'add --as transactions' });
  const d = ws.db.prepare('SELECT kind, id_column FROM datasets WHERE name = ?').get(p.link) as { kind: string; id_column: string | null } | undefined;
  if (!d) throw new AppError('BAD_INPUT', msg('data.import.linkNoDataset', { name: p.link }));
  if (d.kind !== 'customers' || !d.id_column) throw new AppError('BAD_INPUT', msg('data.import.linkNotCustomers', { name: p.link }));
  return { dataset: p.link, table: versionTable(ws.db, p.link), idColumn: d.id_column };
}

export interface ImportHost {
  /** Nothing else reads the workspace while the import runs (the CLI): see StagingConnection.sole. */
  sole?: boolean;
}

/**
 * Import one file as a new version of a dataset: plan from a sample, then stream every record
 * through the column converters (on a second thread where there is a second core: batch-source.ts)
 * into a new table in one transaction (on its own connection, or the workspace's when `host.sole`:
 * staging.ts), and swap the catalogue and the view in the same transaction.
 */
export async function runImport(ws: Workspace, p: ImportParamsIn, job: JobContext, host: ImportHost = {}): Promise<ImportResult> {
  // Two cores: the parsing thread loads while the file is planned here.
  const parser = parseOnOwnThread() ? new ParserThread() : null;
  try {
    return await importWith(ws, p, job, parser, host);
  } finally {
    await parser?.stop();
  }
}

async function importWith(ws: Workspace, p: ImportParamsIn, job: JobContext, parser: ParserThread | null, host: ImportHost): Promise<ImportResult> {
  const t0 = performance.now();
  trace('start');
  job.report('detecting', 0, 0);
  const plan = await planFile(p.path, p.options, p.columns ?? [], rememberedNames(ws.db, p.name ?? null, p.path));
  trace('planned');
  const name = p.name ?? plan.suggestedName;
  checkDatasetName(ws.db, name);
  const link = resolveLink(ws, p);
  const isTx = p.as === 'transactions';
  let tx: TransactionColumns | null = null;
  let idColumn: string | null;
  if (isTx) {
    const t = { ...plan.transactionColumns, ...(p.transactionColumns ?? {}) };
    if (p.id) t.customer = p.id;
    tx = {
      order: requireColumn(plan, t.order, 'order'),
      customer: requireColumn(plan, t.customer, 'customer'),
      date: requireColumn(plan, t.date, 'date'),
      amount: requireColumn(plan, t.amount, 'amount'),
      quantity: requireColumn(plan, t.quantity, 'quantity'),
      price: requireColumn(plan, t.price, 'price'),
    };
    idColumn = tx.customer;
    if (link && !idColumn) throw new AppError('BAD_INPUT', msg('data.import.linkNoId', { file: plan.file, name: link.dataset }), { file: plan.file, cli: 'give --id COLUMN' });
  } else {
    idColumn = requireColumn(plan, p.id ?? plan.suggestedId, 'ID');
  }
  // The ID column is an identifier whatever its values look like.
  const columns = plan.columns.map((c) => (c.name === idColumn && (c.role === 'other' || c.role === 'behavioural') ? { ...c, role: 'id' as const } : c));
  const width = columns.length;
  const warnings = [...plan.warnings];

  // Nothing is written into a damaged workspace (its own connection is read-only then; the import's may not be).
  await whenChecked(ws.db);
  assertIntact(ws.db, ws.file);
  const staging = host.sole ? StagingConnection.sole(ws.db) : StagingConnection.shared(ws.file);
  try {
    const db = staging.db;
    const version = nextVersion(db, name);
    const table = newTableName(version);
    createVersionTable(db, table, columns);
    const ins = new RowInserter(db, table, width);
    // Files keep their typed columns for fast first counts (capture.ts); a name SQLite reads as the rowid would
    // make the table's rows ambiguous to the mirror, so such a file is read on first use instead. An orders
    // file keeps its customer column as codes too (lifetime value reads every line's customer, day and amount:
    // by SQL that was 10 of its 22 s at 10M lines), and no IDs entry (its IDs are the lines' customers).
    const rowidNamed = columns.some((c) => ['rowid', '_rowid_', 'oid'].includes(c.name.toLowerCase()));
    const columnStore = !rowidNamed && process.env.SEGMENTDESK_IMPORT_CAPTURE !== '0' ? new ImportedColumns(db, name, version) : null;
    const idAt = idColumn ? columns.findIndex((c) => c.name === idColumn) : -1;
    const spec: ProduceSpec = {
      plan: { ...plan, sample: [] },
      columns,
      numericBooleans: columns.map((_, i) => numericBooleans(plan, i)),
      idIndex: idColumn && !isTx ? columns.findIndex((c) => c.name === idColumn) : -1,
      slices: parser !== null,
      // An escape hatch should the scanner ever read a file differently from papaparse.
      scan: process.env.SEGMENTDESK_IMPORT_SCAN !== '0',
      expectedRows: estimateRows(plan),
      ...(columnStore ? { capture: isTx ? { idIndex: -1, idsEntry: null, coded: idAt >= 0 ? [idAt] : [] } : { idIndex: idAt, idsEntry: IDS_ENTRY } } : {}),
    };
    // The inference sample is not needed while streaming; let it be collected (peak memory).
    plan.sample = [];
    const insErr = db.prepare('INSERT INTO cell_errors(dataset, version, row, column_name, raw, problem) VALUES (?,?,?,?,?,?)');
    let cellErrors = 0;
    trace('staging ready');
    const batches = convertedBatches(spec, parser);
    let end: ProduceEnd;
    let lastYield = performance.now();
    let waited = 0;
    let firstAt = 0;
    try {
      for (;;) {
        const w0 = performance.now();
        const next = await batches.next();
        waited += performance.now() - w0;
        if (firstAt === 0) firstAt = performance.now();
        if (next.done) {
          end = next.value;
          break;
        }
        for (const batch of next.value) {
          decodeBatch(batch, width, ins);
          if (columnStore) writeBlocks(columnStore, batch.blocks);
          for (const e of batch.errors) insErr.run(name, version, e.row, e.column, e.raw, e.problem);
          cellErrors += batch.errors.length;
          job.report('importing', batch.bytesRead, plan.sizeBytes);
        }
        // Yield (and honour a cancel) every ~20 ms rather than after every one of thousands of batches.
        if (performance.now() - lastYield > 20) {
          await job.checkpoint();
          lastYield = performance.now();
        }
      }
    } finally {
      // Stops the parsing thread when the import ends early (cancel, failure).
      await batches.return(undefined as never);
    }
    ins.flush();
    trace(`streamed (waited ${Math.round(waited)} ms for the parsing side, first batch at ${Math.round(firstAt)} ms)`);
    const { missing, summary } = end;
    const loss = malformedLoss(summary.quoteProblems, ins.rows, plan.header);
    if (loss && !p.acceptMalformed) throw malformedError(plan, loss, ins.rows);
    if (loss) warnings.push(msg('data.import.malformedKept', { lost: String(loss.lostLines), lines: String(loss.lines) }));
    const states = end.widened.map((widened) => ({ widened }));
    job.report('finishing', plan.sizeBytes, plan.sizeBytes);

    const finalColumns = columns.map((c, i) => {
      const wider = states[i].widened;
      if (wider) warnings.push(`column "${c.name}" held ${wider === 'number' ? 'fractional numbers' : 'numbers other than 0/1'} beyond the sample: imported as ${wider}`);
      return wider ? { ...c, type: wider } : c;
    });
    for (const q of summary.quoteProblems) {
      insErr.run(name, version, q.record, '(record)', '', q.code === 'MissingQuotes' ? 'a quote is never closed: the rest of the file is in this record' : `malformed quotes (${q.code}): text kept as read`);
      cellErrors++;
    }
    for (const q of summary.quoteProblems.slice(0, 20)) {
      warnings.push(q.code === 'MissingQuotes' ? `record ${q.record}: a quote is never closed; the rest of the file was read into one field` : `record ${q.record}: malformed quotes (${q.code}); text kept as read`);
    }
    if (summary.switchedEncodingAt !== null) {
      warnings.push(msg('data.import.switchedEncoding', { at: String(summary.switchedEncodingAt), encoding: summary.finalEncoding }));
    }
    const rows = ins.rows;
    if (rows === 0) warnings.push(msg('data.import.noDataRows', { file: path.basename(plan.file) }));
    const duplicateIds = idColumn && !isTx && end.idsMayRepeat ? countDuplicateIds(db, table, idColumn) : 0;
    if (duplicateIds > 0) warnings.push(msg('data.import.duplicateIds', { count: duplicateIds, n: String(duplicateIds), column: idColumn ?? '' }));
    const unknownCustomers = link && idColumn ? countUnknownCustomers(db, table, idColumn, link.table, link.idColumn) : undefined;
    if (unknownCustomers) warnings.push(msg('data.import.unknownCustomers', { count: unknownCustomers, n: String(unknownCustomers), name: link!.dataset }));
    if (isTx && idColumn) {
      const noCustomer = missing[columns.findIndex((c) => c.name === idColumn)];
      if (noCustomer > 0) warnings.push(msg('data.import.noCustomer', { count: noCustomer, n: String(noCustomer) }));
    }
    const encoding = summary.finalEncoding;
    registerVersion(
      db,
      {
        name,
        kind: p.as,
        version,
        table,
        idColumn,
        linkedTo: link?.dataset ?? null,
        rows,
        cellErrors,
        sourceFile: plan.file,
        encoding,
        delimiter: plan.delimiter,
        // Column names of a file without a header are kept so the next version of the dataset gets them again.
        options: {
          ...p.options,
          decimal: plan.locale.decimal,
          dateOrder: plan.locale.dateOrder,
          header: plan.header,
          format: plan.format,
          ...(plan.widths.length > 0 ? { widths: plan.widths } : {}),
          ...(plan.sheet !== null ? { sheet: plan.sheet } : {}),
          ...(!plan.header ? { columnNames: plan.columns.map((c) => c.name) } : {}),
        },
        columns: finalColumns,
        missing,
        transactionColumns: tx,
      },
      new Set((p.columns ?? []).map((c) => c.name)),
    );
    if (columnStore && end.capture) {
      const stamp = db.prepare(`SELECT count(*) AS rows, coalesce(max(rowid), 0) AS maxRowid FROM ${quoteIdent(table)}`).get() as { rows: number; maxRowid: number };
      // Row i of the blocks is rowid i + 1 of a table written by inserts only; anything else, and nothing is kept.
      if (stamp.maxRowid !== stamp.rows) dropStored(db, name);
      else {
        // The parsing side hashed every ID: no repeat by hash and none missing means every row is a customer of its own.
        // (An orders file's lines are not customers of their own: it keeps no IDs entry and no keys.)
        const idsUnique = !isTx && (idAt < 0 || (!end.idsMayRepeat && end.missing[idAt] === 0));
        const taken = applyCapture(columnStore, end.capture, finalColumns, idColumn, IDS_ENTRY, stamp, idsUnique);
        trace(`stored ${taken.columns} typed columns${taken.ids ? ' and the IDs' : ''}`);
      }
    }
    // Report the flags as stored: choices the user made on an earlier version carry over.
    const stored = new Map(columnsOf(db, name).map((c) => [c.name, c]));
    await job.checkpoint();
    trace('registered');
    staging.commit();
    trace('committed');
    ws.invalidate();
    runAfterImport(ws, { dataset: name, version });
    trace('hooks done');
    return {
      dataset: name,
      version,
      kind: p.as,
      rows,
      cellErrors,
      encoding,
      delimiter: plan.delimiter,
      format: plan.format,
      columns: finalColumns.map((c, i) => {
        const s = stored.get(c.name);
        return { name: c.name, type: c.type, role: s?.role ?? c.role, pii: s?.pii ?? c.pii, sensitive: s?.sensitive ?? c.sensitive, missing: missing[i] };
      }),
      duplicateIds,
      unknownCustomers,
      transactionColumns: tx ?? undefined,
      dateOrder: plan.locale.dateOrder,
      decimal: plan.locale.decimal,
      warnings,
      ms: Math.round(performance.now() - t0),
    };
  } catch (err) {
    staging.rollback();
    throw err;
  }
}
