import type { ColumnInfo } from '../../../../shared/types/columns';
import { quoteIdent } from '../../db/open';
import { versionTable } from '../../workspace/catalog';
import { countBars, type Bar } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtShare } from '../suppress';

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
  if (rest > 0) top.push({ label: `other (${rows.length - TOP_VALUES} values)`, count: rest });
  return top;
}

/** Yes/no columns: "no" then "yes", whatever is more frequent, so every such chart reads the same way. */
function booleanBars(ctx: ReportContext, table: string, col: ColumnInfo): Bar[] {
  const q = quoteIdent(col.name);
  const rows = ctx.ws.db.prepare(`SELECT ${q} AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE ${q} IS NOT NULL GROUP BY v ORDER BY v`).all() as { v: number | string; n: number }[];
  const label = (v: number | string) => (v === 1 || v === '1' || v === 'true' ? 'yes' : v === 0 || v === '0' || v === 'false' ? 'no' : String(v));
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
  return rows.map((r) => ({ label: r.v.toLocaleString('en-US'), count: r.n }));
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
  const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
  return counts.map((n, i) => ({ label: `${fmt(mm.lo! + i * width)}–${fmt(mm.lo! + (i + 1) * width)}`, count: n }));
}

function distinctCount(ctx: ReportContext, table: string, col: string): number {
  return ctx.ws.db.prepare(`SELECT count(DISTINCT ${quoteIdent(col)}) FROM ${quoteIdent(table)}`).pluck().get() as number;
}

export const overviewSection: SectionBuilder = {
  id: 'overview',
  title: 'Data overview and quality',
  unavailable: (ctx) => (ctx.dataset.rows === 0 ? `dataset "${ctx.dataset.name}" has no rows` : null),
  render(ctx) {
    const d = ctx.dataset;
    const db = ctx.ws.db;
    const t = versionTable(db, d.name);
    const out: string[] = [h(2, this.title)];
    // Customers are distinct IDs (as segment sizes count them); rows are said too when they differ.
    const customers = d.idColumn ? (db.prepare(`SELECT count(DISTINCT CAST(${quoteIdent(d.idColumn)} AS TEXT)) FROM ${quoteIdent(t)}`).pluck().get() as number) : d.rows;
    out.push(
      dl([
        ['Dataset', d.name],
        customers === d.rows ? ['Customers', fmtCount(d.rows, ctx.s)] : ['Customers', `${fmtCount(customers, ctx.s)} (on ${fmtCount(d.rows, ctx.s)} rows)`],
        ['Columns', String(d.columns.length)],
        ['Version', `${d.version} of ${d.versions}`],
        ['Imported', d.importedAt.slice(0, 10)],
      ]),
    );
    out.push(
      table({
        caption: 'Columns',
        head: ['Column', 'Type', 'Role', 'Flags', 'Missing', 'Missing share'],
        rows: d.columns.map((c) => [c.name, c.type, c.role, [c.pii ? 'PII' : '', c.sensitive ? `sensitive${c.sensitiveCategory ? ` (${c.sensitiveCategory})` : ''}` : ''].filter(Boolean).join(', '), fmtCount(c.missing, ctx.s), fmtShare(c.missing, d.rows, ctx.s)]),
        numeric: [4, 5],
        note: 'PII columns are listed by name only; none of their values appear in this report.',
      }),
    );

    out.push(h(3, 'Data quality'));
    const errors = db.prepare('SELECT column_name AS c, count(*) AS n FROM cell_errors WHERE dataset = ? AND version = ? GROUP BY column_name ORDER BY column_name').all(d.name, d.version) as { c: string; n: number }[];
    const dupIds = d.idColumn
      ? (db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${quoteIdent(t)} WHERE ${quoteIdent(d.idColumn)} IS NOT NULL GROUP BY ${quoteIdent(d.idColumn)} HAVING count(*) > 1)`).pluck().get() as number)
      : null;
    out.push(
      table({
        head: ['Check', 'Result'],
        rows: [
          ['Cells that did not match their column type', fmtCount(d.cellErrors, ctx.s)],
          ...errors.map((e) => [`  in ${e.c}`, fmtCount(e.n, ctx.s)] as [string, string]),
          ['ID column', d.idColumn ?? 'none'],
          ...(dupIds === null ? [] : [['IDs that occur more than once', fmtCount(dupIds, ctx.s)] as [string, string]]),
          ['Columns with missing values', String(d.columns.filter((c) => c.missing > 0).length)],
        ],
        numeric: [1],
      }),
    );
    const missing = d.columns.filter((c) => c.missing > 0).map((c) => ({ label: c.name, count: c.missing }));
    if (missing.length) out.push(figure(countBars(missing, ctx.s, { horizontal: true, index: ctx.nextChart() }), 'Missing values by column (customers).'));

    const showable = showableColumns(d.columns);
    const cats = showable.filter((c) => (c.type === 'category' || c.type === 'text' || c.type === 'boolean') && distinctCount(ctx, t, c.name) <= 50).slice(0, MAX_CATEGORY_CHARTS);
    const nums = showable.filter((c) => c.type === 'number' || c.type === 'integer').slice(0, MAX_NUMBER_CHARTS);
    if (cats.length || nums.length) out.push(h(3, 'Distributions'));
    for (const c of cats) out.push(figure(countBars(categoryBars(ctx, t, c), ctx.s, { horizontal: true, title: c.name, index: ctx.nextChart() }), `Customers by ${c.name}.`));
    for (const c of nums) {
      const perValue = valueBars(ctx, t, c);
      if (perValue) {
        out.push(figure(countBars(perValue, ctx.s, { title: c.name, index: ctx.nextChart() }), `Customers by ${c.name} (one bar per value).`));
        continue;
      }
      const bars = histogramBars(ctx, t, c);
      if (bars.length) out.push(figure(countBars(bars, ctx.s, { title: c.name, index: ctx.nextChart() }), `Distribution of ${c.name} (10 equal-width bins).`));
    }
    if (!cats.length && !nums.length) out.push(para('No column can be shown in aggregate without PII or sensitive attributes.', 'note'));
    ctx.methods.push({
      section: 'Data',
      items: [
        [`${d.name}`, `version ${d.version}, imported ${d.importedAt.slice(0, 10)} from ${baseName(d.sourceFile)}, ${d.rows.toLocaleString('en-US')} rows`],
        ['Distributions', `columns that are neither PII, ID, contact nor sensitive; at most ${MAX_CATEGORY_CHARTS} categorical (top ${TOP_VALUES} values) and ${MAX_NUMBER_CHARTS} numeric (one bar per value for whole numbers with at most ${MAX_VALUE_BARS} values, 10 equal-width bins otherwise)`],
      ],
    });
    return out.join('\n');
  },
};

function baseName(p: string): string {
  return p.replace(/\\/g, '/').split('/').pop() ?? p;
}
