import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { eraseCustomers, previewErasure } from './erase';

export const erasureHandlers = {
  preview: ({ dataset, ids }, ctx) => previewErasure(ctx.ws().db, dataset, ids),
  erase: ({ dataset, ids }, ctx) => {
    const ws = ctx.ws();
    const result = eraseCustomers(ws.db, dataset, ids);
    // Mirrors, live counts and cached memberships were built from the erased rows.
    ws.invalidate();
    ctx.emit({ type: 'workspace', change: 'erasure', path: ws.file });
    return result;
  },
} satisfies Handlers<EngineContext>['erasure'];
