/**
 * window.api in a browser tab served by the web host: the same shape as Electron's preload
 * (shared/contract/bridge.ts), over same-origin HTTP. The token travels in an HttpOnly cookie the
 * host set on first load, so this script never sees it.
 *
 * Bundled for the browser (esbuild iife), but type-checked with the Node project, which has no DOM
 * types: the few browser globals it needs are declared here, module-scoped.
 */
import type { InvokeRequest } from '../../../shared/contract/api';
import type { AppEvent, BridgeApi } from '../../../shared/contract/bridge';
import { EVENT_CHANNEL } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/contract/result';

interface MessageLike {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (ev: MessageLike) => void): void;
}
declare const EventSource: new (url: string) => EventSourceLike;
declare const window: { api?: BridgeApi };

const base = './';
const listeners = new Set<(e: AppEvent) => void>();
let source: EventSourceLike | null = null;

function connect(): void {
  // EventSource reconnects by itself after a drop; one stream serves every listener.
  source = new EventSource(`${base}api/events`);
  source.addEventListener(EVENT_CHANNEL, (ev) => {
    let event: AppEvent;
    try {
      event = JSON.parse(ev.data) as AppEvent;
    } catch {
      return;
    }
    for (const l of listeners) l(event);
  });
}

async function asResult(res: Response): Promise<Result<unknown>> {
  try {
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'IO', message: `web host answered ${res.status} ${res.statusText}` } };
  }
}

const api: BridgeApi = {
  async invoke(req: InvokeRequest) {
    try {
      const res = await fetch(`${base}api/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req), credentials: 'same-origin' });
      return await asResult(res);
    } catch (e) {
      return { ok: false, error: { code: 'IO', message: `cannot reach the SegmentDesk web host: ${String(e)}` } };
    }
  },
  onEvent(listener) {
    if (!source) connect();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  async pathForFile(file: File) {
    const res = await fetch(`${base}api/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file, credentials: 'same-origin' });
    const r = await asResult(res);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { path: string }).path;
  },
};

window.api = Object.freeze(api);
