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
  return touched.length ? `(rule withheld: it reads the PII column${touched.length > 1 ? 's' : ''} ${touched.join(', ')})` : description;
}

export const segmentsSection: SectionBuilder = {
  id: 'segments',
  title: 'Segments',
  unavailable(ctx) {
    const missing = (ctx.opts.segments ?? []).filter((n) => !listSegments(ctx.ws).some((s) => s.name === n && s.dataset === ctx.dataset.name));
    if (missing.length) return `no segment named ${missing.map((m) => `"${m}"`).join(', ')} in dataset "${ctx.dataset.name}"`;
    return segmentsOf(ctx).length ? null : `dataset "${ctx.dataset.name}" has no saved segments`;
  },
  render(ctx) {
    const segs = segmentsOf(ctx);
    const showable = new Set(showableColumns(ctx.dataset.columns).map((c) => c.name));
    const out: string[] = [h(2, this.title)];
    out.push(
      table({
        caption: 'Saved segments',
        head: ['Segment', 'Customers', 'Share of base'],
        rows: segs.map((s) => [s.name, fmtCount(s.size, ctx.s), fmtShare(s.size, s.total, ctx.s)]),
        numeric: [1, 2],
      }),
    );
    out.push(figure(countBars(segs.map((s) => ({ label: s.name, count: s.size })), ctx.s, { horizontal: true, index: ctx.nextChart() }), 'Segment sizes (customers).'));

    for (const s of segs) {
      out.push(h(3, s.name));
      out.push(`<p class="rule">${esc(ruleText(s.description, s.rule, ctx.dataset.columns))}</p>`);
      const facts: [string, string][] = [
        ['Customers', `${fmtCount(s.size, ctx.s)} of ${fmtCount(s.total, ctx.s)} (${fmtShare(s.size, s.total, ctx.s)})`],
        ['Dataset version', String(s.datasetVersion)],
      ];
      if (s.sensitiveFields.length) facts.push(['Sensitive attributes used', s.sensitiveFields.join(', ')]);
      if (s.justification) facts.push(['Justification', s.justification]);
      out.push(dl(facts));

      const hist = segmentHistory(ctx.ws, s.name);
      if (hist.versions.length > 1) {
        out.push(
          table({
            caption: 'History',
            head: ['Snapshot', 'Dataset version', 'Why', 'As of', 'Customers'],
            rows: hist.versions.map((v) => [v.seq, v.datasetVersion, v.reason === 'saved' ? 'rule saved' : 're-import', v.asOf, fmtCount(v.size, ctx.s)]),
            numeric: [4],
          }),
        );
      }

      if (isSuppressed(s.size, ctx.s)) {
        out.push(para(`The segment has fewer than ${ctx.s.min} customers, so no profile is shown.`, 'note'));
        continue;
      }
      const { mask, mirror, rule } = segmentMask(ctx.ws, s.name);
      const profile = profileMask(mirror, mask, rule);
      const features = profile.features.filter((f) => showable.has(f.name)).slice(0, PROFILE_FEATURES);
      if (features.length) {
        out.push(
          table({
            caption: 'What sets it apart (largest differences from the whole base)',
            head: ['Column', 'Effect', 'In segment', 'Whole base'],
            rows: features.map((f) => {
              const effect = `${f.effect.toFixed(2)} (${effectLabel(f.effectKind)})`;
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
      out.push(h(3, 'Overlap'));
      out.push(
        table({
          caption: 'Customers in both segments (diagonal: segment size)',
          head: ['', ...ov.segments.map((s) => s.name)],
          rows: ov.segments.map((s, i) => [s.name, ...ov.counts[i].map((n) => fmtCount(n, ctx.s))]),
          numeric: ov.segments.map((_, i) => i + 1),
        }),
      );
      const notes = ov.warnings.filter((w) => w.kind === 'near-duplicate').map((w) => w.message);
      for (const n of notes) out.push(para(n, 'note'));
    }
    ctx.methods.push({
      section: 'Segments',
      items: [
        ['Membership', "each segment's rule evaluated on the dataset's current version; history from the snapshots taken at every save and re-import"],
        ['Profile', "columns that are neither PII, ID, contact nor sensitive, ranked by effect size (Cohen's d for numbers and dates, Cohen's h for yes/no, Cramér's V for categories)"],
        ['As-of dates', [...new Set(segs.flatMap((s) => segmentHistory(ctx.ws, s.name).versions.slice(-1).map((v) => v.asOf)))].sort().join(', ') || '–'],
      ],
    });
    return out.join('\n');
  },
};
