import { describe, expect, it } from 'vitest';
import { fmtAmount, fmtCount, fmtNumber, fmtPercent, fmtStat, formatCell } from '../../renderer/lib/format';

describe('display number format', () => {
  it('amounts and averages: thousands separators and two decimals', () => {
    expect(fmtAmount(68580.374018)).toBe('68,580.37');
    expect(fmtAmount(66395.24)).toBe('66,395.24');
    expect(fmtAmount(3)).toBe('3.00');
    expect(fmtAmount(-1234.5)).toBe('-1,234.50');
    expect(fmtAmount(0)).toBe('0.00');
    // tiny non-zero values are not rounded away to 0.00
    expect(fmtAmount(0.00314)).toBe('0.0031');
  });

  it('counts are whole numbers with separators, rounded when predicted', () => {
    expect(fmtCount(13955)).toBe('13,955');
    expect(fmtCount(14962.6)).toBe('14,963');
    expect(fmtCount(0)).toBe('0');
  });

  it('percentages have one decimal; other precisions on request; not-a-number reads as a dash', () => {
    expect(fmtPercent(0.6962)).toBe('69.6%');
    expect(fmtPercent(1)).toBe('100.0%');
    expect(fmtNumber(-115364.71, 1)).toBe('-115,364.7');
    for (const f of [fmtAmount, fmtCount, fmtPercent]) {
      expect(f(null)).toBe('–');
      expect(f(Number.NaN)).toBe('–');
    }
  });

  it('profile statistics: integers of an integer column as counts, averages and decimals as amounts, other types as the table shows them', () => {
    expect(fmtStat(371712, 'integer')).toBe('371,712');
    expect(fmtStat(56585.5, 'integer')).toBe('56,585.50');
    expect(fmtStat(68580.374018, 'integer', 'average')).toBe('68,580.37');
    expect(fmtStat(68580, 'integer', 'average')).toBe('68,580.00');
    expect(fmtStat(259.8, 'number')).toBe('259.80');
    expect(fmtStat(null, 'number')).toBe('—');
    expect(fmtStat('2024-01-02', 'date')).toBe('2024-01-02');
  });

  it("the data table's cells keep full precision", () => {
    expect(formatCell(68580.374018, 'number')).toBe('68,580.374018');
  });
});
