import { afterIntegrity, whenChecked } from './db/integrity';
import { settleStored } from './mirror/store';
import { contract, type InvokeRequest } from '../../shared/contract/api';
import type { EngineEvent } from '../../shared/contract/events';
import type { JobKind } from '../../shared/contract/jobs';
import { invokeContract } from '../../shared/contract/invoke';
import { AppError, toErrorData, type Result } from '../../shared/contract/result';
import { AFTER_CHANGE, HANDLERS, JOB_IMPLS, registerCapabilityHooks } from './capabilities';
import type { JobImpl } from './capability';
import type { EngineContext } from './context';
import { requireWorkspace } from './context';
import { JobRunner } from './jobs/runner';
import type { Workspace } from './workspace/workspace';

export interface EngineOptions {
  stateDir?: string | null;
  /** Where workspaces closed intact are remembered (db/checked.ts); default: stateDir. */
  checkMemory?: string | null;
  onEvent?: (e: EngineEvent) => void;
  /**
   * The engine serves one command at a time and nothing else reads the workspace meanwhile (the CLI):
   * imports may then write on the workspace connection in rollback-journal mode (import/staging.ts).
   */
  headless?: boolean;
  /**
   * How often (ms) to check whether another process wrote to the open workspace, so views refresh
   * while the user is idle; 0 turns the poll off. Default 1000, and off when headless (the CLI
   * serves one command and exits). Requests check on every call regardless.
   */
  externalPollMs?: number;
}

/**
 * The engine: validates each request against the contract, runs its handler and
 * turns every outcome into a Result. Hosts reach it through the worker (electron/engine/worker)
 * or, in tests and the CLI, directly.
 */
export class Engine {
  private workspace: Workspace | null = null;
  readonly ctx: EngineContext;
  private listeners = new Set<(e: EngineEvent) => void>();
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(opts: EngineOptions = {}) {
    registerCapabilityHooks();
    if (opts.onEvent) this.listeners.add(opts.onEvent);
    const emit = (e: EngineEvent) => {
      if (e.type === 'workspace') {
        for (const hook of AFTER_CHANGE) {
          try {
            hook(this.workspace, e.change);
          } catch {
            // The write that announced the change is committed; what is derived from it is rebuilt on the next change or read.
          }
        }
      }
      for (const l of this.listeners) l(e);
    };
    this.ctx = {
      ws: () => requireWorkspace(this.workspace),
      current: () => this.workspace,
      setCurrent: (ws) => {
        this.workspace = ws;
        if (ws) ws.onExternalChange = () => emit({ type: 'workspace', change: 'external', path: ws.file });
      },
      jobs: new JobRunner((job) => emit({ type: 'job', job })),
      startJob: ({ kind, params }) => {
        // JOB_IMPLS is keyed by kind and `params` was parsed by that kind's schema, so they match.
        const impl = JOB_IMPLS[kind] as unknown as JobImpl<JobKind>;
        const p = params as never;
        const ws = this.workspace;
        return this.ctx.jobs.start(kind, impl.label(p), (job) => afterIntegrity(ws?.db ?? null, ws?.file ?? '', () => impl.run(p, this.ctx, job)), { group: impl.group?.(p) });
      },
      emit,
      stateDir: opts.stateDir ?? null,
      checkMemory: opts.checkMemory !== undefined ? opts.checkMemory : (opts.stateDir ?? null),
      headless: opts.headless ?? false,
    };
    const pollMs = opts.externalPollMs ?? (opts.headless ? 0 : 1000);
    if (pollMs > 0) {
      // PRAGMA data_version is one step on an open statement; the timer never keeps the process alive.
      this.poll = setInterval(() => {
        try {
          this.workspace?.syncExternal();
        } catch {
          // A file that cannot be read right now is noticed by the next request, which reports it.
        }
      }, pollMs);
      this.poll.unref();
    }
  }

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async invoke(req: InvokeRequest): Promise<Result<unknown>> {
    try {
      // Another process may have written since the last request: drop what it changed before serving.
      this.workspace?.syncExternal();
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
    const ws = this.workspace;
    return afterIntegrity(ws?.db ?? null, ws?.file ?? '', () => invokeContract(contract, HANDLERS, this.ctx, req), (r) => (r.ok ? null : r.error.message)).catch((err: unknown) => ({
      ok: false as const,
      error: toErrorData(err),
    }));
  }

  /** Typed convenience for tests and the CLI: throws AppError on failure. */
  async call<T = unknown>(ns: string, method: string, args: unknown = {}): Promise<T> {
    const r = await this.invoke({ ns, method, args });
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
    return r.value as T;
  }

  /**
   * Waits for writes deferred behind a background integrity check, and for the check itself (the CLI calls it
   * before exiting: Node joins the checking thread at exit anyway, and a finished check is remembered on closing).
   */
  async settle(): Promise<void> {
    const db = this.workspace?.db ?? null;
    await settleStored(db);
    if (db?.open) await whenChecked(db);
  }

  close(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    this.ctx.jobs.cancelAll();
    this.workspace?.close();
    this.workspace = null;
  }
}
