import { describePolicyReport } from '../../../../shared/contract/orders';
import { storedRfm } from '../../rfm/compute';
import { countBars } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtShare } from '../suppress';

type Ctx = Pick<ReportContext, 'ws' | 'dataset'>;

/** Transactions datasets of these customers (or the dataset itself) that have RFM scores. */
function rfmDatasets(ctx: Ctx): string[] {
  const linked = ctx.ws.db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND (linked_to = ? OR name = ?) ORDER BY name").pluck().all(ctx.dataset.name, ctx.dataset.name) as string[];
  return linked.filter((t) => storedRfm(ctx.ws, t) !== null);
}

/**
 * RFM scores in the report. The as-of date leads: a reader must know that "recency" counts back from
 * the data's last order (or a chosen day), not from the day the report was printed.
 */
export const rfmSection: SectionBuilder = {
  id: 'rfm',
  title: 'Customer value (RFM)',
  unavailable(ctx) {
    return rfmDatasets(ctx).length ? null : `no RFM scores were computed for the orders of "${ctx.dataset.name}"`;
  },
  render(ctx) {
    const out: string[] = [h(2, this.title)];
    for (const t of rfmDatasets(ctx)) {
      const r = storedRfm(ctx.ws, t)!;
      if (rfmDatasets(ctx).length > 1) out.push(h(3, t));
      out.push(
        dl([
          ['As of', `${r.asOf}${r.asOfSource ? ` (${r.asOfSource})` : ''}`],
          ['Customers scored', fmtCount(r.customers, ctx.s)],
          ['Orders from', r.dataStart && r.dataEnd ? `${r.dataStart} to ${r.dataEnd}` : '–'],
        ]),
      );
      for (const w of r.warnings ?? []) out.push(para(w, 'note'));
      const segs = r.segments.filter((s) => s.count > 0).sort((a, b) => b.count - a.count);
      if (r.unassigned) segs.push({ name: 'No segment', count: r.unassigned });
      out.push(table({ caption: 'Customers per RFM segment', head: ['Segment', 'Customers', 'Share'], rows: segs.map((s) => [s.name, fmtCount(s.count, ctx.s), fmtShare(s.count, r.customers, ctx.s)]), numeric: [1, 2] }));
      if (segs.length) out.push(figure(countBars(segs.map((s) => ({ label: s.name, count: s.count })), ctx.s, { horizontal: true, index: ctx.nextChart() }), `Customers per RFM segment (${t}).`));
      ctx.methods.push({
        section: `RFM (${t})`,
        items: [
          ['As-of date', `${r.asOf}${r.asOfSource ? `, ${r.asOfSource}` : ''}; orders after it are ignored and customers with no purchase up to it are not scored`],
          ['Scores', 'recency = days from the last purchase to the as-of date; frequency = distinct orders; monetary = total spend; each scored 1–5 by quintiles of the scored customers (5 = most recent, most frequent, highest spend)'],
          ['Columns', `customer ${r.columns.customer}, date ${r.columns.date}, ${r.columns.amount ? `amount ${r.columns.amount}` : `amount = ${r.columns.quantity} × ${r.columns.price}`}, order ${r.columns.order ?? 'one per row'}`],
          ...(r.returns ? [['Returns and cancellations', describePolicyReport(r.returns)] as [string, string]] : []),
          ...(r.excludedRows ? [['Left out', `${r.excludedRows.toLocaleString('en-US')} rows without a customer ID`] as [string, string]] : []),
        ],
      });
    }
    return out.join('\n');
  },
};
