import type { Grouping } from '../../../shared/contract/ns/outcomes';
import { list, required, str, UsageError, type CliCommand } from '../command';

export const responseCommand: CliCommand = {
  path: ['response'],
  summary: 'Compare groups on a binary outcome: rate, 95% Wilson interval, lift, two-proportion p-value per group',
  usage:
    'segmentdesk response --workspace WS --dataset NAME --outcome COLUMN [--positive VALUE] (--by COLUMN | --segments A,B | --run R | --rfm TRANSACTIONS) [--revenue COLUMN] [--json]',
  options: {
    dataset: { type: 'string' },
    outcome: { type: 'string' },
    positive: { type: 'string' },
    by: { type: 'string' },
    segments: { type: 'string', multiple: true },
    run: { type: 'string' },
    rfm: { type: 'string' },
    revenue: { type: 'string' },
  },
  workspace: 'open',
  run: async (v, _p, io) => {
    const choices: Grouping[] = [];
    if (str(v, 'by')) choices.push({ by: str(v, 'by')! });
    const segs = list(v, 'segments');
    if (segs?.length) choices.push({ segments: segs });
    if (str(v, 'run')) choices.push({ run: str(v, 'run')! });
    if (str(v, 'rfm')) choices.push({ rfm: str(v, 'rfm')! });
    if (choices.length !== 1) throw new UsageError('give exactly one of --by, --segments, --run, --rfm');
    const r = await io.api.outcomes.response({
      dataset: required(v, 'dataset'),
      outcome: required(v, 'outcome'),
      ...(str(v, 'positive') !== undefined ? { positive: str(v, 'positive') } : {}),
      ...(str(v, 'revenue') ? { revenue: str(v, 'revenue') } : {}),
      grouping: choices[0],
    });
    if (r.note) io.progress(`note: ${r.note}`);
    for (const w of r.warnings) io.progress(`warning: ${w}`);
    const withRevenue = str(v, 'revenue') !== undefined;
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
        ...(withRevenue ? { revenuePerCustomer: g.revenuePerCustomer } : {}),
      })),
    };
  },
  text: (r) => {
    const base = r.base as { n: number; positives: number; rate: number };
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const groups = r.groups as { group: string; n: number; rate: number; ciLow: number; ciHigh: number; lift: number | null; pValue: number }[];
    return [
      `base: ${base.positives}/${base.n} = ${pct(base.rate)}`,
      ...groups.map(
        (g) => `  ${g.group}: n=${g.n} rate=${pct(g.rate)} [${pct(g.ciLow)}, ${pct(g.ciHigh)}] lift=${g.lift === null ? '–' : g.lift.toFixed(2)} p=${g.pValue.toPrecision(3)}`,
      ),
    ].join('\n');
  },
};
