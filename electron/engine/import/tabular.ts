/**
 * Formats that are not delimited text (JSON, NDJSON, Excel workbooks): each gives records of text
 * values, the same shape papaparse gives, so planning, conversion, errors and versioning stay one path.
 */
import path from 'node:path';
import type { ParseOptions, SheetInfo } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import { jsonFormatOf, jsonObjects } from './json-source';
import type { TabularSample } from './tabular-sample';
import { sampleWorkbook, workbookRows } from './xlsx-source';
import { msg } from '../../../shared/i18n/current';

export type TabularFormat = 'xlsx' | 'json' | 'ndjson';
export type { TabularSample } from './tabular-sample';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

const starts = (head: Buffer, magic: number[]) => head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** The format of a file that is not delimited text, or null (then it is read as text). */
export function detectTabularFormat(file: string, head: Buffer): TabularFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (starts(head, OLE) || ext === '.xls') {
    throw new AppError(
      'BAD_INPUT',
      msg('data.import.xls', { file }),
      { file },
    );
  }
  if (starts(head, ZIP)) {
    if (ext === '.xlsx' || ext === '.xlsm' || head.includes('[Content_Types].xml') || head.includes('xl/')) return 'xlsx';
    return null; // file-check names it (a ZIP archive)
  }
  if (ext === '.xlsb') throw new AppError('BAD_INPUT', msg('data.import.xlsb', { file }), { file });
  return jsonFormatOf(file, head.subarray(0, 4096).toString('utf8'));
}


/** JSON: the columns are every key the first `max` records have, in the order first seen. */
async function sampleJson(file: string, format: 'json' | 'ndjson', max: number): Promise<TabularSample> {
  const keys: string[] = [];
  const seen = new Set<string>();
  const objs: Map<string, string>[] = [];
  const gen = jsonObjects(file, format);
  try {
    for await (const batch of gen) {
      for (const o of batch) {
        for (const k of o.keys()) {
          if (seen.has(k)) continue;
          seen.add(k);
          keys.push(k);
        }
        objs.push(o);
      }
      if (objs.length >= max) break;
    }
  } finally {
    await gen.return(undefined);
  }
  if (objs.length === 0) throw new AppError('BAD_INPUT', msg('data.import.jsonEmpty', { file }), { file });
  const records = [keys, ...objs.slice(0, max).map((o) => keys.map((k) => o.get(k) ?? ''))];
  return { records, keys, sheet: null, sheets: [], skipRows: 0, headerRows: 1, header: true, date1904: false };
}

export async function sampleTabular(file: string, format: TabularFormat, options: ParseOptions, max: number, warnings: string[]): Promise<TabularSample> {
  if (format === 'xlsx') return sampleWorkbook(file, options, max, warnings);
  return sampleJson(file, format, max);
}

/**
 * The data records (header and title rows left out) in batches. JSON values are put in the planned key
 * order; keys the sample did not have are appended as `key=value` so the record reads as having extra
 * fields (a cell error keeps them) rather than losing them silently.
 */
export async function* tabularRows(
  file: string,
  format: TabularFormat,
  plan: { keys: string[]; sheet: string | null; skipRows: number; headerRows: number; header: boolean; sizeBytes: number; sheets: SheetInfo[] },
  progress: { bytes: number },
): AsyncGenerator<string[][]> {
  if (format === 'xlsx') {
    // Progress in bytes of the file, in proportion to the rows read of the sheet's row count.
    const total = Math.max(1, plan.sheets.find((s) => s.name === plan.sheet)?.rows ?? 1);
    let n = 0;
    for await (const rows of workbookRows(file, plan.sheet, plan.skipRows + (plan.header ? plan.headerRows : 0))) {
      n += rows.length;
      progress.bytes = Math.min(plan.sizeBytes, Math.round((plan.sizeBytes * n) / total));
      yield rows;
    }
    return;
  }
  const index = new Map(plan.keys.map((k, i) => [k, i]));
  const width = plan.keys.length;
  for await (const batch of jsonObjects(file, format, progress)) {
    const rows: string[][] = new Array<string[]>(batch.length);
    for (let r = 0; r < batch.length; r++) {
      const row = new Array<string>(width).fill('');
      let extra: string[] | null = null;
      for (const [k, v] of batch[r]) {
        const i = index.get(k);
        if (i !== undefined) row[i] = v;
        else (extra ??= []).push(`${k}=${v}`);
      }
      rows[r] = extra ? row.concat(extra) : row;
    }
    yield rows;
  }
}
