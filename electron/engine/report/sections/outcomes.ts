import { getMirror, type MirrorColumn } from '../../mirror';
import { quoteIdent } from '../../db/open';
import { versionTable } from '../../workspace/catalog';
import { outcomeValues, suggestPositive } from '../../outcomes/outcome-units';
import { responseAnalysis } from '../../outcomes/response';
import { clvCharts, loadClvResult } from '../../outcomes/clv-store';
import { describePolicyReport } from '../../../../shared/contract/orders';
import { listSegments } from '../../segments/store';
import { listRuns } from '../../cluster/store';
import { countBars } from '../charts';
import { listComparisons, type Comparison } from '../comparisons';
import type { ResponseResult } from '../../../../shared/contract/ns/outcomes';
import type { ReportContext, SectionBuilder } from '../context';
import { fmtNumber, fmtPercent, reportDate, rfmt } from '../format';
import { msg } from '../../../../shared/i18n/current';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtStat, isSuppressed } from '../suppress';

type Ctx = Pick<ReportContext, 'ws' | 'dataset' | 'opts'>;

const OUTCOME_NAME = /^(response|responded|outcome|converted|conversion|y|churn|churned|purchased|subscribed)$/i;

/**
 * The campaign outcome to report: the column the user named, else a two-valued column with a
 * recognisable positive value (yes/true/1…) that is not consent, PII or a sensitive attribute.
 */
export function outcomeColumn(ctx: Ctx): { column: string; positive: string } | null {
  const m = getMirror(ctx.ws, ctx.dataset.name);
  const present = new Set(m.columns.keys());
  // A column named like an outcome wins over any other two-valued column; then alphabetical, for a stable choice.
  const rank = (name: string) => (ctx.opts.outcome === name ? 0 : OUTCOME_NAME.test(name) ? 1 : 2);
  // Judged on the catalogue first, so no column that cannot be an outcome is read (free text, e-mails: a dictionary of
  // a million values each, 3.5 s of a report at 1M customers before).
  const candidates = ctx.dataset.columns.filter(
    (col) =>
      present.has(col.name) &&
      (!ctx.opts.outcome || col.name === ctx.opts.outcome) &&
      !(col.pii || col.role === 'consent' || col.role === 'id' || (col.sensitive && ctx.opts.outcome !== col.name)) &&
      col.type !== 'date' &&
      col.type !== 'datetime' &&
      (col.type !== 'text' || atMostTwoValues(ctx, col.name)),
  );
  for (const col of candidates.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))) {
    const values = outcomeValues(m.columns.get(col.name) as MirrorColumn);
    const positive = values && values.length === 2 ? suggestPositive(values) : null;
    if (positive !== null) return { column: col.name, positive };
  }
  return null;
}

/** A free-text column with no more than two values (the scan stops at the third distinct value). */
function atMostTwoValues(ctx: Ctx, column: string): boolean {
  const q = quoteIdent(column);
  const n = ctx.ws.db.prepare(`SELECT count(*) FROM (SELECT DISTINCT ${q} FROM ${quoteIdent(versionTable(ctx.ws.db, ctx.dataset.name))} WHERE ${q} IS NOT NULL LIMIT 3)`).pluck().get() as number;
  return n <= 2;
}

function grouping(ctx: Ctx): { segments: string[] } | { run: string } | null {
  const segs = listSegments(ctx.ws).filter((s) => s.dataset === ctx.dataset.name && (!ctx.opts.segments || ctx.opts.segments.includes(s.name)));
  if (segs.length) return { segments: segs.map((s) => s.name) };
  const run = ctx.opts.run ?? listRuns(ctx.ws, ctx.dataset.name)[0]?.run;
  return run === undefined ? null : { run: String(run) };
}

/** Transactions datasets of these customers that have a CLV model. */
function clvDatasets(ctx: Ctx): string[] {
  const linked = ctx.ws.db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND (linked_to = ? OR name = ?) ORDER BY name").pluck().all(ctx.dataset.name, ctx.dataset.name) as string[];
  return linked.filter((t) => loadClvResult(ctx.ws, t) !== null);
}

/** Comparisons added to the report about this dataset (or a responses file linked to it). */
function addedComparisons(ctx: Ctx): Comparison[] {
  const linked = new Set([ctx.dataset.name, ...(ctx.ws.db.prepare('SELECT name FROM datasets WHERE linked_to = ?').pluck().all(ctx.dataset.name) as string[])]);
  return listComparisons(ctx.ws).filter((c) => linked.has(c.dataset));
}

function groupingLabel(g: Comparison['grouping']): string {
  if ('by' in g) return g.by;
  if ('segments' in g) return msg('report.outcomes.bySegments', { segments: g.segments.join(', ') });
  if ('run' in g) return msg('report.outcomes.byRun', { run: g.run });
  return msg('report.outcomes.byRfm', { dataset: g.rfm });
}

/** One response comparison: the overall rate, a table per group and a bar chart of responders. */
function responseBlock(ctx: ReportContext, r: ResponseResult, title: string): string[] {
  const out: string[] = [h(3, title)];
  out.push(para(msg(r.unit === 'customers' ? 'report.outcomes.overallCustomers' : 'report.outcomes.overall', { outcome: r.outcome, positive: r.positive, rate: fmtStat(100 * r.base.rate, r.base.n, ctx.s, 1, '%'), rows: fmtCount(r.base.n, ctx.s) })));
  // Bands keep their order (lowest first); other groups read alphabetically.
  const groups = r.bands ? r.groups : [...r.groups].sort((a, b) => a.group.localeCompare(b.group));
  out.push(
    table({
      head: [msg('report.outcomes.group'), msg('report.outcomes.customers'), msg('report.outcomes.responded'), msg('report.outcomes.rate'), msg('report.outcomes.interval'), msg('report.outcomes.lift'), msg('report.outcomes.adjustedP')],
      rows: groups.map((x) => {
        const hide = isSuppressed(x.n, ctx.s) || isSuppressed(x.positives, ctx.s);
        return [
          x.group,
          fmtCount(x.n, ctx.s),
          fmtCount(x.positives, ctx.s),
          hide ? '–' : fmtPercent(x.rate),
          hide ? '–' : msg('report.outcomes.range', { low: fmtNumber(100 * x.ciLow, 1), high: rfmt().percent(x.ciHigh) }),
          hide || x.lift === null ? '–' : fmtNumber(x.lift, 2),
          hide ? '–' : x.pAdjusted < 0.001 ? `< ${fmtNumber(0.001, 3)}` : fmtNumber(x.pAdjusted, 3),
        ];
      }),
      numeric: [1, 2, 3, 4, 5, 6],
      note: r.note ?? undefined,
    }),
  );
  out.push(figure(countBars(groups.map((x) => ({ label: x.group, count: x.positives })), ctx.s, { horizontal: true, index: ctx.nextChart() }), msg(r.unit === 'customers' ? 'report.outcomes.chartCustomers' : 'report.outcomes.chart', { outcome: r.outcome, positive: r.positive })));
  for (const w of r.warnings) out.push(para(w, 'note'));
  return out;
}

export const outcomesSection: SectionBuilder = {
  id: 'outcomes',
  get title() {
    return msg('report.outcomes.title');
  },
  unavailable(ctx) {
    const response = outcomeColumn(ctx) !== null && grouping(ctx) !== null;
    if (response || clvDatasets(ctx).length || addedComparisons(ctx).length) return null;
    return msg('report.outcomes.unavailable', { dataset: ctx.dataset.name });
  },
  render(ctx) {
    const out: string[] = [h(2, this.title)];
    const oc = outcomeColumn(ctx);
    const g = grouping(ctx);
    let responseMethod: ResponseResult | null = null;
    if (oc && g) {
      const r = responseAnalysis(ctx.ws, { dataset: ctx.dataset.name, outcome: oc.column, positive: oc.positive, grouping: g });
      out.push(...responseBlock(ctx, r, 'segments' in g ? msg('report.outcomes.responseBySegment') : msg('report.outcomes.responseByCluster')));
      responseMethod = r;
    }
    // The comparisons the user added from Outcomes → Response, in the order they were added.
    for (const c of addedComparisons(ctx)) {
      let r: ResponseResult;
      try {
        r = responseAnalysis(ctx.ws, c);
      } catch (e) {
        // A comparison whose column or segment is gone since it was added is said, not silently dropped.
        out.push(h(3, msg('report.outcomes.responseBy', { grouping: groupingLabel(c.grouping) })), para(msg('report.outcomes.gone', { error: e instanceof Error ? e.message : String(e) }), 'note'));
        continue;
      }
      out.push(...responseBlock(ctx, r, msg('report.outcomes.responseByAdded', { grouping: groupingLabel(c.grouping) })));
      responseMethod ??= r;
    }
    if (responseMethod) {
      const r = responseMethod;
      ctx.methods.push({
        section: msg('report.outcomes.title'),
        items: [
          [
            msg('report.outcomes.response'),
            r.overall ? msg('report.outcomes.responseMethodHere', { outcome: r.outcome, positive: r.positive, test: r.overall.name }) : msg('report.outcomes.responseMethod', { outcome: r.outcome, positive: r.positive }),
          ],
        ],
      });
    }
    for (const t of clvDatasets(ctx)) {
      const res = loadClvResult(ctx.ws, t)!;
      const charts = clvCharts(ctx.ws, t);
      out.push(h(3, msg('report.outcomes.clvTitle', { dataset: t })));
      out.push(
        dl([
          [msg('report.outcomes.modelled'), fmtCount(res.customers, ctx.s)],
          [msg('report.outcomes.horizon'), msg('report.outcomes.horizonValue', { count: res.horizon, period: res.period })],
          [msg('report.outcomes.discount'), msg('report.outcomes.discountValue', { rate: rfmt().percent(res.discount), period: res.period })],
          [msg('report.outcomes.churned'), fmtCount(charts.likelyChurned, ctx.s)],
          [msg('report.outcomes.top20'), charts.clvTop20Threshold === null ? '–' : fmtNumber(charts.clvTop20Threshold)],
        ]),
      );
      const e = charts.clvHistogram.edges;
      const bars = charts.clvHistogram.counts.map((n, i) => ({ label: `${fmtNumber(e[i], 0)}–${e[i + 1] === undefined ? '' : fmtNumber(e[i + 1], 0)}`, count: n }));
      if (bars.length) out.push(figure(countBars(bars, ctx.s, { index: ctx.nextChart() }), msg('report.outcomes.clvChart')));
      for (const w of res.warnings) out.push(para(w, 'note'));
      ctx.methods.push({
        section: msg('report.outcomes.clvSection', { dataset: t }),
        items: [
          [
            msg('report.outcomes.model'),
            msg('report.outcomes.modelText', { gammaGamma: res.gammaGamma ? 'yes' : 'no', date: reportDate(res.asOf), hasSource: res.asOfSource ? 'yes' : 'no', source: res.asOfSource ?? '' }),
          ],
          ...(res.returns ? [[msg('report.rfm.returns'), describePolicyReport(res.returns)] as [string, string]] : []),
        ],
      });
    }
    return out.join('\n');
  },
};
