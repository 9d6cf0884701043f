import type { AuditReport } from '../../../../shared/contract/ns/fairness';
import { formatRatio } from '../../../../shared/fairness/ratio';
import { auditReport } from '../../fairness/report';
import { consentDay, consentFilter } from '../../consent/consent';
import { listSegments } from '../../segments/store';
import { listRuns } from '../../cluster/store';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, h, para, table } from '../html';
import { fmtCount, fmtStat, isSuppressed } from '../suppress';

interface Target {
  label: string;
  req: { dataset: string; segment?: string; run?: string };
}

function targets(ctx: Pick<ReportContext, 'ws' | 'dataset' | 'opts'>): Target[] {
  const ds = ctx.dataset.name;
  const segs = listSegments(ctx.ws).filter((s) => s.dataset === ds && (!ctx.opts.segments || ctx.opts.segments.includes(s.name)));
  const out: Target[] = segs.map((s) => ({ label: `segment "${s.name}"`, req: { dataset: ds, segment: s.name } }));
  const run = ctx.opts.run ?? listRuns(ctx.ws, ds)[0]?.run;
  if (run !== undefined && listRuns(ctx.ws, ds).some((r) => String(r.run) === String(run))) out.push({ label: `clustering run ${run}`, req: { dataset: ds, run: String(run) } });
  return out;
}

/** Selection rates per group of one sensitive attribute; a group's rate is hidden with its small count. */
function attributeTables(ctx: ReportContext, a: AuditReport, caption: string): string[] {
  return a.attributes.map((attr) =>
    table({
      caption: `${caption}: ${attr.attribute}${attr.flag ? ' — below the four-fifths ratio' : ''}`,
      head: ['Group', 'Customers', 'Selected', 'Selection rate'],
      rows: attr.groups.map((g) => [g.value, fmtCount(g.base, ctx.s), fmtCount(g.selected, ctx.s), isSuppressed(g.selected, ctx.s) ? '–' : fmtStat(g.rate === null ? null : 100 * g.rate, g.base, ctx.s, 1, '%')]),
      numeric: [1, 2, 3],
      note: `${attr.ratio === null ? 'Ratio not computed (fewer than two groups of 30 or more).' : `Lowest / highest rate: ${formatRatio(attr.ratio)}; difference ${(100 * (attr.difference ?? 0)).toFixed(1)} percentage points.`} ${attr.explanation}`,
    }),
  );
}

export const responsibleSection: SectionBuilder = {
  id: 'responsible',
  title: 'Responsible use',
  unavailable: () => null,
  render(ctx) {
    const ds = ctx.dataset.name;
    const out: string[] = [h(2, this.title)];
    const sensitive = ctx.dataset.columns.filter((c) => c.sensitive);
    out.push(
      dl([
        ['Sensitive attributes', sensitive.length ? sensitive.map((c) => `${c.name}${c.sensitiveCategory ? ` (${c.sensitiveCategory})` : ''}`).join(', ') : 'none marked'],
        ['PII columns', ctx.dataset.columns.filter((c) => c.pii).map((c) => c.name).join(', ') || 'none marked'],
      ]),
    );

    out.push(h(3, 'Marketing consent'));
    const consent = consentFilter(ctx.ws.db, ds, { asOf: consentDay() });
    if (consent.columns.length === 0) out.push(para('The dataset records no marketing consent, so exports cannot filter on it.', 'note'));
    else {
      out.push(
        table({
          head: ['Customers', 'Count'],
          rows: [
            ['with consent', fmtCount(consent.consenting, ctx.s)],
            ['without consent (refused)', fmtCount(consent.excluded - consent.unknown, ctx.s)],
            ['without consent (not recorded)', fmtCount(consent.unknown, ctx.s)],
          ],
          numeric: [1],
          note: `Consent read from ${consent.columns.join(', ')}. Exports leave out customers without consent unless the user overrides it, which the audit log records.`,
        }),
      );
    }

    const ts = targets(ctx);
    const justified = listSegments(ctx.ws).filter((s) => s.dataset === ds && s.justification && (!ctx.opts.segments || ctx.opts.segments.includes(s.name)));
    if (justified.length) {
      out.push(h(3, 'Justifications for using sensitive attributes'));
      out.push(table({ head: ['Segment', 'Sensitive attributes', 'Justification'], rows: justified.map((s) => [s.name, s.sensitiveFields.join(', ') || '–', s.justification ?? '']) }));
    }

    if (sensitive.length === 0) out.push(para('No column is marked sensitive, so no fairness audit can be made. SegmentDesk never infers attributes the data does not contain.', 'note'));
    else if (ts.length === 0) out.push(para('There is no saved segment or clustering run to audit yet.', 'note'));
    for (const t of ts) {
      const a = auditReport(ctx.ws, t.req);
      out.push(h(3, `Fairness audit: ${t.label}`));
      out.push(para(`${fmtCount(a.selected, ctx.s)} of ${fmtCount(a.base, ctx.s)} customers selected (as of ${a.asOf}).`));
      if (a.clusters) {
        for (const c of a.clusters) {
          if (isSuppressed(c.selected, ctx.s)) {
            out.push(para(`Cluster ${c.cluster}: fewer than ${ctx.s.min} customers, not broken down.`, 'note'));
            continue;
          }
          out.push(...attributeTables(ctx, { ...a, attributes: c.attributes }, `Cluster ${c.cluster}`));
        }
      } else out.push(...attributeTables(ctx, a, 'Selection by'));
      const proxies = a.proxies.filter((p) => p.flag);
      if (proxies.length) {
        out.push(table({ caption: 'Possible proxies for sensitive attributes', head: ['Column', 'Associated with', 'Strength', 'Used here'], rows: proxies.map((p) => [p.column, p.attribute, `${p.value.toFixed(2)} (${p.measure === 'eta' ? 'η' : "Cramér's V"})`, p.used ? 'yes' : 'no']), numeric: [2] }));
      }
      for (const n of a.notes) out.push(para(n, 'note'));
    }

    // Saving a report is itself audited; leaving those entries out keeps a re-saved report identical.
    const log = ctx.ws.db
      .prepare("SELECT action, count(*) AS n FROM audit_log WHERE (dataset = ? OR dataset IS NULL) AND action <> 'report' GROUP BY action ORDER BY action")
      .all(ds) as { action: string; n: number }[];
    if (log.length) {
      out.push(h(3, 'Audit log'));
      out.push(table({ head: ['Recorded action', 'Entries'], rows: log.map((l) => [l.action.replace(/_/g, ' '), String(l.n)]), numeric: [1], note: 'Counts of audit-log entries (exports, consent overrides, erasures, justifications…) for this dataset and the workspace; saved reports are not counted.' }));
    }
    ctx.methods.push({
      section: 'Responsible use',
      items: [
        ['Fairness measure', 'selection rate per group of each sensitive attribute; groups under 30 customers are shown but not used as evidence; a lowest/highest ratio under 0.8 is flagged (four-fifths rule); "(missing)" is shown but never the reference (highest) rate unless asked; each group against the reference group by a two-proportion z-test, or Fisher\'s exact test where an expected count is under 5, p-values Holm-adjusted; all groups at once by Pearson\'s chi-square test without continuity correction, or an exact / seeded Monte-Carlo p-value where an expected count is under 5'],
        ['Proxies', "bias-corrected Cramér's V (categories) or η (numbers) between each column and each sensitive attribute; 0.3 or more is flagged"],
        ['Consent', 'a customer counts as consenting when every consent column says so on the as-of date; missing consent counts as no consent'],
      ],
    });
    return out.join('\n');
  },
};
