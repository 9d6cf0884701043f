import type { AuditReport } from '../../../../shared/contract/ns/fairness';
import { formatRatio } from '../../../../shared/fairness/ratio';
import { auditReport } from '../../fairness/report';
import { consentDay, consentFilter } from '../../consent/consent';
import { listSegments } from '../../segments/store';
import { listRuns } from '../../cluster/store';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, h, para, table } from '../html';
import { fmtCount, fmtStat, isSuppressed } from '../suppress';
import { msg } from '../../../../shared/i18n/current';
import { fmtNumber, reportDate, rfmt } from '../format';
import { getMirror } from '../../mirror';
import { customerKeys } from '../../mirror/customers';

interface Target {
  label: string;
  req: { dataset: string; segment?: string; run?: string };
}

function targets(ctx: Pick<ReportContext, 'ws' | 'dataset' | 'opts'>): Target[] {
  const ds = ctx.dataset.name;
  const segs = listSegments(ctx.ws).filter((s) => s.dataset === ds && (!ctx.opts.segments || ctx.opts.segments.includes(s.name)));
  const out: Target[] = segs.map((s) => ({ label: msg('report.responsible.targetSegment', { segment: s.name }), req: { dataset: ds, segment: s.name } }));
  const run = ctx.opts.run ?? listRuns(ctx.ws, ds)[0]?.run;
  if (run !== undefined && listRuns(ctx.ws, ds).some((r) => String(r.run) === String(run))) out.push({ label: msg('report.responsible.targetRun', { run: String(run) }), req: { dataset: ds, run: String(run) } });
  return out;
}

/** Selection rates per group of one sensitive attribute; a group's rate is hidden with its small count. */
function attributeTables(ctx: ReportContext, a: AuditReport, caption: string): string[] {
  return a.attributes.map((attr) =>
    table({
      caption: attr.flag ? msg('report.responsible.tableCaptionFlagged', { caption, attribute: attr.attribute }) : msg('report.responsible.tableCaption', { caption, attribute: attr.attribute }),
      head: [msg('report.responsible.group'), msg('report.responsible.customers'), msg('report.responsible.selected'), msg('report.responsible.selectionRate')],
      rows: attr.groups.map((g) => [g.value, fmtCount(g.base, ctx.s), fmtCount(g.selected, ctx.s), isSuppressed(g.selected, ctx.s) ? '–' : fmtStat(g.rate === null ? null : 100 * g.rate, g.base, ctx.s, 1, '%')]),
      numeric: [1, 2, 3],
      note: `${attr.ratio === null ? msg('report.responsible.noRatio') : msg('report.responsible.ratio', { ratio: formatRatio(attr.ratio), difference: fmtNumber(100 * (attr.difference ?? 0), 1) })} ${attr.explanation}`,
    }),
  );
}

export const responsibleSection: SectionBuilder = {
  id: 'responsible',
  get title() {
    return msg('report.responsible.title');
  },
  unavailable: () => null,
  render(ctx) {
    const ds = ctx.dataset.name;
    const out: string[] = [h(2, this.title)];
    const sensitive = ctx.dataset.columns.filter((c) => c.sensitive);
    out.push(
      dl([
        [msg('report.responsible.sensitive'), sensitive.length ? sensitive.map((c) => `${c.name}${c.sensitiveCategory ? ` (${c.sensitiveCategory})` : ''}`).join(', ') : msg('report.responsible.noneMarked')],
        [msg('report.responsible.piiColumns'), ctx.dataset.columns.filter((c) => c.pii).map((c) => c.name).join(', ') || msg('report.responsible.noneMarked')],
      ]),
    );

    out.push(h(3, msg('report.responsible.consent')));
    const m = getMirror(ctx.ws, ds);
    const consent = consentFilter(ctx.ws.db, ds, { asOf: consentDay(), columnar: { mirror: m, idsUnique: customerKeys(ctx.ws, m).unique } });
    if (consent.columns.length === 0) out.push(para(msg('report.responsible.noConsent'), 'note'));
    else {
      out.push(
        table({
          head: [msg('report.responsible.customers'), msg('report.responsible.count')],
          rows: [
            [msg('report.responsible.withConsent'), fmtCount(consent.consenting, ctx.s)],
            [msg('report.responsible.refused'), fmtCount(consent.excluded - consent.unknown, ctx.s)],
            [msg('report.responsible.notRecorded'), fmtCount(consent.unknown, ctx.s)],
          ],
          numeric: [1],
          note: msg('report.responsible.consentNote', { columns: consent.columns.join(', ') }),
        }),
      );
    }

    const ts = targets(ctx);
    const justified = listSegments(ctx.ws).filter((s) => s.dataset === ds && s.justification && (!ctx.opts.segments || ctx.opts.segments.includes(s.name)));
    if (justified.length) {
      out.push(h(3, msg('report.responsible.justifications')));
      out.push(table({ head: [msg('report.segments.segment'), msg('report.responsible.sensitive'), msg('report.segments.justification')], rows: justified.map((s) => [s.name, s.sensitiveFields.join(', ') || '–', s.justification ?? '']) }));
    }

    if (sensitive.length === 0) out.push(para(msg('report.responsible.noSensitive'), 'note'));
    else if (ts.length === 0) out.push(para(msg('report.responsible.nothingToAudit'), 'note'));
    for (const t of ts) {
      const a = auditReport(ctx.ws, t.req);
      out.push(h(3, msg('report.responsible.audit', { target: t.label })));
      out.push(para(msg('report.responsible.selectedOf', { selected: fmtCount(a.selected, ctx.s), base: fmtCount(a.base, ctx.s), date: reportDate(a.asOf) })));
      if (a.clusters) {
        for (const c of a.clusters) {
          if (isSuppressed(c.selected, ctx.s)) {
            out.push(para(msg('report.responsible.clusterTooSmall', { cluster: c.cluster, min: ctx.s.min }), 'note'));
            continue;
          }
          out.push(...attributeTables(ctx, { ...a, attributes: c.attributes }, msg('report.responsible.cluster', { cluster: c.cluster })));
        }
      } else out.push(...attributeTables(ctx, a, msg('report.responsible.selectionBy')));
      const proxies = a.proxies.filter((p) => p.flag);
      if (proxies.length) {
        out.push(
          table({
            caption: msg('report.responsible.proxies'),
            head: [msg('report.segments.column'), msg('report.responsible.associatedWith'), msg('report.responsible.strength'), msg('report.responsible.usedHere')],
            rows: proxies.map((p) => [p.column, p.attribute, `${fmtNumber(p.value, 2)} (${p.measure === 'eta' ? 'η' : msg('report.format.cramersV')})`, p.used ? msg('report.common.yes') : msg('report.common.no')]),
            numeric: [2],
          }),
        );
      }
      for (const n of a.notes) out.push(para(n, 'note'));
    }

    // Saving a report is itself audited; leaving those entries out keeps a re-saved report identical.
    const log = ctx.ws.db
      .prepare("SELECT action, count(*) AS n FROM audit_log WHERE (dataset = ? OR dataset IS NULL) AND action <> 'report' GROUP BY action ORDER BY action")
      .all(ds) as { action: string; n: number }[];
    if (log.length) {
      out.push(h(3, msg('report.responsible.auditLog')));
      out.push(
        table({
          head: [msg('report.responsible.action'), msg('report.responsible.entries')],
          // The action's name is the audit log's own identifier ("consent_override"), shown as it is recorded.
          rows: log.map((l) => [l.action.replace(/_/g, ' '), rfmt().count(l.n)]),
          numeric: [1],
          note: msg('report.responsible.auditNote'),
        }),
      );
    }
    ctx.methods.push({
      section: msg('report.responsible.title'),
      items: [
        [msg('report.responsible.fairnessMeasure'), msg('report.responsible.fairnessMeasureText')],
        [msg('report.responsible.proxiesTerm'), msg('report.responsible.proxiesText')],
        [msg('report.responsible.consentTerm'), msg('report.responsible.consentText')],
      ],
    });
    return out.join('\n');
  },
};
