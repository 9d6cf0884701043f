import { describePolicyReport } from '../../../../shared/contract/orders';
import { storedRfm } from '../../rfm/compute';
import { countBars } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtShare } from '../suppress';
import { msg } from '../../../../shared/i18n/current';
import { reportDate } from '../format';

type Ctx = Pick<ReportContext, 'ws' | 'dataset'>;

/** Transactions datasets of these customers (or the dataset itself) that have RFM scores. */
function rfmDatasets(ctx: Ctx): string[] {
  const linked = ctx.ws.db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND (linked_to = ? OR name = ?) ORDER BY name").pluck().all(ctx.dataset.name, ctx.dataset.name) as string[];
  // Whether a run exists, not its scores: this is asked several times per report.
  return linked.filter((t) => ctx.ws.db.prepare('SELECT 1 FROM rfm_runs WHERE dataset = ?').get(t) !== undefined);
}

/**
 * RFM scores in the report. The as-of date leads: a reader must know that "recency" counts back from
 * the data's last order (or a chosen day), not from the day the report was printed.
 */
export const rfmSection: SectionBuilder = {
  id: 'rfm',
  get title() {
    return msg('report.rfm.title');
  },
  unavailable(ctx) {
    return rfmDatasets(ctx).length ? null : msg('report.rfm.unavailable', { dataset: ctx.dataset.name });
  },
  render(ctx) {
    const out: string[] = [h(2, this.title)];
    const datasets = rfmDatasets(ctx);
    for (const t of datasets) {
      const r = storedRfm(ctx.ws, t);
      if (!r) continue;
      if (datasets.length > 1) out.push(h(3, t));
      out.push(
        dl([
          [msg('report.rfm.asOf'), r.asOfSource ? msg('report.rfm.asOfWithSource', { date: reportDate(r.asOf), source: r.asOfSource }) : reportDate(r.asOf)],
          [msg('report.rfm.customersScored'), fmtCount(r.customers, ctx.s)],
          [msg('report.rfm.ordersFrom'), r.dataStart && r.dataEnd ? msg('report.rfm.fromTo', { start: reportDate(r.dataStart), end: reportDate(r.dataEnd) }) : '–'],
        ]),
      );
      for (const w of r.warnings ?? []) out.push(para(w, 'note'));
      const segs = r.segments.filter((s) => s.count > 0).sort((a, b) => b.count - a.count);
      if (r.unassigned) segs.push({ name: msg('report.rfm.noSegment'), count: r.unassigned });
      out.push(table({ caption: msg('report.rfm.perSegment'), head: [msg('report.rfm.segment'), msg('report.rfm.customers'), msg('report.rfm.share')], rows: segs.map((s) => [s.name, fmtCount(s.count, ctx.s), fmtShare(s.count, r.customers, ctx.s)]), numeric: [1, 2] }));
      if (segs.length) out.push(figure(countBars(segs.map((s) => ({ label: s.name, count: s.count })), ctx.s, { horizontal: true, index: ctx.nextChart() }), msg('report.rfm.perSegmentChart', { dataset: t })));
      ctx.methods.push({
        section: msg('report.rfm.methodsSection', { dataset: t }),
        items: [
          [msg('report.rfm.asOfDate'), r.asOfSource ? msg('report.rfm.asOfTextWithSource', { date: reportDate(r.asOf), source: r.asOfSource }) : msg('report.rfm.asOfText', { date: reportDate(r.asOf) })],
          [msg('report.rfm.scores'), msg('report.rfm.scoresText')],
          [
            msg('report.rfm.columns'),
            msg('report.rfm.columnsText', {
              customer: r.columns.customer,
              date: r.columns.date,
              amount: r.columns.amount ?? `= ${r.columns.quantity ?? ''} × ${r.columns.price ?? ''}`,
              order: r.columns.order ?? msg('report.rfm.onePerRow'),
            }),
          ],
          ...(r.returns ? [[msg('report.rfm.returns'), describePolicyReport(r.returns)] as [string, string]] : []),
          ...(r.excludedRows ? [[msg('report.rfm.leftOut'), msg('report.rfm.leftOutText', { count: r.excludedRows })] as [string, string]] : []),
        ],
      });
    }
    return out.join('\n');
  },
};
