import type { Api } from '../../shared/contract/api';
import type { BridgeApi } from '../../shared/contract/bridge';
import { createApi } from '../../shared/contract/client';
import { AppEventSchema, type AppEvent } from '../../shared/contract/events';
import { tr } from '../i18n/active';

declare global {
  interface Window {
    /** What a host puts there (the Electron preload, or the web host's shim); absent outside a host. */
    api?: BridgeApi;
  }
}

/** The renderer's whole view of the outside world: the typed contract plus pushed events. */
export interface IpcClient {
  api: Api;
  /** Pushed events that match the contract's schemas; anything else a host sends is dropped, not trusted. */
  onEvent(cb: (event: AppEvent) => void): () => void;
  /** A local path for a dropped file; rejects when the host cannot make it available. */
  pathForFile(file: File): Promise<string>;
}

/** Wraps any bridge; events are validated with the shared schemas before anything sees them. */
export function clientFromBridge(bridge: BridgeApi): IpcClient {
  return {
    api: createApi((req) => bridge.invoke(req)),
    onEvent: (cb) =>
      bridge.onEvent((raw: unknown) => {
        const parsed = AppEventSchema.safeParse(raw);
        if (parsed.success) cb(parsed.data);
      }),
    pathForFile: async (file) => {
      // The bridge is the host's object: an older host may lack this member whatever its declared type says.
      if (typeof bridge.pathForFile !== 'function') throw new Error(tr('app.ipc.noDrop', { file: file.name }));
      return bridge.pathForFile(file);
    },
  };
}

/** The client over `window.api`; throws a readable error when the page runs outside a host. */
export function connectToHost(): IpcClient {
  const bridge = window.api;
  if (!bridge || typeof bridge.invoke !== 'function' || typeof bridge.onEvent !== 'function') {
    throw new Error(tr('app.ipc.noBridge'));
  }
  return clientFromBridge(bridge);
}
