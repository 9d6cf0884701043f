import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { heatmapOption, kChartOption } from '../../renderer/features/clusters/charts';
import { calibrationOption, clvHistogramOption, pAliveHeatmapOption, REVENUE_PER_MEMBER_LABEL, responseChartOption } from '../../renderer/features/outcomes/charts';
import { tr } from '../../renderer/i18n/active';
import { ResponsePanel } from '../../renderer/features/outcomes/ResponsePanel';
import { createAppStore, StoreProvider } from '../../renderer/store';
import { memoryClient } from './helpers/memory-client';
import type { ClusterRun } from '../../shared/contract/ns/clusters';
import type { ClvCharts, ClvResult, ResponseResult } from '../../shared/contract/ns/outcomes';

afterEach(cleanup);

// Only the fields the chart options read.
const run = {
  kScores: [2, 3, 4, 5, 6, 7, 8].map((k) => ({ k, inertia: 2000 / k, silhouette: 0.4 - k / 100 })),
  recommendedK: 2,
  clusters: [
    { cluster: 1, name: 'Earlier signup_date' },
    { cluster: 2, name: 'Later signup_date' },
  ],
  heatmap: { features: ['days since signup_date', 'preferred_channel', 'a very long engineered feature name indeed'], z: [[0.89, 0.1, 0.13], [-0.85, 0.08, 0.1]] },
} as unknown as ClusterRun;

const charts: ClvCharts = {
  clvHistogram: { edges: Array.from({ length: 31 }, (_, i) => i * 59.7), counts: Array.from({ length: 30 }, (_, i) => 300 - i * 9) },
  pAliveHeatmap: { frequency: ['0', '1', '2', '10+'], recency: ['0–27', '27–53', '53–80'], cells: [[0.9, null, 0.5], [0.8, 0.7, 0.6], [0.5, 0.4, 0.3], [0.2, 0.2, 0.1]], counts: [[1, 0, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]] },
  clvTop20Threshold: 900,
  likelyChurned: 12,
};

type Axis = { name?: string; nameLocation?: string; nameGap?: number; axisLabel?: Record<string, unknown>; tooltip?: { show?: boolean }; data?: string[] };
type Grid = { containLabel?: boolean; top?: number; bottom?: number };

describe('cluster chart options', () => {
  it('k chart: labels inside the grid, legend on its own top row, axis titles along the axes clear of the ticks', () => {
    const o = kChartOption(run);
    expect(o.grid).toMatchObject({ containLabel: true });
    expect(o.legend).toMatchObject({ top: 0 });
    expect((o.grid as Grid).top).toBeGreaterThanOrEqual(30);
    const x = o.xAxis as Axis;
    expect(x).toMatchObject({ nameLocation: 'middle' });
    expect(x.nameGap).toBeGreaterThan(20);
    const [left, right] = o.yAxis as Axis[];
    expect(left).toMatchObject({ name: 'Inertia', nameLocation: 'middle' });
    expect(right).toMatchObject({ name: 'Silhouette', nameLocation: 'middle' });
    expect(left.nameGap).toBeGreaterThan(40); // beyond "2,000"-wide tick labels
  });

  it('heatmap: every feature named, long names truncated with the full name on hover, colour scale away from the labels', () => {
    const o = heatmapOption(run);
    expect(o.grid).toMatchObject({ containLabel: true });
    const x = o.xAxis as Axis;
    expect(x.axisLabel).toMatchObject({ interval: 0, overflow: 'truncate' });
    expect(x.axisLabel?.width).toEqual(expect.any(Number));
    expect(x.tooltip).toEqual({ show: true });
    expect((o.yAxis as Axis).axisLabel).toMatchObject({ overflow: 'truncate' });
    expect(o.visualMap).toMatchObject([{ orient: 'vertical', right: 0 }]);
  });

  it('heatmap: category values in percentage points on their own colour scale, numbers standardised on theirs', () => {
    const mixed = { ...run, heatmap: { features: ['spend', 'channel = email', 'channel = web'], z: [[0.89, 12.3, -12.3], [-0.85, -12.3, 12.3]], kinds: ['effect', 'points', 'points'] as ('effect' | 'points')[] } };
    const o = heatmapOption(mixed);
    const series = o.series as { name: string; data: number[][]; label: { formatter: (p: { value: unknown }) => string } }[];
    expect(series).toHaveLength(2);
    expect(series[0].data).toEqual([[0, 0, 0.89], [0, 1, -0.85]]);
    expect(series[1].data).toEqual([[1, 0, 12.3], [2, 0, -12.3], [1, 1, -12.3], [2, 1, 12.3]]);
    expect(series[0].label.formatter({ value: [0, 0, 0.89] })).toBe('+0.89');
    expect(series[1].label.formatter({ value: [1, 0, 12.3] })).toBe('+12 pp');
    expect(series[1].label.formatter({ value: [2, 0, -12.3] })).toBe('−12 pp');
    expect(series[1].name).toMatch(/percentage points/);
    const maps = o.visualMap as { seriesIndex: number; min: number; max: number }[];
    expect(maps).toMatchObject([{ seriesIndex: 0, min: -2, max: 2 }, { seriesIndex: 1, min: -20, max: 20 }]);
  });
});

describe('outcome chart options', () => {
  it('CLV histogram: range labels with separators, slanted, at most about eight, overlaps hidden; axis names clear of them', () => {
    const o = clvHistogramOption(charts);
    expect(o.grid).toMatchObject({ containLabel: true });
    const x = o.xAxis as Axis;
    expect(x.data?.[20]).toBe('1,194–1,254');
    expect(x.axisLabel).toMatchObject({ rotate: 45, hideOverlap: true, interval: 3 });
    expect(x.nameGap).toBeGreaterThanOrEqual(50);
    expect((o.grid as Grid).top).toBeGreaterThanOrEqual(24); // room for the "customers" title
  });

  it('P(alive) heatmap: the colour scale stands at the right, not on the recency axis title', () => {
    const o = pAliveHeatmapOption(charts, 'weeks');
    expect(o.grid).toMatchObject({ containLabel: true });
    expect(o.visualMap).toMatchObject({ orient: 'vertical', right: 0, top: 'middle' });
    expect(o.visualMap).not.toHaveProperty('bottom');
    expect(o.xAxis).toMatchObject({ name: 'recency (weeks)', nameLocation: 'middle', axisLabel: { hideOverlap: true } });
    expect(o.yAxis).toMatchObject({ name: 'frequency', nameLocation: 'middle' });
  });

  it('calibration: legend on top, y title along the axis', () => {
    const o = calibrationOption({ calibration: { bins: [{ frequency: '0', actual: 1, predicted: 1.2 }] } } as unknown as ClvResult);
    expect(o.grid).toMatchObject({ containLabel: true });
    expect(o.legend).toMatchObject({ top: 0 });
    expect(o.yAxis).toMatchObject({ nameLocation: 'middle' });
  });

  it('response chart: labels inside the grid, long group names truncated with a tooltip', () => {
    const o = responseChartOption(result);
    expect(o.grid).toMatchObject({ containLabel: true });
    expect(o.xAxis).toMatchObject({ axisLabel: { overflow: 'truncate' }, tooltip: { show: true } });
  });
});

const result: ResponseResult = {
  dataset: 'customers',
  outcome: 'marketing_consent',
  positive: 'true',
  base: { n: 2015, positives: 1397, rate: 1397 / 2015 },
  unit: 'customers',
  groups: [
    { group: 'M', n: 958, positives: 667, rate: 667 / 958, ciLow: 0.666, ciHigh: 0.725, lift: 1.004, pValue: 0.7851, test: 'z', pHolm: 1, pAdjusted: 1, revenuePerCustomer: 65538.1722 },
    { group: 'F', n: 1057, positives: 730, rate: 730 / 1057, ciLow: 0.662, ciHigh: 0.718, lift: 0.996, pValue: 0.7851, test: 'z', pHolm: 1, pAdjusted: 1, revenuePerCustomer: 64460.14 },
  ],
  excluded: 12345,
  note: null,
  warnings: [],
  overall: { method: 'chi-square', name: 'Pearson chi-square test of independence (no continuity correction)', statistic: 0.0743, df: 1, p: 0.7851, groups: 2, minExpected: 293.4 },
  methods: 'Each group against everyone else in the base: two-proportion z-test (pooled, two-sided), or Fisher\'s exact test; p-values Holm-adjusted over the 2 groups (pHolm).',
};

describe('response table', () => {
  it('says how missing revenue is counted and formats numbers for reading', () => {
    const store = createAppStore(memoryClient({}).client);
    store.setState({ responseResult: result });
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    const header = screen.getByTestId('response-revenue-header');
    expect(header.textContent).toBe(tr(REVENUE_PER_MEMBER_LABEL));
    expect(header.textContent).toMatch(/missing counted as 0/);
    expect(header.getAttribute('title')).toMatch(/divided by all its members/);
    const rows = [...screen.getByTestId('response-table').querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows[0]).toEqual(['M', '958', '667', '69.6%', '66.6% – 72.5%', '1.00', '0.7851', 'z-test', '1.0000', '65,538.17']);
    expect(rows[1][1]).toBe('1,057');
    expect(screen.getByTestId('response-base').textContent).toContain('1,397 of 2,015 (69.3%)');
    expect(screen.getByTestId('response-base').textContent).toContain('12,345 rows left out');
  });

  it('states the overall test in plain words, names the test per row, and keeps the technical detail one click away', () => {
    const store = createAppStore(memoryClient({}).client);
    // north: 3 of 3, south: 0 of 4 (Fisher), the overall test exact (numbers from test/engine/outcomes/response-tests.test.ts).
    store.setState({
      responseResult: {
        ...result,
        groups: [
          { group: 'north', n: 3, positives: 3, rate: 1, ciLow: 0.44, ciHigh: 1, lift: 3.6, pValue: 0.01797990481226864, test: 'fisher', pHolm: 0.0719, pAdjusted: 0.0719, small: true, revenuePerCustomer: null },
          { group: 'south', n: 4, positives: 0, rate: 0, ciLow: 0, ciHigh: 0.49, lift: 0, pValue: 0.5675680520574711, test: 'fisher', pHolm: 1, pAdjusted: 1, small: true, revenuePerCustomer: null },
        ],
        overall: { method: 'fisher-freeman-halton', name: 'Fisher–Freeman–Halton exact test, two-sided (an expected count is under 5)', statistic: 9.6077, df: 3, p: 0.03787183087256227, groups: 4, minExpected: 0.82 },
        warnings: ["Fisher's exact test instead of the z-test for north, south: an expected count is under 5."],
      },
    });
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    expect(screen.getByTestId('response-overall').textContent).toBe('Overall: the groups differ more than chance would explain (Fisher–Freeman–Halton exact test, p = 0.04).');
    const rows = [...screen.getByTestId('response-table').querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows[0][0]).toBe('north (small group)');
    expect(rows[0].slice(6, 9)).toEqual(['0.0180', "Fisher's exact", '0.0719']);
    const details = screen.getByTestId('response-tests');
    expect(details.tagName).toBe('DETAILS');
    expect(details.textContent).toContain('chi-square statistic 9.61 on 3 degrees of freedom');
    expect(details.textContent).toContain('smallest expected count 0.8');
    expect(screen.getByText(/Fisher's exact test instead of the z-test for north, south/)).toBeTruthy();
  });
});

describe('heatmap labels', () => {
  it('sign follows the shown number: no "−0 pp" or "−0.00"', async () => {
    const { heatLabel } = await import('../../renderer/features/clusters/charts');
    expect(heatLabel(-0.3, 'points')).toBe('0 pp');
    expect(heatLabel(-0.004, 'effect')).toBe('0.00');
    expect(heatLabel(-2.15, 'effect')).toBe('−2.15');
    expect(heatLabel(17.6, 'points')).toBe('+18 pp');
  });
});
