import { ALPHA, OVERALL_SHORT, type OverallTestResult, type PairTestName } from '../../shared/contract/stats';
import { activeFormats, tr } from '../i18n/active';

/** A p-value for a table cell: four decimals, "<0.0001" below (in the window's number format). */
export function pCell(p: number | undefined): string {
  if (p === undefined) return '–';
  const f = activeFormats();
  return p < 0.0001 ? `<${f.number(0.0001, 4)}` : f.number(p, 4);
}

/** Which test gave a row's p-value, in a word or two. */
export function testLabel(t: PairTestName | undefined): string {
  return t === 'fisher' ? tr('outcomes.tests.fisher') : t === 'z' ? tr('outcomes.tests.z') : '–';
}

/** The overall test's numbers for the details line. */
export function overallDetail(t: OverallTestResult): string {
  const f = activeFormats();
  const p = t.p < 0.0001 ? t.p.toExponential(2) : f.number(t.p, 4);
  const values = { name: t.name, statistic: f.number(t.statistic, 2), df: t.df, p, groups: t.groups, minExpected: f.number(t.minExpected, 1) };
  return t.draws !== undefined
    ? tr('outcomes.tests.overallDetailSimulated', { ...values, draws: t.draws, seed: t.seed ?? 0 })
    : tr('outcomes.tests.overallDetail', values);
}

/** The overall test as a select key of the catalogue (ICU keys cannot hold hyphens). */
const METHOD_KEY: Record<OverallTestResult['method'], string> = {
  'chi-square': 'chiSquare',
  'fisher-exact': 'fisherExact',
  'fisher-freeman-halton': 'fisherFreemanHalton',
  'chi-square-monte-carlo': 'monteCarlo',
};

/** A p-value in prose: "p < 0.001", "p = 0.003", "p = 0.25" (the window's number format). */
export function pText(p: number): string {
  const f = activeFormats();
  return p < 0.001 ? tr('outcomes.tests.pBelow', { p: f.number(0.001, 3) }) : tr('outcomes.tests.pEquals', { p: f.number(p, p < 0.01 ? 3 : 2) });
}

/** "Overall: the groups differ more than chance would explain (chi-square test, p = 0.003)." in the window's language. */
export function overallLine(t: OverallTestResult): string {
  return tr(t.p < ALPHA ? 'outcomes.tests.overallDiffer' : 'outcomes.tests.overallChance', { method: METHOD_KEY[t.method], p: pText(t.p) });
}

export { OVERALL_SHORT };
