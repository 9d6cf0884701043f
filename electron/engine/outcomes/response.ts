import type { ResponseGroup, ResponseParams, ResponseResult } from '../../../shared/contract/ns/outcomes';
import type { Workspace } from '../workspace/workspace';
import { buildGroups } from './grouping';
import { outcomeUnits } from './outcome-units';
import { holmAdjust, lift, multipleComparisonNote, twoProportionPValue, wilsonInterval } from './proportions';

type Params = ResponseParams & { grouping: NonNullable<ResponseParams['grouping']> };

/**
 * Outcome analysis: for each group, n, positives, rate with a 95% Wilson interval, lift vs
 * the base rate and a two-proportion z-test against everyone else in the base; sorted by lift.
 * The base is every row with a known outcome (that belongs to at least one group for
 * cluster and RFM groupings, where rows without a label are left out).
 */
export function responseAnalysis(ws: Workspace, p: Params): ResponseResult {
  const units = outcomeUnits(ws, p.dataset, p.outcome, p.positive, p.revenue);
  const { groups, warnings } = buildGroups(ws, units, p.grouping);
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
    return {
      group: g.name,
      n: gn,
      positives: gp,
      rate,
      ciLow: ci.low,
      ciHigh: ci.high,
      lift: lift(rate, baseRate),
      pValue: twoProportionPValue(gp, gn, basePos - gp, baseN - gn),
      revenuePerCustomer: units.revenue && gn ? rev / gn : null,
    };
  });
  const adjusted = holmAdjust(raw.map((g) => g.pValue));
  const out: ResponseGroup[] = raw.map((g, i) => ({ ...g, pAdjusted: adjusted[i] }));
  out.sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0) || b.n - a.n || a.group.localeCompare(b.group));
  const small = out.filter((g) => g.n > 0 && g.n < 30).length;
  if (small) warnings.push(`${small} groups have fewer than 30 members: their rates are uncertain (see the intervals).`);
  return {
    dataset: p.dataset,
    outcome: p.outcome,
    positive: units.positiveLabel,
    base: { n: baseN, positives: basePos, rate: baseRate },
    groups: out,
    excluded,
    note: multipleComparisonNote(out.map((g) => g.pValue)),
    warnings,
  };
}
