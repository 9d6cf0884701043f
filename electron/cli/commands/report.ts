import path from 'node:path';
import { REPORT_SECTIONS, type ReportSectionId } from '../../../shared/contract/ns/reports';
import { UsageError, list, required, str, type CliCommand, type Values } from '../command';

function sectionsOf(v: Values): ReportSectionId[] | undefined {
  const names = list(v, 'sections');
  if (!names) return undefined;
  const known = new Set<string>(REPORT_SECTIONS);
  const bad = names.find((n) => !known.has(n));
  if (bad) throw new UsageError(`unknown section "${bad}" (sections: ${REPORT_SECTIONS.join(', ')})`);
  return names as ReportSectionId[];
}

export const reportCommand: CliCommand = {
  path: ['report'],
  summary: 'Write the self-contained report (HTML, or PDF through headless Chromium) with small-cell suppression',
  usage:
    'segmentdesk report --workspace WS --out FILE.html|FILE.pdf [--dataset NAME] [--segments A,B] [--run R] [--title T] [--min-cell N] [--sections a,b] [--outcome COLUMN] [--consultant NAME] [--client NAME] [--logo FILE.png] [--date D] [--overwrite] [--json]',
  options: {
    out: { type: 'string' },
    dataset: { type: 'string' },
    segments: { type: 'string' },
    run: { type: 'string' },
    outcome: { type: 'string' },
    title: { type: 'string' },
    'min-cell': { type: 'string' },
    sections: { type: 'string' },
    consultant: { type: 'string' },
    client: { type: 'string' },
    logo: { type: 'string' },
    date: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  workspace: 'open',
  run: async (v, _p, io) => {
    const minCellText = str(v, 'min-cell');
    const minCell = minCellText === undefined ? undefined : Number(minCellText);
    if (minCell !== undefined && (!Number.isInteger(minCell) || minCell < 2)) throw new UsageError(`--min-cell must be a whole number of at least 2, got "${minCellText}"`);
    const logo = str(v, 'logo');
    const r = await io.api.reports.save({
      out: path.resolve(io.cwd, required(v, 'out')),
      dataset: str(v, 'dataset'),
      segments: list(v, 'segments'),
      run: str(v, 'run'),
      outcome: str(v, 'outcome'),
      title: str(v, 'title'),
      minCell,
      sections: sectionsOf(v),
      consultant: str(v, 'consultant'),
      client: str(v, 'client'),
      logoPath: logo ? path.resolve(io.cwd, logo) : undefined,
      date: str(v, 'date'),
      overwrite: v.overwrite === true,
    });
    for (const o of r.omitted) io.progress(`section ${o.id} left out: ${o.reason}`);
    return { file: r.file, bytes: r.bytes, sections: r.sections };
  },
  text: (r) => `wrote ${String(r.file)} (${String(r.bytes)} bytes): ${(r.sections as string[]).join(', ')}`,
};
