import type { InvokeRequest } from '../../../shared/contract/api';
import type { EngineEvent } from '../../../shared/contract/events';
import type { Result } from '../../../shared/contract/result';

/** Host → worker. `printed` answers a worker's `print` request (PDF bytes, or the host's error message). */
export type ToWorker =
  | { type: 'invoke'; seq: number; req: InvokeRequest }
  | { type: 'printed'; id: number; pdf: Uint8Array }
  | { type: 'printed'; id: number; error: string }
  | { type: 'shutdown' };

/** Worker → host. `print` asks the host to render report HTML to PDF (only sent when `WorkerData.hostPrints`). */
export type FromWorker =
  | { type: 'result'; seq: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent }
  | { type: 'print'; id: number; html: string }
  | { type: 'ready' };

export interface WorkerData {
  stateDir: string | null;
  /** The host registered a printPdf provider: the engine prints report PDFs through it instead of headless Chromium. */
  hostPrints?: boolean;
}
