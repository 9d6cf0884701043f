import type { InvokeRequest } from './api';
import type { AppEvent } from './events';
import type { Result } from './result';

export type { AppEvent } from './events';

/**
 * `window.api`: the whole surface a host gives the renderer, identical in Electron (preload, via
 * contextBridge) and in the browser (the web host's shim). Only renderer/ipc touches it.
 */
export interface BridgeApi {
  /** Call any contract method (`host.*` answered by the host, the rest by the engine). Never throws: failures are `{ok:false}`. */
  invoke(req: InvokeRequest): Promise<Result<unknown>>;
  /** Subscribe to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * A local path for a file the user dropped on the window (or picked with <input type=file>), usable as an
   * `import` path. Electron returns the file's own path; the web host receives the bytes over loopback and
   * returns the path of a private temporary copy. Rejects when the file cannot be made available.
   */
  pathForFile(file: File): Promise<string>;
}
