import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { consentDay, consentFilter } from '../consent/consent';
import { maskIndices } from '../segments/evaluate';
import { checkRule } from '../segments/resolve';
import { AttributeGroups } from './audit';
import { proxiesFor } from './proxy-cache';
import { auditReport } from './report';
import { frameFor, selectSegment } from './selection';
import { sensitiveInRule } from './sensitive-rule';
import { columnsOf } from '../workspace/catalog';
import { quoteIdent } from '../db/open';
import { markStep } from '../workspace/progress';

export const fairnessHandlers = {
  audit: (req, ctx) => {
    const report = auditReport(ctx.ws(), req);
    markStep(ctx.ws(), 'audit');
    return report;
  },
  proxies: ({ dataset, ageReadings }, ctx) => proxiesFor(ctx.ws(), new AttributeGroups(frameFor(ctx.ws(), dataset, ageReadings))),
  checkRule: ({ dataset, rule }, ctx) => {
    const ws = ctx.ws();
    const parsed = checkRule(ws, dataset, rule);
    const lookup = (name: string) => {
      const r = ws.db.prepare('SELECT rule_json FROM segments WHERE name = ?').pluck().get(name) as string | undefined;
      return r ? JSON.parse(r) : null;
    };
    const uses = sensitiveInRule(parsed, columnsOf(ws.db, dataset), lookup);
    return { sensitiveInRule: uses, needsJustification: uses.length > 0 };
  },
  consent: ({ dataset, segment }, ctx) => {
    const ws = ctx.ws();
    let rowids: number[] | undefined;
    if (segment !== undefined) {
      const frame = frameFor(ws, dataset);
      const sel = selectSegment(ws, frame, segment);
      // Mirror rows are the version table's rows in rowid order; map positions back to rowids.
      const all = ws.db.prepare(`SELECT rowid FROM ${quoteIdent(frame.mirror.table)} ORDER BY rowid`).pluck().all() as number[];
      rowids = Array.from(maskIndices(sel.mask), (i) => all[i]);
    }
    const r = consentFilter(ws.db, dataset, { asOf: consentDay(), rowids });
    return { dataset, columns: r.columns, total: r.total, consenting: r.consenting, notConsenting: r.excluded, unknown: r.unknown };
  },
} satisfies Handlers<EngineContext>['fairness'];
