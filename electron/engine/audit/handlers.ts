import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/result';
import type { EngineContext } from '../context';
import { auditCsv, listAudit } from './log';
import { msg } from '../../../shared/i18n/current';

export const auditHandlers = {
  list: (q, ctx) => listAudit(ctx.ws().db, q),
  exportCsv: ({ path: out }, ctx) => {
    const { csv, rows } = auditCsv(ctx.ws().db);
    if (!out) return { rows, file: null, csv };
    const abs = path.resolve(out);
    try {
      fs.writeFileSync(abs, csv, 'utf8');
    } catch (e) {
      throw new AppError('IO', msg('responsible.errors.logNotWritten', { path: abs, reason: (e as Error).message }), { path: abs });
    }
    return { rows, file: abs, csv: null };
  },
} satisfies Handlers<EngineContext>['audit'];
