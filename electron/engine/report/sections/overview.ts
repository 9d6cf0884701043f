import type { ColumnInfo } from '../../../../shared/types/columns';
import { quoteIdent } from '../../db/open';
import { versionTable } from '../../workspace/catalog';
import { countBars, type Bar } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, figure, h, para, table } from '../html';
import { fmtCount, fmtShare } from '../suppress';
import { fmtNumber, rfmt, reportDate } from '../format';
import { msg } from '../../../../shared/i18n/current';
import { BOOL_MISSING, getMirror, type Mirror, type MirrorColumn } from '../../mirror';
import { LazyColumns } from '../../mirror/lazy';
import { customerKeys } from '../../mirror/customers';
import { byCodePoint } from '../../db/collation';

const MAX_CATEGORY_CHARTS = 4;
const MAX_NUMBER_CHARTS = 3;
const TOP_VALUES = 8;
/** Whole-number columns with at most this many distinct values (counts of children, 0/1 flags) get one bar per value. */
export const MAX_VALUE_BARS = 12;

/** Columns whose values may be shown in aggregate: never PII, IDs or contact details; sensitive ones belong to responsible use. */
export function showableColumns(cols: readonly ColumnInfo[]): ColumnInfo[] {
  return cols.filter((c) => !c.pii && !c.sensitive && c.role !== 'id' && c.role !== 'contact');
}

/**
 * The overview's counts read from the stored columnar copy when it holds the column (mirror/), each
 * the same as the GROUP BY, min/max or count(DISTINCT) over the version table it replaces (kept below
 * for columns the copy does not hold; test/engine/report/overview-counts.test.ts compares the two).
 * At 1M customers the SQL took about a second per column shown.
 */
function storedOf(m: Mirror | null, name: string): MirrorColumn | null {
  if (!m || !(m.columns instanceof LazyColumns) || m.columns.loadStored([name]).length > 0) return null;
  return m.columns.get(name) ?? null;
}

export function categoryBars(ctx: Pick<ReportContext, 'ws'>, m: Mirror | null, table: string, col: ColumnInfo): Bar[] {
  if (col.type === 'boolean') return booleanBars(ctx, m, table, col);
  const c = storedOf(m, col.name);
  const rows =
    c?.kind === 'text'
      ? c.dictionary.map((v, i) => ({ v, n: c.counts[i] })).filter((r) => r.n > 0).sort((a, b) => b.n - a.n || byCodePoint(a.v, b.v))
      : (ctx.ws.db
          .prepare(`SELECT CAST(${quoteIdent(col.name)} AS TEXT) AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE ${quoteIdent(col.name)} IS NOT NULL GROUP BY v ORDER BY n DESC, v`)
          .all() as { v: string; n: number }[]);
  const top = rows.slice(0, TOP_VALUES).map((r) => ({ label: r.v, count: r.n }));
  const rest = rows.slice(TOP_VALUES).reduce((a, r) => a + r.n, 0);
  if (rest > 0) top.push({ label: msg('report.overview.otherValues', { count: rows.length - TOP_VALUES }), count: rest });
  return top;
}

/** Yes/no columns: "no" then "yes", whatever is more frequent, so every such chart reads the same way. */
function booleanBars(ctx: Pick<ReportContext, 'ws'>, m: Mirror | null, table: string, col: ColumnInfo): Bar[] {
  const q = quoteIdent(col.name);
  const c = storedOf(m, col.name);
  let rows: { v: number | string; n: number }[];
  if (c?.kind === 'boolean') {
    const n = [0, 0];
    for (let i = 0; i < c.values.length; i++) if (c.values[i] !== BOOL_MISSING) n[c.values[i]]++;
    rows = [0, 1].filter((v) => n[v] > 0).map((v) => ({ v, n: n[v] }));
  } else rows = ctx.ws.db.prepare(`SELECT ${q} AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE ${q} IS NOT NULL GROUP BY v ORDER BY v`).all() as { v: number | string; n: number }[];
  const label = (v: number | string) => (v === 1 || v === '1' || v === 'true' ? msg('report.common.yes') : v === 0 || v === '0' || v === 'false' ? msg('report.common.no') : String(v));
  return rows.map((r) => ({ label: label(r.v), count: r.n }));
}

/**
 * One bar per value for a whole-number column with few distinct values (Kidhome 0/1/2, a 0/1 response), in value
 * order; null when the column has fractions or more than MAX_VALUE_BARS values (then it gets a histogram).
 */
export function valueBars(ctx: Pick<ReportContext, 'ws'>, m: Mirror | null, table: string, col: ColumnInfo): Bar[] | null {
  const q = quoteIdent(col.name);
  const c = storedOf(m, col.name);
  let rows: { v: number; n: number }[];
  if (c?.kind === 'number') {
    const counts = new Map<number, number>();
    for (let i = 0; i < c.values.length && counts.size <= MAX_VALUE_BARS; i++) {
      const v = c.values[i];
      if (v === v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    rows = [...counts].map(([v, n]) => ({ v, n })).sort((a, b) => a.v - b.v);
  } else
    rows = ctx.ws.db
      .prepare(`SELECT ${q} AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE typeof(${q}) IN ('integer','real') GROUP BY v ORDER BY v LIMIT ${MAX_VALUE_BARS + 1}`)
      .all() as { v: number; n: number }[];
  if (!rows.length || rows.length > MAX_VALUE_BARS || rows.some((r) => !Number.isInteger(r.v))) return null;
  return rows.map((r) => ({ label: rfmt().count(r.v), count: r.n }));
}

export function histogramBars(ctx: Pick<ReportContext, 'ws'>, m: Mirror | null, table: string, col: ColumnInfo): Bar[] {
  const q = quoteIdent(col.name);
  const c = storedOf(m, col.name);
  const values = c?.kind === 'number' ? c.values : null;
  let lo: number | null = null;
  let hi: number | null = null;
  if (values) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (lo === null || v < lo) lo = v;
      if (hi === null || v > hi) hi = v;
    }
  } else ({ lo, hi } = ctx.ws.db.prepare(`SELECT min(${q}) AS lo, max(${q}) AS hi FROM ${quoteIdent(table)} WHERE typeof(${q}) IN ('integer','real')`).get() as { lo: number | null; hi: number | null });
  if (lo === null || hi === null) return [];
  const bins = 10;
  const low = lo;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  const add = (v: number) => counts[Math.min(bins - 1, Math.floor((v - low) / width))]++;
  if (values) {
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) add(values[i]);
  } else for (const v of ctx.ws.db.prepare(`SELECT ${q} FROM ${quoteIdent(table)} WHERE typeof(${q}) IN ('integer','real')`).pluck().iterate() as Iterable<number>) add(v);
  const fmt = (x: number) => (Math.abs(x) >= 100 ? rfmt().count(x) : fmtNumber(x, 1));
  return counts.map((n, i) => ({ label: `${fmt(low + i * width)}–${fmt(low + (i + 1) * width)}`, count: n }));
}

export function distinctCount(ctx: Pick<ReportContext, 'ws'>, m: Mirror | null, table: string, col: string): number {
  const c = storedOf(m, col);
  if (c?.kind === 'text') return c.counts.reduce((a, n) => a + (n > 0 ? 1 : 0), 0);
  if (c?.kind === 'boolean') return (c.values.includes(0) ? 1 : 0) + (c.values.includes(1) ? 1 : 0);
  return ctx.ws.db.prepare(`SELECT count(DISTINCT ${quoteIdent(col)}) FROM ${quoteIdent(table)}`).pluck().get() as number;
}

/** Customers (distinct IDs) and IDs on more than one row, from the stored customer keys (mirror/customers.ts) when the mirror is given. */
export function idCounts(ctx: Pick<ReportContext, 'ws'>, m: Mirror | null, table: string, idColumn: string): { customers: number; repeated: number } {
  if (m && m.idColumn === idColumn) {
    const keys = customerKeys(ctx.ws, m);
    if (!keys.codes) return { customers: keys.distinct, repeated: 0 };
    const rows = new Int32Array(keys.distinct);
    for (let i = 0; i < keys.codes.length; i++) if (keys.codes[i] >= 0) rows[keys.codes[i]]++;
    return { customers: keys.distinct, repeated: rows.reduce((a, n) => a + (n > 1 ? 1 : 0), 0) };
  }
  const q = quoteIdent(idColumn);
  const t = quoteIdent(table);
  return {
    customers: ctx.ws.db.prepare(`SELECT count(DISTINCT CAST(${q} AS TEXT)) FROM ${t}`).pluck().get() as number,
    repeated: ctx.ws.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${t} WHERE ${q} IS NOT NULL GROUP BY ${q} HAVING count(*) > 1)`).pluck().get() as number,
  };
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
    const m = getMirror(ctx.ws, d.name);
    const out: string[] = [h(2, this.title)];
    // Customers are distinct IDs (as segment sizes count them); rows are said too when they differ.
    const ids = d.idColumn ? idCounts(ctx, m, t, d.idColumn) : null;
    const customers = ids ? ids.customers : d.rows;
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
    const dupIds = ids ? ids.repeated : null;
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
    const cats = showable.filter((c) => (c.type === 'category' || c.type === 'text' || c.type === 'boolean') && distinctCount(ctx, m, t, c.name) <= 50).slice(0, MAX_CATEGORY_CHARTS);
    const nums = showable.filter((c) => c.type === 'number' || c.type === 'integer').slice(0, MAX_NUMBER_CHARTS);
    if (cats.length || nums.length) out.push(h(3, msg('report.overview.distributions')));
    for (const c of cats) out.push(figure(countBars(categoryBars(ctx, m, t, c), ctx.s, { horizontal: true, title: c.name, index: ctx.nextChart() }), msg('report.overview.customersBy', { column: c.name })));
    for (const c of nums) {
      const perValue = valueBars(ctx, m, t, c);
      if (perValue) {
        out.push(figure(countBars(perValue, ctx.s, { title: c.name, index: ctx.nextChart() }), msg('report.overview.customersByValue', { column: c.name })));
        continue;
      }
      const bars = histogramBars(ctx, m, t, c);
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
