import { describe, expect, it } from 'vitest';
import { FOUR_FIFTHS, formatRatio } from '../../../shared/fairness/ratio';

describe('formatRatio', () => {
  it('writes 2 decimals, 3 near the four-fifths line, more if rounding would carry the ratio across it', () => {
    expect(formatRatio(0.795)).toBe('0.795');
    expect(formatRatio(159 / 200)).toBe('0.795');
    expect(formatRatio(0.7996)).toBe('0.7996');
    expect(formatRatio(0.8 - 1e-9)).toBe('0.799999');
    expect(formatRatio(159 / 4100 / (200 / 4100))).toBe('0.795');
    expect(formatRatio(0.8)).toBe('0.800');
    expect(formatRatio(0.8049)).toBe('0.805');
    expect(formatRatio(0.794)).toBe('0.794');
    expect(formatRatio(0.789)).toBe('0.79');
    expect(formatRatio(0.812)).toBe('0.81');
    expect(formatRatio(0.44444)).toBe('0.44');
    expect(formatRatio(1)).toBe('1.00');
  });

  it('the number shown is below 0.8 exactly when the ratio is', () => {
    for (let i = 0; i <= 20000; i++) {
      const r = i / 20000;
      expect(Number(formatRatio(r)) < FOUR_FIFTHS, String(r)).toBe(r < FOUR_FIFTHS);
    }
  });
});
