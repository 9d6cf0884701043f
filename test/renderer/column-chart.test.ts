import { describe, expect, it } from 'vitest';
import { columnChart } from '../../renderer/features/data/column-chart';
import type { ColumnProfile } from '../../shared/contract/ns/profile';

const base: ColumnProfile = {
  name: 'x', type: 'integer', role: 'behavioural', pii: false, sensitive: false, format: 'number', count: 3, missing: 0, missingShare: 0, distinct: 2,
  min: 1, max: 2, mean: 1.5, std: 0.5, median: 1, quantiles: [], skewness: 0, zeros: 0, histogram: [], top: [], cellErrors: 0,
};

describe('profile column charts', () => {
  it('a histogram with small counts ticks its count axis at whole numbers only', () => {
    const chart = columnChart({ ...base, histogram: [{ from: 1, to: 1.5, count: 1 }, { from: 1.5, to: 2, count: 2 }] });
    const yAxis = chart!.option.yAxis as { type: string; minInterval?: number };
    expect(yAxis).toMatchObject({ type: 'value', minInterval: 1 });
  });

  it('the most-frequent-values bars tick their count axis at whole numbers only', () => {
    const chart = columnChart({ ...base, type: 'category', histogram: [], top: [{ value: 'a', count: 2 }, { value: 'b', count: 1 }] });
    const xAxis = chart!.option.xAxis as { type: string; minInterval?: number };
    expect(xAxis).toMatchObject({ type: 'value', minInterval: 1 });
  });
});
