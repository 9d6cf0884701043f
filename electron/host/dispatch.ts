import { hostContract, lookupMethod, type HostHandlers, type InvokeRequest } from '../../shared/contract/api';
import { invokeContract } from '../../shared/contract/invoke';
import type { Result } from '../../shared/contract/result';

type Invoke = (req: InvokeRequest) => Promise<Result<unknown>>;

/** Whether a request envelope is well formed (a host receives it from an untrusted page). */
export function isInvokeRequest(x: unknown): x is InvokeRequest {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.ns === 'string' && typeof r.method === 'string';
}

/**
 * The one routing rule every host uses: `host.*` is answered here with the host's own handlers
 * (through the same invoke pipeline and schemas the engine uses), every other allowlisted method goes to the
 * engine, anything else is UNKNOWN_METHOD without reaching either.
 */
export function createDispatcher<Ctx>(handlers: HostHandlers<Ctx>, ctx: Ctx, engine: Invoke): Invoke {
  return async (req) => {
    if (lookupMethod(req.ns, req.method, hostContract)) return invokeContract(hostContract, handlers, ctx, req);
    if (!lookupMethod(req.ns, req.method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${req.ns}.${req.method}` } };
    return engine({ ns: req.ns, method: req.method, args: req.args ?? {} });
  };
}
