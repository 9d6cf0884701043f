import { describe, expect, it } from 'vitest';
import { heatmap, staticSvg } from '../../../electron/engine/report/charts';
import { fmtAverage, fmtDayDifference, fmtNumber, fmtPercent } from '../../../electron/engine/report/format';

describe('report number formats', () => {
  it('thousands separators, two decimals for averages, one for percentages, dates as dates', () => {
    expect(fmtNumber(68580.374018)).toBe('68,580.37');
    expect(fmtNumber(1234.5, 0)).toBe('1,235');
    expect(fmtPercent(0.75)).toBe('75.0%');
    expect(fmtAverage(68580.374018, 'integer')).toBe('mean 68,580.37');
    expect(fmtAverage(0.75, 'boolean')).toBe('75.0% yes');
    // 19,179.98 days after 1970-01-01 is (to the nearest day) 2022-07-07.
    expect(fmtAverage(19179.98, 'date')).toBe('mean 2022-07-07');
    expect(fmtDayDifference(101.8)).toBe('102 days later');
    expect(fmtDayDifference(-1)).toBe('1 day earlier');
    expect(fmtDayDifference(0.2)).toBe('same day');
  });
});

describe('report charts', () => {
  it('drop the SSR hover rules (a gradient legend made fill:[object Object])', () => {
    const svg = heatmap(['a', 'b'], ['x', 'y'], [{ row: 0, col: 0, value: 1 }, { row: 0, col: 1, value: -1 }, { row: 1, col: 0, value: 0.5 }, { row: 1, col: 1, value: null }], { index: 0, min: -1, max: 1 });
    expect(svg).toContain('<svg');
    expect(svg).not.toContain('[object Object]');
    expect(svg).not.toContain(':hover');
    expect(staticSvg('<svg><style><![CDATA[\n.zr1-cls-0:hover {\ncursor:pointer;\nfill:[object Object];\n}\n]]>\n</style><rect class="zr1-cls-0"/></svg>')).toBe('<svg><rect class="zr1-cls-0"/></svg>');
  });
});
