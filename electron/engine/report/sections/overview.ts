import type { ColumnInfo } from '../../../../shared/types/columns';
import { quoteIdent } from '../../db/open';
import { versionTable } from '../../workspace/catalog';
import { countBars, type Bar } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtShare } from '../suppress';
import { fmtNumber, rfmt, reportDate } from '../format';
import { msg } from '../../../../shared/i18n/current';

const MAX_CATEGORY_CHARTS = 4;
const MAX_NUMBER_CHARTS = 3;
const TOP_VALUES = 8;
/** Whole-number columns with at most this many distinct values (counts of children, 0/1 flags) get one bar per value. */
export const MAX_VALUE_BARS = 12;

/** Columns whose values may be shown in aggregate: never PII, IDs or contact details; sensitive ones belong to responsible use. */
export function showableColumns(cols: readonly ColumnInfo[]): ColumnInfo[] {
  return cols.filter((c) => !c.pii && !c.sensitive && c.role !== 'id' && c.role !== 'contact');
}

function categoryBars(ctx: ReportContext, table: string, col: ColumnInfo): Bar[] {
  if (col.type === 'boolean') return booleanBars(ctx, table, col);
  const rows = ctx.ws.db
    .prepare(`SELECT CAST(${quoteIdent(col.name)} AS TEXT) AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE ${quoteIdent(col.name)} IS NOT NULL GROUP BY v ORDER BY n DESC, v`)
    .all() as { v: string; n: number }[];
  const top = rows.slice(0, TOP_VALUES).map((r) => ({ label: r.v, count: r.n }));
  const rest = rows.slice(TOP_VALUES).reduce((a, r) => a + r.n, 0);
  if (rest > 0) top.push({ label: msg('report.overview.otherValues', { count: rows.length - TOP_VALUES }), count: rest });
  return top;
}

/** Yes/no columns: "no" then "yes", whatever is more frequent, so every such chart reads the same way. */
function booleanBars(ctx: ReportContext, table: string, col: ColumnInfo): Bar[] {
  const q = quoteIdent(col.name);
  const rows = ctx.ws.db.prepare(`SELECT ${q} AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE ${q} IS NOT NULL GROUP BY v ORDER BY v`).all() as { v: number | string; n: number }[];
  const label = (v: number | string) => (v === 1 || v === '1' || v === 'true' ? msg('report.common.yes') : v === 0 || v === '0' || v === 'false' ? msg('report.common.no') : String(v));
  return rows.map((r) => ({ label: label(r.v), count: r.n }));
}

/**
 * One bar per value for a whole-number column with few distinct values (Kidhome 0/1/2, a 0/1 response), in value
 * order; null when the column has fractions or more than MAX_VALUE_BARS values (then it gets a histogram).
 */
export function valueBars(ctx: Pick<ReportContext, 'ws'>, table: string, col: ColumnInfo): Bar[] | null {
  const q = quoteIdent(col.name);
  const rows = ctx.ws.db
    .prepare(`SELECT ${q} AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE typeof(${q}) IN ('integer','real') GROUP BY v ORDER BY v LIMIT ${MAX_VALUE_BARS + 1}`)
    .all() as { v: number; n: number }[];
  if (!rows.length || rows.length > MAX_VALUE_BARS || rows.some((r) => !Number.isInteger(r.v))) return null;
  return rows.map((r) => ({ label: rfmt().count(r.v), count: r.n }));
}

function histogramBars(ctx: ReportContext, table: string, col: ColumnInfo): Bar[] {
  const q = quoteIdent(col.name);
  const mm = ctx.ws.db.prepare(`SELECT min(${q}) AS lo, max(${q}) AS hi FROM ${quoteIdent(table)} WHERE typeof(${q}) IN ('integer','real')`).get() as { lo: number | null; hi: number | null };
  if (mm.lo === null || mm.hi === null) return [];
  const bins = 10;
  const width = mm.hi > mm.lo ? (mm.hi - mm.lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of ctx.ws.db.prepare(`SELECT ${q} FROM ${quoteIdent(table)} WHERE typeof(${q}) IN ('integer','real')`).pluck().iterate() as Iterable<number>) {
    counts[Math.min(bins - 1, Math.floor((v - mm.lo) / width))]++;
  }
  const fmt = (x: number) => (Math.abs(x) >= 100 ? rfmt().count(x) : fmtNumber(x, 1));
  return counts.map((n, i) => ({ label: `${fmt(mm.lo! + i * width)}–${fmt(mm.lo! + (i + 1) * width)}`, count: n }));
}

function distinctCount(ctx: ReportContext, table: string, col: string): number {
  return ctx.ws.db.prepare(`SELECT count(DISTINCT ${quoteIdent(col)}) FROM ${quoteIdent(table)}`).pluck().get() as number;
}

export const overviewSection: SectionBuilder = {
  id: 'overview',
  get title() {
    return msg('report.overview.title');
  },
  unavailable: (ctx) => (ctx.dataset.rows === 0 ? msg('report.overview.noRows', { dataset: ctx.dataset.name }) : null),
  render(ctx) {
    const d = ctx.dataset;
    const db = ctx.ws.db;
    const t = versionTable(db, d.name);
    const out: string[] = [h(2, this.title)];
    // Customers are distinct IDs (as segment sizes count them); rows are said too when they differ.
    const customers = d.idColumn ? (db.prepare(`SELECT count(DISTINCT CAST(${quoteIdent(d.idColumn)} AS TEXT)) FROM ${quoteIdent(t)}`).pluck().get() as number) : d.rows;
    out.push(
      dl([
        [msg('report.overview.dataset'), d.name],
        [msg('report.overview.customers'), customers === d.rows ? fmtCount(d.rows, ctx.s) : msg('report.overview.customersOnRows', { customers: fmtCount(customers, ctx.s), rows: fmtCount(d.rows, ctx.s) })],
        [msg('report.overview.columns'), rfmt().count(d.columns.length)],
        [msg('report.overview.version'), msg('report.overview.versionOf', { version: d.version, versions: d.versions })],
        [msg('report.overview.imported'), reportDate(d.importedAt.slice(0, 10))],
      ]),
    );
    out.push(
      table({
        caption: msg('report.overview.columns'),
        head: [msg('report.overview.column'), msg('report.overview.type'), msg('report.overview.role'), msg('report.overview.flags'), msg('report.overview.missing'), msg('report.overview.missingShare')],
        rows: d.columns.map((c) => [
          c.name,
          c.type,
          c.role,
          [c.pii ? msg('report.overview.pii') : '', c.sensitive ? (c.sensitiveCategory ? msg('report.overview.sensitiveWithCategory', { category: c.sensitiveCategory }) : msg('report.overview.sensitive')) : ''].filter(Boolean).join(', '),
          fmtCount(c.missing, ctx.s),
          fmtShare(c.missing, d.rows, ctx.s),
        ]),
        numeric: [4, 5],
        note: msg('report.overview.piiNote'),
      }),
    );

    out.push(h(3, msg('report.overview.dataQuality')));
    const errors = db.prepare('SELECT column_name AS c, count(*) AS n FROM cell_errors WHERE dataset = ? AND version = ? GROUP BY column_name ORDER BY column_name').all(d.name, d.version) as { c: string; n: number }[];
    const dupIds = d.idColumn
      ? (db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${quoteIdent(t)} WHERE ${quoteIdent(d.idColumn)} IS NOT NULL GROUP BY ${quoteIdent(d.idColumn)} HAVING count(*) > 1)`).pluck().get() as number)
      : null;
    out.push(
      table({
        head: [msg('report.overview.check'), msg('report.overview.result')],
        rows: [
          [msg('report.overview.cellErrors'), fmtCount(d.cellErrors, ctx.s)],
          ...errors.map((e) => [`  ${msg('report.overview.inColumn', { column: e.c })}`, fmtCount(e.n, ctx.s)] as [string, string]),
          [msg('report.overview.idColumn'), d.idColumn ?? msg('report.common.none')],
          ...(dupIds === null ? [] : [[msg('report.overview.duplicateIds'), fmtCount(dupIds, ctx.s)] as [string, string]]),
          [msg('report.overview.columnsWithMissing'), rfmt().count(d.columns.filter((c) => c.missing > 0).length)],
        ],
        numeric: [1],
      }),
    );
    const missing = d.columns.filter((c) => c.missing > 0).map((c) => ({ label: c.name, count: c.missing }));
    if (missing.length) out.push(figure(countBars(missing, ctx.s, { horizontal: true, index: ctx.nextChart() }), msg('report.overview.missingChart')));

    const showable = showableColumns(d.columns);
    const cats = showable.filter((c) => (c.type === 'category' || c.type === 'text' || c.type === 'boolean') && distinctCount(ctx, t, c.name) <= 50).slice(0, MAX_CATEGORY_CHARTS);
    const nums = showable.filter((c) => c.type === 'number' || c.type === 'integer').slice(0, MAX_NUMBER_CHARTS);
    if (cats.length || nums.length) out.push(h(3, msg('report.overview.distributions')));
    for (const c of cats) out.push(figure(countBars(categoryBars(ctx, t, c), ctx.s, { horizontal: true, title: c.name, index: ctx.nextChart() }), msg('report.overview.customersBy', { column: c.name })));
    for (const c of nums) {
      const perValue = valueBars(ctx, t, c);
      if (perValue) {
        out.push(figure(countBars(perValue, ctx.s, { title: c.name, index: ctx.nextChart() }), msg('report.overview.customersByValue', { column: c.name })));
        continue;
      }
      const bars = histogramBars(ctx, t, c);
      if (bars.length) out.push(figure(countBars(bars, ctx.s, { title: c.name, index: ctx.nextChart() }), msg('report.overview.distributionOf', { column: c.name })));
    }
    if (!cats.length && !nums.length) out.push(para(msg('report.overview.nothingShowable'), 'note'));
    ctx.methods.push({
      section: msg('report.overview.methodsSection'),
      items: [
        [`${d.name}`, msg('report.overview.methodsData', { version: d.version, date: reportDate(d.importedAt.slice(0, 10)), file: baseName(d.sourceFile), rows: d.rows })],
        [msg('report.overview.distributions'), msg('report.overview.methodsDistributions', { categorical: MAX_CATEGORY_CHARTS, top: TOP_VALUES, numeric: MAX_NUMBER_CHARTS, values: MAX_VALUE_BARS })],
      ],
    });
    return out.join('\n');
  },
};

function baseName(p: string): string {
  return p.replace(/\\/g, '/').split('/').pop() ?? p;
}
