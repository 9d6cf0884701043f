import { REPORT_SECTIONS, ReportOptionsSchema, type ReportOptions, type ReportSectionId } from '../../../shared/contract/ns/reports';
import { AppError } from '../../../shared/contract/result';
import type { DatasetInfo } from '../../../shared/types/columns';
import { getDataset, listDatasets } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import type { ReportContext, SectionBuilder } from './context';
import { page } from './html';
import { overviewSection } from './sections/overview';
import { segmentsSection } from './sections/segments';
import { clustersSection } from './sections/clusters';
import { responsibleSection } from './sections/responsible';
import { outcomesSection } from './sections/outcomes';
import { rfmSection } from './sections/rfm';
import { renderMethods } from './sections/methods';
import { titlePage } from './title-page';
import { assertNoExternalReference } from './guard';
import { appVersion } from './app-version';
import { messageLocale, msg, withMessageLocale } from '../../../shared/i18n/current';

const BUILDERS: Record<Exclude<ReportSectionId, 'methods'>, SectionBuilder> = {
  overview: overviewSection,
  clusters: clustersSection,
  segments: segmentsSection,
  responsible: responsibleSection,
  rfm: rfmSection,
  outcomes: outcomesSection,
};

const methodsTitle = () => msg('report.methods.title');

export function resolveDataset(ws: Workspace, name: string | undefined): DatasetInfo {
  if (name) return getDataset(ws.db, name);
  const all = listDatasets(ws.db);
  const ds = all.find((d) => d.kind === 'customers') ?? all[0];
  if (!ds) throw new AppError('NOT_FOUND', msg('report.errors.noDataset'));
  return ds;
}

export function sectionAvailability(ws: Workspace, dataset: string | undefined) {
  const ds = resolveDataset(ws, dataset);
  const opts = ReportOptionsSchema.parse({ dataset: ds.name });
  const base = { ws, dataset: ds, opts, s: { min: opts.minCell } };
  return REPORT_SECTIONS.map((id) => {
    if (id === 'methods') return { id, title: methodsTitle(), available: true, reason: null };
    const reason = BUILDERS[id].unavailable(base);
    return { id, title: BUILDERS[id].title, available: reason === null, reason };
  });
}

export interface BuiltReport {
  html: string;
  dataset: string;
  sections: ReportSectionId[];
  omitted: { id: ReportSectionId; reason: string }[];
}

/**
 * Builds the self-contained report. Deterministic: sections in a fixed order, every query
 * ordered, no clock read (a date appears only when the caller gives one), chart ids
 * numbered per report.
 */
export function buildReport(ws: Workspace, options: ReportOptions): BuiltReport {
  const opts = ReportOptionsSchema.parse(options);
  // Every text of the report, its own and the shared ones it includes (rule descriptions, fairness findings, the
  // glossary), is written in the report's language; the app's language comes back afterwards.
  const lang = opts.lang ?? messageLocale();
  const built = withMessageLocale(lang, () => build(ws, opts, lang));
  // Why a section was left out is told to whoever builds the report (the app's user, the CLI), in their language.
  return { ...built, omitted: built.omitted.map((o) => ({ id: o.id, reason: o.why() })) };
}

interface Built extends Omit<BuiltReport, 'omitted'> {
  omitted: { id: ReportSectionId; why: () => string }[];
}

function build(ws: Workspace, opts: ReturnType<typeof ReportOptionsSchema.parse>, lang: string): Built {
  const dataset = resolveDataset(ws, opts.dataset);
  let chart = 0;
  const ctx: ReportContext = { ws, dataset, opts, s: { min: opts.minCell }, nextChart: () => chart++, methods: [] };
  const order = (opts.sections ?? REPORT_SECTIONS).filter((id, i, a) => a.indexOf(id) === i && id !== 'methods') as Exclude<ReportSectionId, 'methods'>[];
  const included: { id: ReportSectionId; title: string; html: string }[] = [];
  const omitted: { id: ReportSectionId; title: string; reason: string; why: () => string }[] = [];
  for (const id of REPORT_SECTIONS) {
    const why = () => msg('report.omitted.notChosen');
    if (id !== 'methods' && !order.includes(id)) omitted.push({ id, title: BUILDERS[id].title, reason: why(), why });
  }
  for (const id of order) {
    const b = BUILDERS[id];
    const why = () => b.unavailable(ctx) ?? '';
    const reason = why();
    if (reason) {
      omitted.push({ id, title: b.title, reason, why });
      continue;
    }
    included.push({ id, title: b.title, html: `<section id="${id}">\n${b.render(ctx)}\n</section>` });
  }
  const methods = `<section id="methods">\n${renderMethods(ctx, { included, omitted, appVersion: appVersion() })}\n</section>`;
  const title = opts.title ?? msg('report.title.default');
  const html = page({
    title,
    lang,
    body: [titlePage({ ...opts, title }, [...included.map((s) => s.title), methodsTitle()]), ...included.map((s) => s.html), methods],
  });
  assertNoExternalReference(html);
  return { html, dataset: dataset.name, sections: [...included.map((s) => s.id), 'methods'], omitted: omitted.map((o) => ({ id: o.id, why: o.why })) };
}
