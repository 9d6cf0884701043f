import { appContract, lookupMethod, type InvokeRequest } from '../../../shared/contract/api';
import type { AppEvent, EngineEvent } from '../../../shared/contract/events';
import type { BridgeApi } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/contract/result';
import { clientFromBridge, type IpcClient } from '../../../renderer/ipc/client';

/**
 * The real engine needs Node (better-sqlite3, worker_threads), which happy-dom tests cannot load, so store and
 * component tests run against this small in-memory invoke function instead. It still validates every call's
 * arguments AND its reply with the real contract schemas, so a renderer call the engine would reject fails here
 * too. Real end-to-end behaviour (real engine, real files) is covered by test/e2e.
 */
export type FakeHandler = (args: never) => unknown;
export type FakeHandlers = Record<string, FakeHandler>;

export interface MemoryClient {
  client: IpcClient;
  bridge: BridgeApi;
  /** Every call made, as `ns.method` with its validated args. */
  calls: { name: string; args: unknown }[];
  emit(event: unknown): void;
  /** Replace or add handlers (`ns.method` keys). */
  handle(handlers: FakeHandlers): void;
}

export class FakeFailure extends Error {
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'NO_WORKSPACE' | 'IO',
    message: string,
  ) {
    super(message);
  }
}

export function memoryClient(initial: FakeHandlers = {}): MemoryClient {
  const handlers: FakeHandlers = { ...initial };
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: { name: string; args: unknown }[] = [];

  const bridge: BridgeApi = {
    invoke: async (req: InvokeRequest): Promise<Result<unknown>> => {
      const name = `${req.ns}.${req.method}`;
      const def = lookupMethod(req.ns, req.method, appContract);
      if (!def) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${name}` } };
      const parsed = def.input.safeParse(req.args);
      if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: `${name}: ${parsed.error.message}` } };
      calls.push({ name, args: parsed.data });
      const h = handlers[name];
      if (!h) return { ok: false, error: { code: 'INTERNAL', message: `test has no handler for ${name}` } };
      try {
        const value = await h(parsed.data as never);
        const out = def.output.safeParse(value);
        if (!out.success) throw new Error(`fake ${name} returned data the contract rejects: ${out.error.message}`);
        return { ok: true, value: out.data };
      } catch (err) {
        if (err instanceof FakeFailure) return { ok: false, error: { code: err.code, message: err.message } };
        throw err;
      }
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    pathForFile: async (file) => `/uploads/${file.name}`,
  };

  return {
    client: clientFromBridge(bridge),
    bridge,
    calls,
    emit: (e) => {
      // Pushed as is, like a real host could: the client must validate it.
      for (const l of listeners) l(e as AppEvent);
    },
    handle: (h) => Object.assign(handlers, h),
  };
}

/** A tiny in-memory workspace service (create/open/info/close/recent/suggestPath) plus jobs.start/cancel/list that emit job events. */
export function workspaceHandlers(mc: () => MemoryClient) {
  const files = new Set<string>();
  let current: string | null = null;
  const recent: { path: string; openedAt: string; exists: boolean }[] = [];
  let jobSeq = 0;
  const info = () => {
    if (!current) throw new FakeFailure('NO_WORKSPACE', 'no workspace is open');
    return { workspace: current, schemaVersion: 1, sizeBytes: 4096, createdAt: '2026-01-01T00:00:00Z', asOf: null, datasets: [] };
  };
  const remember = (path: string) => {
    recent.unshift({ path, openedAt: new Date().toISOString(), exists: true });
  };
  const handlers: FakeHandlers = {
    'workspace.create': ({ path }: { path: string }) => {
      if (files.has(path)) throw new FakeFailure('CONFLICT', `${path} already exists`);
      files.add(path);
      current = path;
      remember(path);
      return info();
    },
    'workspace.open': ({ path }: { path: string }) => {
      if (!files.has(path)) throw new FakeFailure('NOT_FOUND', `${path}: no such workspace file`);
      current = path;
      remember(path);
      return info();
    },
    'workspace.info': () => info(),
    'workspace.close': () => {
      const was = current !== null;
      current = null;
      return { closed: was };
    },
    'workspace.recent': () => recent,
    // An empty workspace: no step of the guided path done yet.
    'workspace.progress': () => (info(), { data: false, profile: false, clusters: false, segment: false, audit: false, response: false, report: false }),
    // Like the engine: the Documents folder (here always /home/me/Documents), the name numbered past existing files.
    'workspace.suggestPath': ({ name, dir = '/home/me/Documents' }: { name: string; dir?: string }) => {
      const stem = name.replace(/\.sdw$/, '');
      for (let n = 1; ; n++) {
        const path = `${dir}/${n === 1 ? name : `${stem}-${n}.sdw`}`;
        if (!files.has(path)) return { path, dir };
      }
    },
    'jobs.start': ({ kind }: { kind: string }) => {
      const jobId = `job-${++jobSeq}`;
      const status: EngineEvent = { type: 'job', job: { jobId, kind, label: `Run ${kind}`, state: 'running', phase: 'working', done: 0, total: 0, startedAt: 1 } };
      queueMicrotask(() => mc().emit(status));
      return { jobId };
    },
    'jobs.cancel': ({ jobId }: { jobId: string }) => {
      queueMicrotask(() =>
        mc().emit({ type: 'job', job: { jobId, kind: 'demo', label: 'Run demo', state: 'cancelled', phase: 'cancelled', done: 0, total: 0, startedAt: 1 } }),
      );
      return { cancelled: true };
    },
    'jobs.list': () => [],
  };
  return { handlers, files };
}
