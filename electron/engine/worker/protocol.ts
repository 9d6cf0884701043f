import type { InvokeRequest } from '../../../shared/contract/api';
import type { EngineEvent } from '../../../shared/contract/events';
import type { Result } from '../../../shared/contract/result';

/** Host → worker. */
export type ToWorker = { type: 'invoke'; seq: number; req: InvokeRequest } | { type: 'shutdown' };

/** Worker → host. */
export type FromWorker = { type: 'result'; seq: number; result: Result<unknown> } | { type: 'event'; event: EngineEvent } | { type: 'ready' };

export interface WorkerData {
  stateDir: string | null;
}
