import { hostContract, lookupMethod, type HostHandlers, type InvokeRequest } from '../../shared/contract/api';
import { AppError, type Result } from '../../shared/contract/result';

type Invoke = (req: InvokeRequest) => Promise<Result<unknown>>;

function errorData(err: unknown) {
  if (err instanceof AppError) return err.toData();
  return { code: 'INTERNAL' as const, message: err instanceof Error ? err.message : String(err) };
}

/** Whether a request envelope is well formed (a host receives it from an untrusted page). */
export function isInvokeRequest(x: unknown): x is InvokeRequest {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.ns === 'string' && typeof r.method === 'string';
}

/**
 * The one routing rule every host uses: `host.*` is answered here with the host's own handlers
 * (validated against the same schemas the engine uses), every other allowlisted method goes to the
 * engine, anything else is UNKNOWN_METHOD without reaching either.
 */
export function createDispatcher<Ctx>(handlers: HostHandlers<Ctx>, ctx: Ctx, engine: Invoke): Invoke {
  return async (req) => {
    const hostDef = lookupMethod(req.ns, req.method, hostContract);
    if (hostDef) {
      const parsed = hostDef.input.safeParse(req.args ?? {});
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
        return { ok: false, error: { code: 'BAD_REQUEST', message: `${req.ns}.${req.method}: ${message}` } };
      }
      try {
        const nsHandlers = handlers[req.ns as keyof HostHandlers<Ctx>] as Record<string, (a: unknown, c: Ctx) => unknown>;
        const value = hostDef.output.parse(await nsHandlers[req.method](parsed.data, ctx));
        return { ok: true, value };
      } catch (err) {
        return { ok: false, error: errorData(err) };
      }
    }
    if (!lookupMethod(req.ns, req.method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${req.ns}.${req.method}` } };
    return engine({ ns: req.ns, method: req.method, args: req.args ?? {} });
  };
}
