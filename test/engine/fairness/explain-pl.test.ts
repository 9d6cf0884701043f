import { afterEach, describe, expect, it } from 'vitest';
import { explainDisparity } from '../../../electron/engine/fairness/audit';
import { selectionRates } from '../../../electron/engine/fairness/stats';
import { setMessageLocale } from '../../../shared/i18n/current';

afterEach(() => setMessageLocale('en'));

function attribute(groups: { value: string; base: number; selected: number }[]) {
  const codes: number[] = [];
  const sel: number[] = [];
  groups.forEach((g, i) => {
    for (let r = 0; r < g.base; r++) {
      codes.push(i);
      sel.push(r < g.selected ? 1 : 0);
    }
  });
  const d = selectionRates(Int32Array.from(codes), groups.map((g) => g.value), Uint8Array.from(sel));
  return { attribute: 'płeć', category: 'gender' as const, binning: null, ...d };
}

describe('fairness findings in the message language', () => {
  it('Polish: decimal commas in rates, ratio and line, the small-group note and warnings', () => {
    setMessageLocale('pl');
    // 3.9% vs 4.9% of 1,000 each (ratio 39/49 = 0.796), and a group of 12 that is shown but not evidence.
    const a = attribute([
      { value: 'K', base: 1000, selected: 39 },
      { value: 'M', base: 1000, selected: 49 },
      { value: 'X', base: 12, selected: 1 },
    ]);
    const text = explainDisparity(a);
    expect(text).toMatch(/^płeć: grupa K jest wybierana w 3,9\s?%, grupa M w 4,9\s?% – iloraz 0,796, różnica 1,0 pkt proc\./);
    expect(text).toContain('Poniżej progu czterech piątych (0,8)');
    expect(text).toContain('Grupy liczące mniej niż 30 klientów (X) są pokazane, ale nie służą jako dowód.');
    expect(a.warnings.join(' ')).toContain('Mniej niż 30 klientów w grupach X');
    setMessageLocale('en');
    expect(explainDisparity(a)).toMatch(/^płeć: K is selected at 3\.9%, M at 4\.9%: a ratio of 0\.796 and a gap of 1\.0 percentage point\./);
  });
});
