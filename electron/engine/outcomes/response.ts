import type { ResponseGroup, ResponseParams, ResponseResult } from '../../../shared/contract/ns/outcomes';
import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { buildGroups } from './grouping';
import { outcomeUnits } from './outcome-units';
import { lift, multipleComparisonNote, wilsonInterval } from './proportions';
import { compareTwo, holmAdjust, MIN_EXPECTED, overallTest } from '../stats/contingency';

/** Groups smaller than this get a warning: their rates are uncertain. */
export const SMALL_GROUP = 30;

type Params = ResponseParams & { grouping: NonNullable<ResponseParams['grouping']> };

/**
 * Outcome analysis: for each group, n, positives, rate with a 95% Wilson interval, lift vs
 * the base rate and a test against everyone else in the base (z-test, or Fisher's exact test when
 * an expected count is under 5), Holm-adjusted; an overall test when the groups do not overlap; sorted by lift.
 * The base is every row with a known outcome (that belongs to at least one group for
 * cluster and RFM groupings, where rows without a label are left out).
 */
export function responseAnalysis(ws: Workspace, p: Params): ResponseResult {
  const units = outcomeUnits(ws, p.dataset, p.outcome, p.positive, p.revenue);
  const { groups, warnings, bands } = buildGroups(ws, units, p.grouping);
  // The banding convention is said next to the numbers (a warning) and kept with its edges.
  const banded = bands
    ? { ...bands, convention: msg('outcomes.response.banded', { field: bands.field, count: bands.edges.length + 1, asked: bands.asked, merged: bands.edges.length + 1 < bands.asked ? 'yes' : 'no' }) }
    : null;
  if (banded) warnings.unshift(banded.convention);
  const n = units.outcome.length;
  // Joined groupings (clusters, RFM) cover only labelled rows: the base is what is compared.
  const partitions = !('segments' in p.grouping);
  const inBase = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (units.outcome[i] === 2) continue;
    if (!partitions) inBase[i] = 1;
  }
  if (partitions) for (const g of groups) for (let i = 0; i < n; i++) if (g.member[i] && units.outcome[i] !== 2) inBase[i] = 1;
  let baseN = 0;
  let basePos = 0;
  let excluded = 0;
  for (let i = 0; i < n; i++) {
    if (inBase[i]) {
      baseN++;
      basePos += units.outcome[i];
    } else excluded++;
  }
  const baseRate = baseN ? basePos / baseN : 0;
  const raw = groups.map((g) => {
    let gn = 0;
    let gp = 0;
    let rev = 0;
    for (let i = 0; i < n; i++) {
      if (!inBase[i] || !g.member[i]) continue;
      gn++;
      gp += units.outcome[i];
      if (units.revenue && !Number.isNaN(units.revenue[i])) rev += units.revenue[i];
    }
    const rate = gn ? gp / gn : 0;
    const ci = wilsonInterval(gp, gn);
    const vsRest = compareTwo({ positives: gp, n: gn }, { positives: basePos - gp, n: baseN - gn });
    return {
      group: g.name,
      n: gn,
      positives: gp,
      rate,
      ciLow: ci.low,
      ciHigh: ci.high,
      lift: lift(rate, baseRate),
      pValue: vsRest.p,
      test: vsRest.test,
      small: gn < SMALL_GROUP,
      revenuePerCustomer: units.revenue && gn ? rev / gn : null,
    };
  });
  const adjusted = holmAdjust(raw.map((g) => g.pValue));
  const out: ResponseGroup[] = raw.map((g, i) => ({ ...g, pHolm: adjusted[i], pAdjusted: adjusted[i] }));
  if (!banded) out.sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0) || b.n - a.n || a.group.localeCompare(b.group));
  const small = out.filter((g) => g.n > 0 && g.n < SMALL_GROUP);
  if (small.length)
    warnings.push(msg('outcomes.response.smallGroups', { count: small.length, min: SMALL_GROUP, groups: small.map((g) => g.group).join(', ') }));
  if (units.repeatedRows > 0) warnings.push(msg('outcomes.response.repeatedRows', { count: units.repeatedRows }));
  const exact = out.filter((g) => g.test === 'fisher').map((g) => g.group);
  if (exact.length) warnings.push(msg('outcomes.response.fisherInstead', { groups: exact.join(', '), min: MIN_EXPECTED }));
  // Only groups that split the base can be tested together; saved segments may share members.
  const overall = partitions ? overallTest(out.map((g) => ({ positives: g.positives, n: g.n }))) : null;
  if (!partitions && out.length > 1) warnings.push(msg('outcomes.response.noOverall'));
  // The pair tests' conventions (PAIR_TEST_TEXT in shared/contract/stats), said in the catalogue's sentence.
  const methods = overall ? msg('outcomes.response.methodsOverall', { count: out.length, overall: overall.name }) : msg('outcomes.response.methods', { count: out.length });
  return {
    dataset: p.dataset,
    outcome: p.outcome,
    positive: units.positiveLabel,
    base: { n: baseN, positives: basePos, rate: baseRate },
    unit: units.unit,
    groups: out,
    excluded,
    note: multipleComparisonNote(out.map((g) => g.pValue)),
    warnings,
    overall,
    methods,
    bands: banded,
  };
}
