import type { ColumnInfo } from '../../../../shared/types/columns';
import type { RuleNode } from '../../../../shared/rules/types';
import { listSegments, segmentHistory } from '../../segments/store';
import { segmentMask } from '../../segments/live';
import { profileMask } from '../../segments/profile';
import { segmentOverlap } from '../../segments/overlap';
import { countBars } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, esc, figure, h, para, table } from '../html';
import { effectLabel, fmtAverage, fmtDayDifference, fmtPercent } from '../format';
import { fmtCount, fmtShare, isSuppressed } from '../suppress';
import { showableColumns } from './overview';
import { msg } from '../../../../shared/i18n/current';
import { fmtNumber, reportDate } from '../format';

const PROFILE_FEATURES = 6;

/** Every column a rule reads, through all/any/not. */
export function ruleFields(rule: RuleNode, out = new Set<string>()): Set<string> {
  if ('all' in rule) rule.all.forEach((r) => ruleFields(r, out));
  else if ('any' in rule) rule.any.forEach((r) => ruleFields(r, out));
  else if ('not' in rule) ruleFields(rule.not, out);
  else if ('field' in rule) out.add(rule.field);
  return out;
}

function segmentsOf(ctx: Pick<ReportContext, 'ws' | 'dataset' | 'opts'>) {
  const all = listSegments(ctx.ws).filter((s) => s.dataset === ctx.dataset.name);
  if (!ctx.opts.segments) return all;
  const byName = new Map(all.map((s) => [s.name, s]));
  return ctx.opts.segments.map((n) => byName.get(n)).filter((s) => s !== undefined);
}

/**
 * A rule that reads a PII column would print its literal values (an e-mail, a name), so
 * the report names the columns and withholds the rule text.
 */
function ruleText(description: string, rule: RuleNode, columns: ColumnInfo[]): string {
  const pii = new Set(columns.filter((c) => c.pii).map((c) => c.name));
  const touched = [...ruleFields(rule)].filter((f) => pii.has(f));
  return touched.length ? msg('report.segments.ruleWithheld', { count: touched.length, columns: touched.join(', ') }) : description;
}

export const segmentsSection: SectionBuilder = {
  id: 'segments',
  get title() {
    return msg('report.segments.title');
  },
  unavailable(ctx) {
    const missing = (ctx.opts.segments ?? []).filter((n) => !listSegments(ctx.ws).some((s) => s.name === n && s.dataset === ctx.dataset.name));
    if (missing.length) return msg('report.segments.noSuchSegment', { count: missing.length, segments: missing.map((m) => `"${m}"`).join(', '), dataset: ctx.dataset.name });
    return segmentsOf(ctx).length ? null : msg('report.segments.noSegments', { dataset: ctx.dataset.name });
  },
  render(ctx) {
    const segs = segmentsOf(ctx);
    const showable = new Set(showableColumns(ctx.dataset.columns).map((c) => c.name));
    const out: string[] = [h(2, this.title)];
    out.push(
      table({
        caption: msg('report.segments.saved'),
        head: [msg('report.segments.segment'), msg('report.segments.customers'), msg('report.segments.shareOfBase')],
        rows: segs.map((s) => [s.name, fmtCount(s.size, ctx.s), fmtShare(s.size, s.total, ctx.s)]),
        numeric: [1, 2],
      }),
    );
    out.push(figure(countBars(segs.map((s) => ({ label: s.name, count: s.size })), ctx.s, { horizontal: true, index: ctx.nextChart() }), msg('report.segments.sizesChart')));

    for (const s of segs) {
      out.push(h(3, s.name));
      out.push(`<p class="rule">${esc(ruleText(s.description, s.rule, ctx.dataset.columns))}</p>`);
      const facts: [string, string][] = [
        [msg('report.segments.customers'), msg('report.segments.sizeOfTotal', { size: fmtCount(s.size, ctx.s), total: fmtCount(s.total, ctx.s), share: fmtShare(s.size, s.total, ctx.s) })],
        [msg('report.segments.datasetVersion'), String(s.datasetVersion)],
      ];
      if (s.sensitiveFields.length) facts.push([msg('report.segments.sensitiveUsed'), s.sensitiveFields.join(', ')]);
      if (s.justification) facts.push([msg('report.segments.justification'), s.justification]);
      out.push(dl(facts));

      const hist = segmentHistory(ctx.ws, s.name);
      if (hist.versions.length > 1) {
        out.push(
          table({
            caption: msg('report.segments.history'),
            head: [msg('report.segments.snapshot'), msg('report.segments.datasetVersion'), msg('report.segments.why'), msg('report.segments.asOf'), msg('report.segments.customers')],
            rows: hist.versions.map((v) => [v.seq, v.datasetVersion, v.reason === 'saved' ? msg('report.segments.ruleSaved') : msg('report.segments.reimport'), reportDate(v.asOf), fmtCount(v.size, ctx.s)]),
            numeric: [4],
          }),
        );
      }

      if (isSuppressed(s.size, ctx.s)) {
        out.push(para(msg('report.segments.tooSmall', { min: ctx.s.min }), 'note'));
        continue;
      }
      const { mask, mirror, rule } = segmentMask(ctx.ws, s.name);
      const profile = profileMask(mirror, mask, rule, showable);
      const features = profile.features.filter((f) => showable.has(f.name)).slice(0, PROFILE_FEATURES);
      if (features.length) {
        out.push(
          table({
            caption: msg('report.segments.apart'),
            head: [msg('report.segments.column'), msg('report.segments.effect'), msg('report.segments.inSegment'), msg('report.segments.wholeBase')],
            rows: features.map((f) => {
              const effect = `${fmtNumber(f.effect, 2)} (${effectLabel(f.effectKind)})`;
              if (f.categories.length) {
                const lead = f.categories[0];
                const inSeg = lead.segmentShare * s.size;
                return [f.name, effect, isSuppressed(Math.round(inSeg), ctx.s) ? '–' : `${lead.value}: ${fmtPercent(lead.segmentShare)}`, `${lead.value}: ${fmtPercent(lead.baseShare)}`];
              }
              const seg = f.segment.mean;
              const base = f.base.mean;
              const inSeg = isSuppressed(s.size, ctx.s) || seg === null ? '–' : fmtAverage(seg, f.type);
              const inBase = isSuppressed(s.total, ctx.s) || base === null ? '–' : fmtAverage(base, f.type);
              // Dates: the segment's average date and how many days it lies from the base's.
              const isDate = f.type === 'date' || f.type === 'datetime';
              return [f.name, effect, isDate && inSeg !== '–' && base !== null && seg !== null ? `${inSeg} (${fmtDayDifference(seg - base)})` : inSeg, inBase];
            }),
          }),
        );
      }
    }

    if (segs.length >= 2) {
      const ov = segmentOverlap(ctx.ws, segs.map((s) => s.name), 0, ctx.s.min);
      out.push(h(3, msg('report.segments.overlap')));
      out.push(
        table({
          caption: msg('report.segments.overlapCaption'),
          head: ['', ...ov.segments.map((s) => s.name)],
          rows: ov.segments.map((s, i) => [s.name, ...ov.counts[i].map((n) => fmtCount(n, ctx.s))]),
          numeric: ov.segments.map((_, i) => i + 1),
        }),
      );
      const notes = ov.warnings.filter((w) => w.kind === 'near-duplicate').map((w) => w.message);
      for (const n of notes) out.push(para(n, 'note'));
    }
    ctx.methods.push({
      section: msg('report.segments.title'),
      items: [
        [msg('report.segments.membership'), msg('report.segments.membershipText')],
        [msg('report.segments.profile'), msg('report.segments.profileText')],
        [msg('report.segments.asOfDates'), [...new Set(segs.flatMap((s) => segmentHistory(ctx.ws, s.name).versions.slice(-1).map((v) => v.asOf)))].sort().map(reportDate).join(', ') || '–'],
      ],
    });
    return out.join('\n');
  },
};
