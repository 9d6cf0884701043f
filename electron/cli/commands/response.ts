import type { Grouping } from '../../../shared/contract/ns/outcomes';
import { defineCommand, UsageError } from '../command';
import { overallSentence } from '../../../shared/contract/stats';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const responseCommand = defineCommand({
  path: ['response'],
  summary: 'Compare groups on a binary outcome: rate, 95% Wilson interval, lift, p-value per group against everyone else, one test over all groups (--by, --run, --rfm)',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the customers dataset' },
    outcome: { type: 'string', value: 'COLUMN', required: true, description: 'the binary outcome column' },
    positive: { type: 'string', value: 'VALUE', description: 'the outcome value that counts as a response (detected when not given)' },
    by: { type: 'string', value: 'FIELD', description: 'group by the values of this column or customer-view field (rfm_segment, cluster_<run>, predicted_clv, …); a number field with more than 12 values is compared in bands (quartiles unless --bands)' },
    bands: { type: 'string', value: 'N', description: 'with --by on a number field: compare it in N bands of about equal size (2–10; default 4, quartiles)' },
    segments: { type: 'string', value: 'A,B', list: true, repeatable: true, description: 'group by these saved segments' },
    run: { type: 'string', value: 'R', description: 'group by the clusters of this clustering run' },
    rfm: { type: 'string', value: 'TRANSACTIONS', description: 'group by the RFM segments computed from this transactions dataset' },
    revenue: { type: 'string', value: 'COLUMN', description: 'also report revenue per customer from this column' },
  },
  groups: [{ alternatives: [['by'], ['segments'], ['run'], ['rfm']], required: true }],
  conventions: ['response', 'tests', 'customers'],
  workspace: 'open',
  run: async (v, io) => {
    const choices: Grouping[] = [];
    if (v.bands !== undefined && !v.by) throw new UsageError('--bands goes with --by');
    const bands = v.bands === undefined ? undefined : Number(v.bands);
    if (bands !== undefined && !(Number.isInteger(bands) && bands >= 2 && bands <= 10)) throw new UsageError(`--bands must be a whole number from 2 to 10, not "${v.bands}"`);
    if (v.by) choices.push({ by: v.by, ...(bands !== undefined ? { bands } : {}) });
    if (v.segments?.length) choices.push({ segments: v.segments });
    if (v.run) choices.push({ run: v.run });
    if (v.rfm) choices.push({ rfm: v.rfm });
    if (choices.length !== 1) throw new UsageError('give exactly one of --by, --segments, --run, --rfm');
    const r = await io.api.outcomes.response({
      dataset: v.dataset,
      outcome: v.outcome,
      ...(v.positive !== undefined ? { positive: v.positive } : {}),
      ...(v.revenue ? { revenue: v.revenue } : {}),
      grouping: choices[0],
    });
    const withRevenue = v.revenue !== undefined;
    return {
      base: r.base,
      groups: r.groups.map((g) => ({
        group: g.group,
        n: g.n,
        positives: g.positives,
        rate: g.rate,
        ciLow: g.ciLow,
        ciHigh: g.ciHigh,
        lift: g.lift,
        pValue: g.pValue,
        test: g.test,
        pHolm: g.pHolm,
        small: g.small,
        ...(withRevenue ? { revenuePerCustomer: g.revenuePerCustomer } : {}),
      })),
      overall: r.overall ?? null,
      methods: r.methods,
      note: r.note,
      warnings: r.warnings,
      ...(r.bands ? { bands: { field: r.bands.field, edges: r.bands.edges, convention: r.bands.convention } } : {}),
    };
  },
  text: (r) =>
    [
      `base: ${r.base.positives}/${r.base.n} = ${pct(r.base.rate)}`,
      ...r.groups.map(
        (g) =>
          `  ${g.group}: n=${g.n} rate=${pct(g.rate)} [${pct(g.ciLow)}, ${pct(g.ciHigh)}] lift=${g.lift === null ? '–' : g.lift.toFixed(2)} p=${g.pValue.toPrecision(3)}` +
          ` (${g.test === 'fisher' ? 'Fisher exact' : 'z-test'}) p(Holm)=${g.pHolm === undefined ? '–' : g.pHolm.toPrecision(3)}${g.small ? ' (small group)' : ''}`,
      ),
      ...(r.overall ? [overallSentence(r.overall), `  ${r.overall.name}: chi-square ${r.overall.statistic.toFixed(2)}, df ${r.overall.df}, p ${r.overall.p.toPrecision(3)}`] : []),
      ...(r.methods ? [`methods: ${r.methods}`] : []),
      ...(r.note ? [`note: ${r.note}`] : []),
      ...r.warnings.map((w) => `warning: ${w}`),
    ].join('\n'),
});
