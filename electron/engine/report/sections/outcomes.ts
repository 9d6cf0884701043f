import type { ColumnInfo } from '../../../../shared/types/columns';
import { getMirror } from '../../mirror';
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
import { fmtNumber, fmtPercent } from '../format';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtStat, isSuppressed } from '../suppress';

type Ctx = Pick<ReportContext, 'ws' | 'dataset' | 'opts'>;

const OUTCOME_NAME = /^(response|responded|outcome|converted|conversion|y|churn|churned|purchased|subscribed)$/i;

/**
 * The campaign outcome to report: the column the user named, else a two-valued column with a
 * recognisable positive value (yes/true/1…) that is not consent, PII or a sensitive attribute.
 */
export function outcomeColumn(ctx: Ctx): { column: string; positive: string } | null {
  const info = new Map<string, ColumnInfo>(ctx.dataset.columns.map((c) => [c.name, c]));
  const m = getMirror(ctx.ws, ctx.dataset.name);
  // A column named like an outcome wins over any other two-valued column; then alphabetical, for a stable choice.
  const rank = (name: string) => (ctx.opts.outcome === name ? 0 : OUTCOME_NAME.test(name) ? 1 : 2);
  const candidates = [...m.columns.values()].filter((c) => !ctx.opts.outcome || c.name === ctx.opts.outcome);
  for (const c of candidates.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))) {
    const col = info.get(c.name);
    if (!col || col.pii || col.role === 'consent' || col.role === 'id' || (col.sensitive && ctx.opts.outcome !== c.name)) continue;
    const values = outcomeValues(c);
    const positive = values && values.length === 2 ? suggestPositive(values) : null;
    if (positive !== null) return { column: c.name, positive };
  }
  return null;
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
  if ('segments' in g) return `segment (${g.segments.join(', ')})`;
  if ('run' in g) return `cluster (run ${g.run})`;
  return `RFM segment (${g.rfm})`;
}

/** One response comparison: the overall rate, a table per group and a bar chart of responders. */
function responseBlock(ctx: ReportContext, r: ResponseResult, title: string): string[] {
  const out: string[] = [h(3, title)];
  out.push(para(`Outcome: ${r.outcome} = ${r.positive}. Overall rate ${fmtStat(100 * r.base.rate, r.base.n, ctx.s, 1, '%')} of ${fmtCount(r.base.n, ctx.s)} rows with a known outcome.`));
  const groups = [...r.groups].sort((a, b) => a.group.localeCompare(b.group));
  out.push(
    table({
      head: ['Group', 'Customers', 'Responded', 'Rate', '95% interval', 'Lift', 'Adjusted p'],
      rows: groups.map((x) => {
        const hide = isSuppressed(x.n, ctx.s) || isSuppressed(x.positives, ctx.s);
        return [
          x.group,
          fmtCount(x.n, ctx.s),
          fmtCount(x.positives, ctx.s),
          hide ? '–' : fmtPercent(x.rate),
          hide ? '–' : `${(100 * x.ciLow).toFixed(1)}–${(100 * x.ciHigh).toFixed(1)}%`,
          hide || x.lift === null ? '–' : x.lift.toFixed(2),
          hide ? '–' : x.pAdjusted < 0.001 ? '< 0.001' : x.pAdjusted.toFixed(3),
        ];
      }),
      numeric: [1, 2, 3, 4, 5, 6],
      note: r.note ?? undefined,
    }),
  );
  out.push(figure(countBars(groups.map((x) => ({ label: x.group, count: x.positives })), ctx.s, { horizontal: true, index: ctx.nextChart() }), `Rows with ${r.outcome} = ${r.positive} per group (the analysis counts rows of the outcome data).`));
  for (const w of r.warnings) out.push(para(w, 'note'));
  return out;
}

export const outcomesSection: SectionBuilder = {
  id: 'outcomes',
  title: 'Outcomes',
  unavailable(ctx) {
    const response = outcomeColumn(ctx) !== null && grouping(ctx) !== null;
    if (response || clvDatasets(ctx).length || addedComparisons(ctx).length) return null;
    return `dataset "${ctx.dataset.name}" has no campaign outcome column with segments or clusters to compare, and no customer-lifetime-value model`;
  },
  render(ctx) {
    const out: string[] = [h(2, this.title)];
    const oc = outcomeColumn(ctx);
    const g = grouping(ctx);
    let responseMethod: ResponseResult | null = null;
    if (oc && g) {
      const r = responseAnalysis(ctx.ws, { dataset: ctx.dataset.name, outcome: oc.column, positive: oc.positive, grouping: g });
      out.push(...responseBlock(ctx, r, `Response by ${'segments' in g ? 'segment' : 'cluster'}`));
      responseMethod = r;
    }
    // The comparisons the user added from Outcomes → Response, in the order they were added.
    for (const c of addedComparisons(ctx)) {
      let r: ResponseResult;
      try {
        r = responseAnalysis(ctx.ws, c);
      } catch (e) {
        // A comparison whose column or segment is gone since it was added is said, not silently dropped.
        out.push(h(3, `Response by ${groupingLabel(c.grouping)}`), para(`This comparison can no longer be computed: ${e instanceof Error ? e.message : String(e)}`, 'note'));
        continue;
      }
      out.push(...responseBlock(ctx, r, `Response by ${groupingLabel(c.grouping)} (added from Outcomes)`));
      responseMethod ??= r;
    }
    if (responseMethod) {
      const r = responseMethod;
      ctx.methods.push({
        section: 'Outcomes',
        items: [
          ['Response', `column ${r.outcome}, positive value "${r.positive}"; rates with 95% Wilson intervals; each group against everyone else by a two-proportion z-test, or Fisher's exact test where an expected count is under 5; p-values Holm-adjusted; all groups at once (column values, clusters, RFM segments) by Pearson's chi-square test without continuity correction, or an exact / seeded Monte-Carlo p-value where an expected count is under 5${r.overall ? ` (here: ${r.overall.name})` : ''}`],
        ],
      });
    }
    for (const t of clvDatasets(ctx)) {
      const res = loadClvResult(ctx.ws, t)!;
      const charts = clvCharts(ctx.ws, t);
      out.push(h(3, `Customer lifetime value (${t})`));
      out.push(
        dl([
          ['Customers modelled', fmtCount(res.customers, ctx.s)],
          ['Horizon', `${res.horizon} ${res.period}`],
          ['Discount rate', `${(100 * res.discount).toFixed(1)}% per ${res.period.replace(/s$/, '')}`],
          ['Likely churned', fmtCount(charts.likelyChurned, ctx.s)],
          ['Top 20% threshold', charts.clvTop20Threshold === null ? '–' : fmtNumber(charts.clvTop20Threshold)],
        ]),
      );
      const e = charts.clvHistogram.edges;
      const bars = charts.clvHistogram.counts.map((n, i) => ({ label: `${fmtNumber(e[i], 0)}–${e[i + 1] === undefined ? '' : fmtNumber(e[i + 1], 0)}`, count: n }));
      if (bars.length) out.push(figure(countBars(bars, ctx.s, { index: ctx.nextChart() }), 'Customers by predicted lifetime value.'));
      for (const w of res.warnings) out.push(para(w, 'note'));
      ctx.methods.push({
        section: `Lifetime value (${t})`,
        items: [
          ['Model', `BG/NBD purchases${res.gammaGamma ? ' with Gamma-Gamma spend' : ''}, as of ${res.asOf}${res.asOfSource ? ` (${res.asOfSource})` : ''}`],
          ...(res.returns ? [['Returns and cancellations', describePolicyReport(res.returns)] as [string, string]] : []),
        ],
      });
    }
    return out.join('\n');
  },
};
