import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { Workspace } from './workspace';
import { readRecent, rememberRecent } from './recent';
import { listFolders, suggestWorkspacePath } from './suggest';
import { readProgress } from './progress';

function switchTo(ctx: EngineContext, ws: Workspace) {
  ctx.jobs.cancelAll();
  ctx.current()?.close();
  ctx.setCurrent(ws);
  if (ctx.stateDir) rememberRecent(ctx.stateDir, ws.file);
  ctx.emit({ type: 'workspace', change: 'opened', path: ws.file });
  return ws.info();
}

export const workspaceHandlers = {
  create: ({ path }, ctx) => switchTo(ctx, Workspace.create(path, { checkMemory: ctx.checkMemory })),
  open: ({ path }, ctx) => {
    if (ctx.current()?.file === Workspace.resolve(path)) return ctx.ws().info();
    return switchTo(ctx, Workspace.open(path, { checkMemory: ctx.checkMemory }));
  },
  info: (_args, ctx) => ctx.ws().info(),
  close: (_args, ctx) => {
    const ws = ctx.current();
    if (!ws) return { closed: false };
    ctx.jobs.cancelAll();
    ws.close();
    ctx.setCurrent(null);
    ctx.emit({ type: 'workspace', change: 'closed', path: null });
    return { closed: true };
  },
  recent: (_args, ctx) => (ctx.stateDir ? readRecent(ctx.stateDir) : []),
  suggestPath: ({ name, dir }) => suggestWorkspacePath(name, dir),
  listFolders: ({ path }) => listFolders(path),
  progress: (_args, ctx) => readProgress(ctx.ws()),
  setAsOf: ({ asOf }, ctx) => {
    const ws = ctx.ws();
    ws.setMeta('as_of', asOf);
    ctx.emit({ type: 'workspace', change: 'asOf', path: ws.file });
    return ws.info();
  },
} satisfies Handlers<EngineContext>['workspace'];
