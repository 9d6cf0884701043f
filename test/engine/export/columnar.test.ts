import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentDay, consentFilter } from '../../../electron/engine/consent/consent';
import { quoteIdent } from '../../../electron/engine/db/open';
import { exportRows, resolveExport, runExport } from '../../../electron/engine/export/run-export';
import { CsvWriter } from '../../../electron/engine/export/csv-writer';
import { getMirror } from '../../../electron/engine/mirror';
import { customerKeys } from '../../../electron/engine/mirror/customers';
import { columnsOf, versionTable } from '../../../electron/engine/workspace/catalog';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { ExportSelectionSchema } from '../../../shared/contract/ns/exports';
import type { Cell } from '../../../shared/types/columns';
import { customerDataSets } from '../../helpers/data';
import { itOnImportFiles } from '../../helpers/import-files';
import { LazyColumns, preload } from '../../../electron/engine/mirror/lazy';
import type { Mirror } from '../../../electron/engine/mirror/types';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';

/**
 * Exports read the stored columnar copy (export/columnar-rows.ts) and the consent filter reads its
 * consent columns there (consent/consent.ts): the cells must be those a SELECT of the version table
 * gives, row for row, and the consent verdicts those of the row-by-row reading.
 */
function tableRows(ws: Workspace, dataset: string, names: string[], rowids: readonly number[] | null): Cell[][] {
  const t = quoteIdent(versionTable(ws.db, dataset));
  const all = ws.db.prepare(`SELECT rowid, ${names.map(quoteIdent).join(', ')} FROM ${t} ORDER BY rowid`).raw(true).all() as Cell[][];
  if (!rowids) return all;
  const keep = new Set(rowids);
  return all.filter((r) => keep.has(r[0] as number));
}

/** The CSV file the writer makes of the table's rows one by one, against the export's columnar writing. */
async function expectSameCsv(ws: Workspace, dataset: string, names: string[], includeNoConsent: boolean): Promise<void> {
  const sel = { dataset, source: { kind: 'dataset' as const }, columns: names, includeNoConsent, allRows: true };
  // Which rows is the selection's business (tested elsewhere); here, that the columnar writing writes them as the table holds them.
  const rowids = resolveExport(ws, ExportSelectionSchema.parse(sel)).rowids;
  const dir = tmpDir();
  const expected = path.join(dir, 'expected.csv');
  const w = new CsvWriter(expected, { delimiter: ';', bom: true });
  await w.header(names);
  for (const row of tableRows(ws, dataset, names, rowids)) if (w.add(row, 1)) await w.flush();
  await w.close();
  const out = path.join(dir, 'export.csv');
  const progress = { report: () => undefined, checkpoint: async () => undefined };
  // On one thread, and in two halves on two (export/csv-thread.ts; small files are split here only because the tests ask).
  for (const split of [null, '1000']) {
    if (split) process.env.SEGMENTDESK_EXPORT_SPLIT_ROWS = split;
    try {
      const res = await runExport(ws, { ...ExportSelectionSchema.parse(sel), out, delimiter: ';', bom: true, overwrite: true }, progress);
      expect(res.rows).toBe(rowids ? rowids.length : tableRows(ws, dataset, names, null).length);
      expect(fs.readFileSync(out).equals(fs.readFileSync(expected)), `split at ${split ?? 'none'}`).toBe(true);
      expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
    } finally {
      delete process.env.SEGMENTDESK_EXPORT_SPLIT_ROWS;
    }
  }
}

async function expectSameAsTable(ws: Workspace, dataset: string): Promise<void> {
  ws.invalidate();
  const names = columnsOf(ws.db, dataset).map((c) => c.name);
  const sel = ExportSelectionSchema.parse({ dataset, source: { kind: 'dataset' }, columns: names, includeNoConsent: true, allRows: true });
  const r = resolveExport(ws, sel);
  expect([...exportRows(ws, r)]).toEqual(tableRows(ws, dataset, names, r.rowids));
  // Every third row, as a segment would choose them.
  const some = (ws.db.prepare(`SELECT rowid FROM ${quoteIdent(versionTable(ws.db, dataset))} WHERE rowid % 3 = 1 ORDER BY rowid`).pluck().all() as number[]);
  const part = { ...r, rowids: some, rows: some.length };
  expect([...exportRows(ws, part)]).toEqual(tableRows(ws, dataset, names, some));
  // The consent filter, column-wise and row by row.
  const m = getMirror(ws, dataset);
  const columnar = { mirror: m, idsUnique: customerKeys(ws, m).unique };
  for (const rowids of [undefined, some]) {
    expect(consentFilter(ws.db, dataset, { asOf: consentDay(), rowids, columnar })).toEqual(consentFilter(ws.db, dataset, { asOf: consentDay(), rowids }));
  }
  await expectSameCsv(ws, dataset, names, true);
  // Consenting customers only: a subset of the rows, unless the file records no consent.
  await expectSameCsv(ws, dataset, names, false);
}

async function importAndCompare(file: string, id?: string): Promise<{ ws: Workspace; close(): void }> {
  const { engine, api } = await engineWithWorkspace();
  const r = await runJob(engine, api, 'import', { path: file, name: 'data', ...(id ? { id } : {}) });
  expect(r.status.error, file).toBeUndefined();
  const ws = engine.ctx.ws();
  await expectSameAsTable(ws, 'data');
  return { ws, close: () => engine.close() };
}

describe('exports and the consent filter read the columnar copy and give what the table gives', () => {
  it.each(customerDataSets())('on $label customers, and after rows are deleted (rowids no longer dense)', async ({ customers }) => {
    const { ws, close } = await importAndCompare(customers, 'customer_id');
    // Once a read has stored every column, e-mails too (a dictionary nearly as long as the column, which the export then plucks instead): the same.
    preload(getMirror(ws, 'data'), columnsOf(ws.db, 'data').map((c) => c.name));
    ws.invalidate();
    const m = getMirror(ws, 'data') as Mirror & { columns: LazyColumns };
    expect(m.columns.storedDictionarySize('email')).toBeGreaterThan(m.rows / 2);
    await expectSameAsTable(ws, 'data');
    ws.db.prepare(`DELETE FROM ${quoteIdent(versionTable(ws.db, 'data'))} WHERE rowid % 7 = 3`).run();
    ws.db.prepare("UPDATE dataset_versions SET rows = (SELECT count(*) FROM " + quoteIdent(versionTable(ws.db, 'data')) + ") WHERE dataset = 'data'").run();
    await expectSameAsTable(ws, 'data');
    close();
  }, 120_000);

  it('on the demo customers (repeated IDs: the consent filter reads rows by SQL)', async () => {
    const demo = path.resolve(__dirname, '../../../assets/demo');
    const { ws, close } = await importAndCompare(path.join(demo, 'customers.csv'));
    expect(customerKeys(ws, getMirror(ws, 'data')).unique).toBe(false);
    close();
  }, 60_000);

  itOnImportFiles(['bad-cells.csv', 'bools-langs.csv', 'dates-mdy.csv', 'leading-zeros.csv', 'ragged.csv', 'utf16le-bom.csv'], async (file) => (await importAndCompare(file)).close());
});
