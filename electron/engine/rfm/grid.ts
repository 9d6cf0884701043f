import { msg } from '../../../shared/i18n/current';
import { speaker } from '../../../shared/rules/speak';
import type { Workspace } from '../workspace/workspace';
import { AppError } from '../../../shared/contract/result';
import { RfmGridCellSchema, type RfmGridCell, type RfmGridCheck } from '../../../shared/contract/ns/rfm';
import { z } from 'zod';

/**
 * The standard named RFM segments on recency × frequency scores (monetary unrestricted),
 * laid out so the 25 R×F cells are covered exactly once.
 */
export const STANDARD_GRID: RfmGridCell[] = [
  { name: 'Champions', r: [5, 5], f: [4, 5], m: [1, 5] },
  { name: 'Loyal Customers', r: [3, 4], f: [4, 5], m: [1, 5] },
  { name: 'Potential Loyalists', r: [4, 5], f: [2, 3], m: [1, 5] },
  { name: 'New Customers', r: [5, 5], f: [1, 1], m: [1, 5] },
  { name: 'Promising', r: [4, 4], f: [1, 1], m: [1, 5] },
  { name: 'Need Attention', r: [3, 3], f: [3, 3], m: [1, 5] },
  { name: 'About To Sleep', r: [3, 3], f: [1, 2], m: [1, 5] },
  { name: 'At Risk', r: [1, 2], f: [3, 4], m: [1, 5] },
  { name: "Can't Lose Them", r: [1, 2], f: [5, 5], m: [1, 5] },
  { name: 'Hibernating', r: [2, 2], f: [1, 2], m: [1, 5] },
  { name: 'Lost', r: [1, 1], f: [1, 2], m: [1, 5] },
];

const GRID_KEY = 'rfm_grid';

export function loadGrid(ws: Workspace): RfmGridCell[] {
  const raw = ws.meta(GRID_KEY);
  if (!raw) return STANDARD_GRID;
  const parsed = z.array(RfmGridCellSchema).safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : STANDARD_GRID;
}

export function storeGrid(ws: Workspace, grid: RfmGridCell[] | null): RfmGridCell[] {
  if (grid === null) {
    ws.setMeta(GRID_KEY, null);
    return STANDARD_GRID;
  }
  const names = new Set<string>();
  grid.forEach((g, i) => {
    if (names.has(g.name)) throw new AppError('BAD_INPUT', msg('segments.rfmGrid.duplicateName', { row: i + 1, name: g.name }));
    names.add(g.name);
    for (const k of ['r', 'f', 'm'] as const) {
      if (g[k][0] > g[k][1]) throw new AppError('BAD_INPUT', msg('segments.rfmGrid.badRange', { row: i + 1, name: g.name, score: k.toUpperCase(), from: g[k][0], to: g[k][1] }));
    }
  });
  ws.setMeta(GRID_KEY, JSON.stringify(grid));
  return grid;
}

function covers(g: RfmGridCell, r: number, f: number, m: number): boolean {
  return r >= g.r[0] && r <= g.r[1] && f >= g.f[0] && f <= g.f[1] && m >= g.m[0] && m <= g.m[1];
}

/** The segment of a score triple: the first covering grid row (null in a gap). */
export function assign(grid: RfmGridCell[], r: number, f: number, m: number): string | null {
  for (const g of grid) if (covers(g, r, f, m)) return g.name;
  return null;
}

/**
 * Gaps and overlaps over all 125 score triples, with how many scored customers sit in each
 * (`counts[(r-1)*25 + (f-1)*5 + (m-1)]`, zeros when nothing is scored yet).
 */
export function checkGrid(grid: RfmGridCell[], counts: ArrayLike<number> = new Array(125).fill(0)): RfmGridCheck {
  const gaps: RfmGridCheck['gaps'] = [];
  const overlaps: RfmGridCheck['overlaps'] = [];
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++)
      for (let m = 1; m <= 5; m++) {
        const who = grid.filter((g) => covers(g, r, f, m)).map((g) => g.name);
        const customers = counts[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] ?? 0;
        if (who.length === 0) gaps.push({ r, f, m, customers });
        else if (who.length > 1) overlaps.push({ r, f, m, segments: who, customers });
      }
  const problems: string[] = [];
  const sp = speaker();
  const gapCustomers = gaps.reduce((a, g) => a + g.customers, 0);
  if (gaps.length) problems.push(gapCustomers ? msg('segments.rfmGrid.gapsUnassigned', { count: gaps.length, customers: gapCustomers, n: sp.num(gapCustomers) }) : msg('segments.rfmGrid.gaps', { count: gaps.length }));
  if (overlaps.length) problems.push(msg('segments.rfmGrid.overlaps', { count: overlaps.length }));
  return { gaps, overlaps, problems };
}
