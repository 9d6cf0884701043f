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
});
