import type { Api, InvokeRequest } from '../../shared/contract/api';
import { createApi } from '../../shared/contract/client';
import { EngineEventSchema, type EngineEvent } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';

/**
 * What a host puts on `window.api` (the Electron preload, or the web host's shim); nothing else of
 * the host is visible to the renderer. Mirrors the hosts' bridge declaration structurally.
 */
export interface HostBridge {
  invoke(req: InvokeRequest): Promise<Result<unknown>>;
  onEvent(listener: (event: unknown) => void): () => void;
  /** A local path for a dropped file (Electron: its own path; web host: a private uploaded copy). */
  pathForFile?: (file: File) => Promise<string>;
}

declare global {
  interface Window {
    api?: HostBridge;
  }
}

/** A native menu command pushed by the host. */
export interface MenuCommand {
  type: 'menu';
  command: string;
  path: string | null;
}

/** The renderer's whole view of the outside world: the typed contract plus pushed events. */
export interface IpcClient {
  api: Api;
  onEvent(cb: (event: EngineEvent | MenuCommand) => void): () => void;
  /** A local path for a dropped file; rejects when the host cannot make it available. */
  pathForFile(file: File): Promise<string>;
}

function asMenuCommand(raw: unknown): MenuCommand | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.type !== 'menu' || typeof r.command !== 'string') return null;
  return { type: 'menu', command: r.command, path: typeof r.path === 'string' ? r.path : null };
}

/** Wraps any bridge; events that match neither the engine's contract nor a menu command are dropped, not trusted. */
export function clientFromBridge(bridge: HostBridge): IpcClient {
  return {
    api: createApi((req) => bridge.invoke(req)),
    onEvent: (cb) =>
      bridge.onEvent((raw) => {
        const parsed = EngineEventSchema.safeParse(raw);
        if (parsed.success) return cb(parsed.data);
        const menu = asMenuCommand(raw);
        if (menu) cb(menu);
      }),
    pathForFile: async (file) => {
      if (!bridge.pathForFile) throw new Error(`${file.name}: this window cannot read dropped files; type the file's path instead.`);
      return bridge.pathForFile(file);
    },
  };
}

/** The client over `window.api`; throws a readable error when the page runs outside a host. */
export function connectToHost(): IpcClient {
  const bridge = window.api;
  if (!bridge || typeof bridge.invoke !== 'function' || typeof bridge.onEvent !== 'function') {
    throw new Error('SegmentDesk must be opened from the desktop app or from the URL printed by `npm run web` (no host bridge found).');
  }
  return clientFromBridge(bridge);
}
