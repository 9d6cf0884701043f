import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { allTripleCounts, computeRfm, relabel, storedRfm } from './compute';
import { checkGrid, loadGrid, storeGrid } from './grid';
import { currentOrderStats } from '../customer-view/plan';

export const rfmHandlers = {
  compute: ({ transactions, asOf, returns, ...overrides }, ctx) => {
    const ws = ctx.ws();
    const r = computeRfm(ws, transactions, asOf, overrides, returns, (t) => currentOrderStats(ws, t));
    ctx.emit({ type: 'workspace', change: 'rfm', path: ctx.ws().file });
    return r;
  },
  result: ({ transactions }, ctx) => storedRfm(ctx.ws(), transactions),
  list: (_a, ctx) =>
    (ctx.ws().db.prepare('SELECT dataset, customers, as_of, computed_at FROM rfm_runs ORDER BY dataset').all() as { dataset: string; customers: number; as_of: string; computed_at: string }[]).map((r) => ({
      transactions: r.dataset,
      customers: r.customers,
      asOf: r.as_of,
      computedAt: r.computed_at,
    })),
  grid: (_a, ctx) => {
    const grid = loadGrid(ctx.ws());
    return { grid, check: checkGrid(grid, allTripleCounts(ctx.ws())) };
  },
  setGrid: ({ grid }, ctx) => {
    const ws = ctx.ws();
    const stored = storeGrid(ws, grid);
    relabel(ws);
    ctx.emit({ type: 'workspace', change: 'rfm', path: ws.file });
    return { grid: stored, check: checkGrid(stored, allTripleCounts(ws)) };
  },
} satisfies Handlers<EngineContext>['rfm'];
