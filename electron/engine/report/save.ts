import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ReportOptions } from '../../../shared/contract/ns/reports';
import { AppError } from '../../../shared/contract/result';
import { recordAudit } from '../audit/log';
import type { Workspace } from '../workspace/workspace';
import { buildReport } from './build';
import { htmlToPdf } from './pdf';
import { msg } from '../../../shared/i18n/current';

/** Builds the report and writes it as .html or .pdf (temp file renamed into place), then audits it. */
export async function saveReport(ws: Workspace, options: ReportOptions & { out: string; overwrite?: boolean }) {
  const out = path.resolve(options.out);
  const ext = path.extname(out).toLowerCase();
  const format = ext === '.pdf' ? 'pdf' : ext === '.html' || ext === '.htm' ? 'html' : null;
  if (!format) throw new AppError('BAD_INPUT', msg('report.errors.format', { file: path.basename(out) }), { out });
  if (!fs.existsSync(path.dirname(out))) throw new AppError('NOT_FOUND', msg('report.errors.noFolder', { folder: path.dirname(out) }), { out });
  if (fs.existsSync(out) && !options.overwrite) throw new AppError('CONFLICT', msg('report.errors.exists', { file: out }), { out });
  const built = buildReport(ws, options);
  const tmp = `${out}.${randomBytes(4).toString('hex')}.partial`;
  try {
    if (format === 'html') fs.writeFileSync(tmp, built.html, 'utf8');
    else await htmlToPdf(built.html, tmp);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('IO', msg('report.errors.write', { file: out, error: (e as Error).message }), { out });
  }
  recordAudit(ws.db, {
    action: 'report',
    dataset: built.dataset,
    what: `saved a report (${built.sections.join(', ')}) as ${path.basename(out)}`,
    details: { file: path.basename(out), path: path.resolve(out), format, sections: built.sections, omitted: built.omitted, minCell: options.minCell ?? 10 },
  });
  return { file: out, bytes: fs.statSync(out).size, sections: built.sections, format, omitted: built.omitted } as const;
}
