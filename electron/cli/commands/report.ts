import path from 'node:path';
import { REPORT_SECTIONS, type ReportSectionId } from '../../../shared/contract/ns/reports';
import { LOCALES } from '../../../shared/i18n/locales';
import { defineCommand, UsageError } from '../command';

export const reportCommand = defineCommand({
  path: ['report'],
  summary: 'Write the self-contained report (HTML, or PDF through headless Chromium) with small-cell suppression',
  options: {
    out: { type: 'string', value: 'FILE.html|FILE.pdf', required: true, description: 'the report file; .pdf prints it through headless Chromium' },
    dataset: { type: 'string', value: 'NAME', description: 'the customers dataset' },
    segments: { type: 'string', value: 'A,B', list: true, description: 'the saved segments to describe' },
    run: { type: 'string', value: 'R', description: 'the clustering run to describe' },
    title: { type: 'string', value: 'T', description: 'the report title' },
    'min-cell': { type: 'string', value: 'N', description: 'suppress counts below N (at least 2)' },
    sections: { type: 'string', value: 'a,b', list: true, choices: REPORT_SECTIONS, description: 'only these sections' },
    outcome: { type: 'string', value: 'COLUMN', description: 'a binary outcome column to compare the groups on' },
    consultant: { type: 'string', value: 'NAME', description: 'who wrote the report (cover page)' },
    client: { type: 'string', value: 'NAME', description: 'who the report is for (cover page)' },
    logo: { type: 'string', value: 'FILE.png', description: 'a logo for the cover page' },
    date: { type: 'string', value: 'D', description: 'the report date (cover page)' },
    lang: { type: 'string', choices: LOCALES, description: 'the language the report is written in (default en)' },
    overwrite: { type: 'boolean', description: 'replace an existing file' },
  },
  conventions: ['customers', 'asOf', 'consent'],
  workspace: 'open',
  run: async (v, io) => {
    const minCellText = v['min-cell'];
    const minCell = minCellText === undefined ? undefined : Number(minCellText);
    if (minCell !== undefined && (!Number.isInteger(minCell) || minCell < 2)) throw new UsageError(`--min-cell must be a whole number of at least 2, got "${minCellText}"`);
    const sections: ReportSectionId[] | undefined = v.sections;
    const r = await io.api.reports.save({
      out: path.resolve(io.cwd, v.out),
      dataset: v.dataset,
      segments: v.segments,
      run: v.run,
      outcome: v.outcome,
      title: v.title,
      minCell,
      sections,
      consultant: v.consultant,
      client: v.client,
      logoPath: v.logo ? path.resolve(io.cwd, v.logo) : undefined,
      date: v.date,
      lang: v.lang ?? 'en',
      overwrite: v.overwrite,
    });
    for (const o of r.omitted) io.progress(`section ${o.id} left out: ${o.reason}`);
    return { file: r.file, bytes: r.bytes, sections: r.sections };
  },
  text: (r) => `wrote ${r.file} (${r.bytes} bytes): ${r.sections.join(', ')}`,
});
