import path from 'node:path';
import type { ExportSource } from '../../../shared/contract/ns/exports';
import { EXPORT_DELIMITERS } from '../../../shared/contract/ns/exports';
import { defineCommand, UsageError } from '../command';
import { runJob } from '../jobs';
import { LOCALES } from '../../../shared/i18n/locales';

const DELIMITER_NAMES: Record<string, (typeof EXPORT_DELIMITERS)[number]> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

function sourceOf({ segment, run, cluster, rfm }: { segment?: string; run?: string; cluster?: string; rfm?: string }): ExportSource {
  if ([segment, run ?? cluster, rfm].filter((x) => x !== undefined).length > 1) throw new UsageError('give one of --segment, --run with --cluster, or --rfm');
  if (segment !== undefined) return { kind: 'segment', name: segment };
  if (rfm !== undefined) return { kind: 'rfm', segment: rfm };
  if (run === undefined || cluster === undefined) throw new UsageError('--segment NAME or --run R --cluster C is required');
  const c = Number(cluster);
  if (!Number.isInteger(c) || c < 1) throw new UsageError(`--cluster must be a cluster number, got "${cluster}"`);
  return { kind: 'cluster', run, cluster: c };
}

export const exportCommand = defineCommand({
  path: ['export'],
  summary:
    "Export a segment's or cluster's members to CSV or XLSX, one row per customer (distinct customer ID; the latest row) unless --all-rows (PII off unless named in --columns; customers without consent excluded unless --include-no-consent)",
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the customers dataset' },
    segment: { type: 'string', value: 'NAME', description: 'export the members of this saved segment' },
    run: { type: 'string', value: 'R', description: 'export a cluster of this clustering run (with --cluster)' },
    cluster: { type: 'string', value: 'C', description: 'the cluster number within --run' },
    rfm: { type: 'string', value: 'RFM_SEGMENT', description: 'export the customers of this RFM segment' },
    out: { type: 'string', value: 'FILE.csv|FILE.xlsx', required: true, description: 'the file to write; .xlsx writes a workbook' },
    columns: { type: 'string', value: 'a,b,c', list: true, description: 'the columns to export (PII columns only when named here)' },
    'include-no-consent': { type: 'boolean', description: 'keep customers without marketing consent (recorded in the audit log)' },
    'all-rows': {
      type: 'boolean',
      description: 'write every row: a customer on several rows of the file appears several times (default: one row per customer ID, their latest row)',
    },
    delimiter: { type: 'string', value: ',|;|tab|pipe', default: ',', description: 'the CSV delimiter' },
    bom: { type: 'boolean', description: 'start the CSV with a UTF-8 byte order mark (for Excel)' },
    overwrite: { type: 'boolean', description: 'replace an existing file' },
    'local-formats': {
      type: 'string',
      value: 'LOCALE',
      choices: LOCALES,
      description: "write numbers with LOCALE's decimal separator and dates in its form (pl: 1234,5 and 05.12.2026; a CSV with a decimal comma uses ;)",
    },
  },
  groups: [{ alternatives: [['segment'], ['run', 'cluster'], ['rfm']], required: true }],
  conventions: ['customers', 'consent'],
  workspace: 'open',
  run: async (v, io) => {
    const delimiter = DELIMITER_NAMES[v.delimiter];
    if (!delimiter) throw new UsageError(`--delimiter must be one of , ; tab pipe (got "${v.delimiter}")`);
    const r = await runJob(io, 'export', {
      dataset: v.dataset,
      source: sourceOf(v),
      out: path.resolve(io.cwd, v.out),
      columns: v.columns,
      includeNoConsent: v['include-no-consent'],
      allRows: v['all-rows'],
      delimiter,
      bom: v.bom,
      overwrite: v.overwrite,
      ...(v['local-formats'] ? { localFormats: true, locale: v['local-formats'] } : {}),
    });
    if (r.excludedNoConsent > 0) io.progress(`${r.excludedNoConsent} customers without marketing consent were left out (--include-no-consent to keep them)`);
    if (r.duplicateRowsSkipped > 0) io.progress(`${r.duplicateRowsSkipped} rows repeating a customer ID were not written (--all-rows to write them)`);
    return { rows: r.rows, excludedNoConsent: r.excludedNoConsent, duplicateRowsSkipped: r.duplicateRowsSkipped, columns: r.columns, file: r.file };
  },
  text: (r) =>
    `wrote ${r.rows} rows (${r.columns.join(', ')}) to ${r.file}; ${r.excludedNoConsent} customers left out for lack of consent; ${r.duplicateRowsSkipped} rows repeating a customer ID skipped`,
});
