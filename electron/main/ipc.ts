import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNEL } from '../../shared/contract/channels';
import type { Result } from '../../shared/contract/result';
import { isInvokeRequest } from '../host/dispatch';
import type { InvokeRequest } from '../../shared/contract/api';
import { isTrustedSender } from './policy';

/** Facts about the sender, read defensively: senderFrame is null once the frame has navigated or closed. */
export function senderFacts(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  // A frame without a parent is the top frame (compared by value, not by wrapper identity).
  return { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isMainFrame: !!frame && frame.parent === null };
}

/**
 * The one IPC entry point: checks the sender and the envelope, then hands the request to the dispatcher
 * (host.* answered in main, the rest by the engine worker). Failures come back as `{ok:false}` values.
 */
export function registerInvoke(ipc: IpcMain, trusted: ReadonlySet<number>, dispatch: (req: InvokeRequest) => Promise<Result<unknown>>): void {
  ipc.handle(INVOKE_CHANNEL, async (event, req: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(senderFacts(event), trusted)) return { ok: false, error: { code: 'BAD_REQUEST', message: 'request from an untrusted frame refused' } };
    if (!isInvokeRequest(req)) return { ok: false, error: { code: 'BAD_REQUEST', message: 'expected {ns, method, args}' } };
    return dispatch(req);
  });
}
