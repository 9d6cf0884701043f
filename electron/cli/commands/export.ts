import path from 'node:path';
import type { ExportSource } from '../../../shared/contract/ns/exports';
import { EXPORT_DELIMITERS } from '../../../shared/contract/ns/exports';
import { UsageError, list, required, str, type CliCommand } from '../command';
import { runJob } from '../jobs';

const DELIMITER_NAMES: Record<string, (typeof EXPORT_DELIMITERS)[number]> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

function sourceOf(v: Record<string, unknown>): ExportSource {
  const segment = typeof v.segment === 'string' ? v.segment : undefined;
  const run = typeof v.run === 'string' ? v.run : undefined;
  const cluster = typeof v.cluster === 'string' ? v.cluster : undefined;
  const rfm = typeof v.rfm === 'string' ? v.rfm : undefined;
  if ([segment, run ?? cluster, rfm].filter((x) => x !== undefined).length > 1) throw new UsageError('give one of --segment, --run with --cluster, or --rfm');
  if (segment !== undefined) return { kind: 'segment', name: segment };
  if (rfm !== undefined) return { kind: 'rfm', segment: rfm };
  if (run === undefined || cluster === undefined) throw new UsageError('--segment NAME or --run R --cluster C is required');
  const c = Number(cluster);
  if (!Number.isInteger(c) || c < 1) throw new UsageError(`--cluster must be a cluster number, got "${cluster}"`);
  return { kind: 'cluster', run, cluster: c };
}

export const exportCommand: CliCommand = {
  path: ['export'],
  summary: "Export a segment's or cluster's members to CSV or XLSX (PII off unless named in --columns; customers without consent excluded unless --include-no-consent)",
  usage:
    'segmentdesk export --workspace WS --dataset NAME (--segment NAME | --run R --cluster C | --rfm RFM_SEGMENT) --out FILE.csv|FILE.xlsx [--columns a,b,c] [--include-no-consent] [--delimiter ,|;|tab|pipe] [--bom] [--overwrite] [--json]',
  options: {
    dataset: { type: 'string' },
    segment: { type: 'string' },
    run: { type: 'string' },
    cluster: { type: 'string' },
    rfm: { type: 'string' },
    out: { type: 'string' },
    columns: { type: 'string' },
    'include-no-consent': { type: 'boolean' },
    delimiter: { type: 'string' },
    bom: { type: 'boolean' },
    overwrite: { type: 'boolean' },
  },
  workspace: 'open',
  run: async (v, _p, io) => {
    const d = str(v, 'delimiter') ?? ',';
    const delimiter = DELIMITER_NAMES[d];
    if (!delimiter) throw new UsageError(`--delimiter must be one of , ; tab pipe (got "${d}")`);
    const r = await runJob(io, 'export', {
      dataset: required(v, 'dataset'),
      source: sourceOf(v),
      out: path.resolve(io.cwd, required(v, 'out')),
      columns: list(v, 'columns'),
      includeNoConsent: v['include-no-consent'] === true,
      delimiter,
      bom: v.bom === true,
      overwrite: v.overwrite === true,
    });
    if (r.excludedNoConsent > 0) io.progress(`${r.excludedNoConsent} customers without marketing consent were left out (--include-no-consent to keep them)`);
    return { rows: r.rows, excludedNoConsent: r.excludedNoConsent, columns: r.columns, file: r.file };
  },
  text: (r) => `wrote ${String(r.rows)} rows (${(r.columns as string[]).join(', ')}) to ${String(r.file)}; ${String(r.excludedNoConsent)} left out for lack of consent`,
};
