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

describe('profile column charts: one bar per value for small whole-number and yes/no columns', () => {
  type Bar = { xAxis: { type: string; data: string[] }; series: { data: number[] }[] };
  it('draws a 0/1/2 column (the engine bins it by 1) as bars labelled 0, 1, 2, not ranges', () => {
    const kids = { ...base, name: 'Kidhome', distinct: 3, histogram: [{ from: 0, to: 1, count: 1293 }, { from: 1, to: 2, count: 899 }, { from: 2, to: 3, count: 48 }] };
    const chart = columnChart(kids)!;
    const o = chart.option as unknown as Bar;
    expect(o.xAxis.data).toEqual(['0', '1', '2']);
    expect(o.series[0].data).toEqual([1293, 899, 48]);
    expect(chart.label).toBe('Rows per value of Kidhome');
  });

  it('keeps ranges for decimals, for wide integer ranges and for more than 12 values', () => {
    const decimal = columnChart({ ...base, type: 'number', histogram: [{ from: 0, to: 1, count: 3 }, { from: 1, to: 2, count: 2 }] })!;
    expect((decimal.option as unknown as Bar).xAxis.data).toEqual(['0 – 1', '1 – 2']);
    const wide = columnChart({ ...base, histogram: [{ from: 0, to: 2.5, count: 3 }, { from: 2.5, to: 5, count: 2 }] })!;
    expect((wide.option as unknown as Bar).xAxis.data[0]).toBe('0 – 2.5');
    const many = Array.from({ length: 13 }, (_, i) => ({ from: i, to: i + 1, count: 1 }));
    expect((columnChart({ ...base, histogram: many })!.option as unknown as Bar).xAxis.data[0]).toBe('0 – 1');
  });

  it('draws a yes/no column as no then yes, whichever is more frequent', () => {
    const chart = columnChart({ ...base, type: 'boolean', histogram: [], top: [{ value: 1, count: 9 }, { value: 0, count: 3 }] })!;
    const y = chart.option.yAxis as { data: string[] };
    // Horizontal bars list from the bottom: reversed, "no" is drawn on top.
    expect(y.data).toEqual(['yes', 'no']);
    expect((chart.option.series as { data: number[] }[])[0].data).toEqual([9, 3]);
  });
});
