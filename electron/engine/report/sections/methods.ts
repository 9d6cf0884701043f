import type { ReportSectionId } from '../../../../shared/contract/ns/reports';
import type { ReportContext } from '../context';
import { dl, h, para, table } from '../html';
import { datasetAsOf } from '../../orders/as-of';
import { conventions, type ConventionId } from '../../../../shared/conventions';
import { GLOSSARY, type GlossaryId } from '../../../../shared/glossary';

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
  const out: string[] = [h(2, 'Methods appendix')];
  out.push(h(3, 'This report'));
  out.push(
    dl([
      ['Made with', `SegmentDesk ${m.appVersion} (workspace schema ${String(ctx.ws.db.pragma('user_version', { simple: true }))})`],
      ['Dataset', ctx.dataset.name],
      ['As-of date', asOfLine(ctx)],
      ['Small-cell suppression', `groups of fewer than ${ctx.s.min} customers are shown as "< ${ctx.s.min}"; their shares and averages are not shown, and charts draw no bar for them`],
      ['Personal data', 'no value of a column flagged as PII (names, e-mail addresses, phone numbers, IDs) appears in this report; sensitive attributes appear only in aggregate in the responsible-use section'],
      ['Sections', m.included.map((s) => s.title).join(', ') || 'none'],
    ]),
  );
  if (m.omitted.length) {
    out.push(table({ caption: 'Sections not included', head: ['Section', 'Why'], rows: m.omitted.map((o) => [o.title, o.reason]) }));
  }
  const ids = [...new Set(['customers', ...m.included.flatMap((sec) => SECTION_CONVENTIONS[sec.id] ?? [])] as ConventionId[])];
  out.push(h(3, 'Conventions'));
  out.push(dl(conventions(ids).map((c) => [c.title, c.text])));
  for (const block of ctx.methods) {
    out.push(h(3, block.section));
    out.push(dl(block.items));
  }
  const terms = glossaryFor(m.included.map((s) => s.id));
  if (terms.length) {
    out.push(h(3, 'Glossary'));
    out.push(para('The technical terms of this report in plain words (the same explanations the app shows).', 'note'));
    out.push(dl(terms.map((g) => [`${g.term}: ${g.label}`, g.explain])));
  }
  out.push(para('The report is a single HTML file with inline styles and charts; it loads nothing from the network and runs no script.', 'note'));
  return out.join('\n');
}

/** The date relative conditions, staleness and ages count back from: the data's own, unless the user set one. */
function asOfLine(ctx: ReportContext): string {
  const at = datasetAsOf(ctx.ws, ctx.dataset.name);
  return `${at.asOf} (${at.source}); relative conditions ("in the last 90 days"), staleness and ages count back from it, never from the day the report was made. Consent is checked on the day of an export.`;
}

/** The glossary terms each section's numbers use; the appendix explains only those of the included sections. */
const SECTION_TERMS: Partial<Record<ReportSectionId, GlossaryId[]>> = {
  clusters: ['kMeans', 'kPrototypes', 'log1p', 'zScore', 'silhouette', 'inertia', 'ari', 'effect', 'sharePoints'],
  segments: ['effect'],
  rfm: ['rfm'],
  responsible: ['disparateImpact', 'cramersV', 'pValue', 'pHolm'],
  outcomes: ['wilson', 'pValue', 'pHolm', 'bgnbd', 'gammaGamma', 'clv', 'pAlive'],
};

export function glossaryFor(sections: readonly ReportSectionId[]): (typeof GLOSSARY)[GlossaryId][] {
  const ids = [...new Set(sections.flatMap((s) => SECTION_TERMS[s] ?? []))];
  return ids.map((id) => GLOSSARY[id]);
}
