import { OVERALL_SHORT, type OverallTestResult, type PairTestName } from '../../shared/contract/stats';

/** A p-value for a table cell: four decimals, "<0.0001" below. */
export function pCell(p: number | undefined): string {
  if (p === undefined) return '–';
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

/** Which test gave a row's p-value, in a word or two. */
export function testLabel(t: PairTestName | undefined): string {
  return t === 'fisher' ? "Fisher's exact" : t === 'z' ? 'z-test' : '–';
}

/** The overall test's numbers for the details line. */
export function overallDetail(t: OverallTestResult): string {
  const parts = [
    t.name,
    `chi-square statistic ${t.statistic.toFixed(2)} on ${t.df} degree${t.df === 1 ? '' : 's'} of freedom`,
    `p = ${t.p < 0.0001 ? t.p.toExponential(2) : t.p.toFixed(4)}`,
    `${t.groups} groups`,
    `smallest expected count ${t.minExpected.toFixed(1)}`,
  ];
  if (t.draws !== undefined) parts.push(`${t.draws.toLocaleString('en')} simulated tables, seed ${t.seed}`);
  return `${parts.join('; ')}.`;
}

export { OVERALL_SHORT };
