import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { AttributeCard } from '../../../renderer/features/responsible/AttributeCard';
import { ratioBadge } from '../../../renderer/features/responsible/rate-chart';
import type { AttributeAudit } from '../../../shared/contract/ns/fairness';
import { memoryClient } from '../helpers/memory-client';

afterEach(cleanup);

/** Gender in a segment at 3.88% vs 4.88% of 4,100 customers each: ratio 159/200 = 0.795, flagged. */
const gender: AttributeAudit = {
  attribute: 'gender',
  category: 'gender',
  ratio: 159 / 4100 / (200 / 4100),
  difference: 41 / 4100,
  flag: true,
  binning: null,
  groups: [
    { value: 'F', base: 4100, selected: 159, rate: 159 / 4100, small: false },
    { value: 'M', base: 4100, selected: 200, rate: 200 / 4100, small: false },
  ],
  explanation: 'gender: F is selected at 3.9%, M at 4.9%: a ratio of 0.795 and a gap of 1.0 percentage point.',
};

describe('fairness attribute card', () => {
  it('the badge shows the ratio with the precision that agrees with its flag', () => {
    expect(ratioBadge(gender)).toBe('ratio 0.795 · below 0.8');
    expect(ratioBadge({ ratio: 0.8, flag: false })).toBe('ratio 0.800');
    expect(ratioBadge({ ratio: 0.7996, flag: true })).toBe('ratio 0.7996 · below 0.8');
    expect(ratioBadge({ ratio: 0.444, flag: true })).toBe('ratio 0.44 · below 0.8');
    expect(ratioBadge({ ratio: null, flag: false })).toBe('not comparable');
  });

  it('renders the badge and the gap in percentage points', () => {
    const store = createAppStore(memoryClient({}).client);
    render(
      <StoreProvider store={store}>
        <AttributeCard a={gender} />
      </StoreProvider>,
    );
    expect(screen.getByTestId('fair-flag-gender').textContent).toBe('ratio 0.795 · below 0.8');
    expect(screen.getByTestId('fair-attr-gender').textContent).toContain('Difference between highest and lowest rate: 1.0 percentage points.');
  });

  it('says in plain words whether the groups differ, which group is the reference, and keeps the tests in a details block', () => {
    const store = createAppStore(memoryClient({}).client);
    const a: AttributeAudit = {
      ...gender,
      groups: [
        { value: 'F', base: 4100, selected: 159, rate: 159 / 4100, small: false, test: 'z', pValue: 0.0269, pHolm: 0.0538 },
        { value: 'M', base: 4100, selected: 200, rate: 200 / 4100, small: false },
        { value: 'X', base: 6, selected: 0, rate: 0, small: true, test: 'fisher', pValue: 1, pHolm: 1 },
        { value: '(missing)', base: 40, selected: 4, rate: 0.1, small: false, test: 'z', pValue: 0.09, pHolm: 0.18 },
      ],
      referenceGroup: 'M',
      referenceExcludes: ['(missing)'],
      overall: { method: 'fisher-freeman-halton', name: 'Fisher–Freeman–Halton exact test, two-sided (an expected count is under 5)', statistic: 5.1, df: 2, p: 0.003, groups: 3, minExpected: 0.27 },
      warnings: ['Fewer than 30 customers in X: shown, but their rates are uncertain and they do not count toward the ratio.'],
    };
    render(
      <StoreProvider store={store}>
        <AttributeCard a={a} />
      </StoreProvider>,
    );
    expect(screen.getByTestId('fair-overall-gender').textContent).toBe('Overall: the groups differ more than chance would explain (Fisher–Freeman–Halton exact test, p = 0.003).');
    expect(screen.getByTestId('fair-reference-gender').textContent).toBe(
      'Each group is compared with M, the highest rate among groups of 30 or more customers; (missing) is shown but never used as the reference.',
    );
    expect(screen.getByTestId('fair-warnings-gender').textContent).toMatch(/Fewer than 30 customers in X/);
    const details = screen.getByTestId('fair-tests-gender');
    expect(details.tagName).toBe('DETAILS');
    const rows = [...details.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['F', 'z-test', '0.0269', '0.0538'],
      ['M', 'reference', '–', '–'],
      ['X', "Fisher's exact", '1.0000', '1.0000'],
      ['(missing)', 'z-test', '0.0900', '0.1800'],
    ]);
  });
});
