import type { ReportSectionId } from '../../../../shared/contract/ns/reports';
import type { ReportContext } from '../context';
import { dl, h, para, table } from '../html';
import { datasetAsOf } from '../../orders/as-of';
import { conventions, type ConventionId } from '../../../../shared/conventions';
import { glossary, type GlossaryEntry, type GlossaryId } from '../../../../shared/glossary';
import { msg } from '../../../../shared/i18n/current';
import { reportDate } from '../format';

export interface MethodsInput {
  included: { id: ReportSectionId; title: string }[];
  omitted: { id: ReportSectionId; title: string; reason: string }[];
  appVersion: string;
}

/** The conventions behind each section's numbers, in the words the app and the CLI's --help use. */
const SECTION_CONVENTIONS: Partial<Record<ReportSectionId, ConventionId[]>> = {
  overview: ['profileStats', 'stale', 'asOf'],
  clusters: ['clusterPrep', 'kmeans', 'chooseK'],
  segments: ['asOf'],
  rfm: ['asOf', 'returns', 'rfm'],
  responsible: ['fairness', 'consent'],
  outcomes: ['response', 'clv'],
};

/** The methods appendix: how the report was made, so a reader can reproduce or question it. */
export function renderMethods(ctx: ReportContext, m: MethodsInput): string {
  const out: string[] = [h(2, msg('report.methods.title'))];
  out.push(h(3, msg('report.methods.thisReport')));
  out.push(
    dl([
      [msg('report.methods.madeWith'), msg('report.methods.madeWithText', { version: m.appVersion, schema: String(ctx.ws.db.pragma('user_version', { simple: true })) })],
      [msg('report.overview.dataset'), ctx.dataset.name],
      [msg('report.methods.asOfDate'), asOfLine(ctx)],
      [msg('report.methods.suppression'), msg('report.methods.suppressionText', { min: ctx.s.min })],
      [msg('report.methods.personalData'), msg('report.methods.personalDataText')],
      [msg('report.methods.sections'), m.included.map((s) => s.title).join(', ') || msg('report.common.none')],
    ]),
  );
  if (m.omitted.length) {
    out.push(table({ caption: msg('report.methods.notIncluded'), head: [msg('report.methods.section'), msg('report.clusters.why')], rows: m.omitted.map((o) => [o.title, o.reason]) }));
  }
  const ids = [...new Set(['customers', ...m.included.flatMap((sec) => SECTION_CONVENTIONS[sec.id] ?? [])] as ConventionId[])];
  out.push(h(3, msg('report.methods.conventions')));
  out.push(dl(conventions(ids).map((c) => [c.title, c.text])));
  for (const block of ctx.methods) {
    out.push(h(3, block.section));
    out.push(dl(block.items));
  }
  const terms = glossaryFor(m.included.map((s) => s.id));
  if (terms.length) {
    out.push(h(3, msg('report.methods.glossary')));
    out.push(para(msg('report.methods.glossaryNote'), 'note'));
    out.push(dl(terms.map((g) => [msg('report.methods.glossaryTerm', { term: g.term, label: g.label }), g.explain])));
  }
  out.push(para(msg('report.methods.selfContained'), 'note'));
  return out.join('\n');
}

/** The date relative conditions, staleness and ages count back from: the data's own, unless the user set one. */
function asOfLine(ctx: ReportContext): string {
  const at = datasetAsOf(ctx.ws, ctx.dataset.name);
  return msg('report.methods.asOfText', { date: reportDate(at.asOf), source: at.source });
}

/** The glossary terms each section's numbers use; the appendix explains only those of the included sections. */
const SECTION_TERMS: Partial<Record<ReportSectionId, GlossaryId[]>> = {
  clusters: ['kMeans', 'kPrototypes', 'log1p', 'zScore', 'silhouette', 'inertia', 'ari', 'effect', 'sharePoints'],
  segments: ['effect'],
  rfm: ['rfm'],
  responsible: ['disparateImpact', 'cramersV', 'pValue', 'pHolm'],
  outcomes: ['wilson', 'pValue', 'pHolm', 'bgnbd', 'gammaGamma', 'clv', 'pAlive'],
};

/** Read through glossary(), which gives the entry in the message language (the report's, while it is built). */
export function glossaryFor(sections: readonly ReportSectionId[]): GlossaryEntry[] {
  const ids = [...new Set(sections.flatMap((s) => SECTION_TERMS[s] ?? []))];
  return ids.map((id) => glossary(id));
}
