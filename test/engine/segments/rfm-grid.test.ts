import { describe, expect, it } from 'vitest';
import { checkGrid, STANDARD_GRID, assign } from '../../../electron/engine/rfm/grid';
import { quintileScores } from '../../../electron/engine/rfm/compute';

describe('RFM grid and scores', () => {
  it('the standard grid covers every score combination exactly once', () => {
    const check = checkGrid(STANDARD_GRID);
    expect(check).toEqual({ gaps: [], overlaps: [], problems: [] });
    expect(STANDARD_GRID.map((g) => g.name)).toEqual([
      'Champions', 'Loyal Customers', 'Potential Loyalists', 'New Customers', 'Promising', 'Need Attention',
      'About To Sleep', 'At Risk', "Can't Lose Them", 'Hibernating', 'Lost',
    ]);
    expect(assign(STANDARD_GRID, 5, 5, 1)).toBe('Champions');
    expect(assign(STANDARD_GRID, 1, 1, 5)).toBe('Lost');
  });

  it('reports gaps and overlaps of an edited grid with the customers in them', () => {
    const edited = STANDARD_GRID.filter((g) => g.name !== 'Lost').concat([{ name: 'Everyone old', r: [1, 2], f: [1, 5], m: [1, 5] }]);
    const counts = new Array(125).fill(1);
    const check = checkGrid(edited.filter((g) => g.name !== 'Everyone old'), counts);
    expect(check.gaps).toHaveLength(10); // R=1, F=1..2, M=1..5
    expect(check.gaps.every((g) => g.r === 1 && g.f <= 2)).toBe(true);
    expect(check.problems[0]).toMatch(/10 score combinations are in no segment \(10 customers unassigned\)/);
    const over = checkGrid(edited, counts);
    expect(over.gaps).toEqual([]);
    expect(over.overlaps.length).toBe(40); // R1–2 × F1–5 × M1–5 minus the 10 former "Lost" cells
    expect(over.overlaps.find((o) => o.r === 2 && o.f === 1 && o.m === 1)?.segments).toEqual(['Hibernating', 'Everyone old']);
  });

  it('scores quintiles with ties sharing a score and recency reversed', () => {
    const f = quintileScores(Float64Array.from([1, 1, 1, 1, 1, 2, 3, 4, 5, 6]), true);
    expect(Array.from(f)).toEqual([1, 1, 1, 1, 1, 3, 4, 4, 5, 5]);
    const r = quintileScores(Float64Array.from([0, 10, 20, 30, 40]), false);
    expect(Array.from(r)).toEqual([5, 4, 3, 2, 1]);
  });
});
