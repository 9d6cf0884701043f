import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { getMirror } from '../mirror';
import { getDataset } from '../workspace/catalog';
import { clvSegment } from './clv-segment';
import { clvCharts, loadClvResult } from './clv-store';
import { outcomeValues, suggestPositive } from './outcome-units';
import { responseAnalysis } from './response';
import { markStep } from '../workspace/progress';

export const outcomesHandlers = {
  response: (args, ctx) => {
    const result = responseAnalysis(ctx.ws(), args);
    markStep(ctx.ws(), 'response');
    return result;
  },
  outcomeColumns: ({ dataset }, ctx) => {
    const ws = ctx.ws();
    getDataset(ws.db, dataset);
    const m = getMirror(ws, dataset);
    const out: { name: string; values: string[]; suggestedPositive: string | null }[] = [];
    for (const c of m.columns.values()) {
      if (c.kind === 'date') {
        // A response date can be an outcome (responded when present) only if some rows lack it.
        if (c.values.some((v) => Number.isNaN(v))) out.push({ name: c.name, values: [], suggestedPositive: null });
        continue;
      }
      const values = outcomeValues(c);
      if (values && values.length === 2) out.push({ name: c.name, values, suggestedPositive: suggestPositive(values) ?? (c.kind === 'number' ? values[1] : null) });
    }
    // Columns whose positive value is recognisable (yes/true/1, …) are the likely outcomes: list them first.
    return out.sort((a, b) => Number(b.suggestedPositive !== null) - Number(a.suggestedPositive !== null));
  },
  clv: ({ transactions }, ctx) => {
    const ws = ctx.ws();
    const result = loadClvResult(ws, transactions);
    return result ? { result, charts: clvCharts(ws, transactions) } : null;
  },
  clvSegment: ({ transactions, kind, name }, ctx) => {
    const ws = ctx.ws();
    const info = clvSegment(ws, transactions, kind, name);
    ctx.emit({ type: 'workspace', change: 'segments', path: ws.file });
    return info;
  },
} satisfies Handlers<EngineContext>['outcomes'];
