import type { InvokeRequest } from './api';
import { lookupMethod } from './api';
import type { ContractDef, HandlersOf } from './define';
import { toErrorData, type Result } from './result';

type LooseHandlers<Ctx> = Record<string, Record<string, (args: unknown, ctx: Ctx) => unknown>>;

/**
 * The one invoke pipeline, used by the engine for its contract and by every host for `host.*`:
 * look the method up in `defs`, validate the arguments, call the handler, check its result against the
 * contract, and turn any failure into `{ok:false, error}`. Never throws.
 */
export async function invokeContract<C extends ContractDef, Ctx>(defs: C, handlers: HandlersOf<C, Ctx>, ctx: Ctx, req: InvokeRequest): Promise<Result<unknown>> {
  const def = lookupMethod(req.ns, req.method, defs);
  if (!def) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${req.ns}.${req.method}` } };
  const parsed = def.input.safeParse(req.args ?? {});
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'BAD_REQUEST', message: `${req.ns}.${req.method}: ${message}` } };
  }
  try {
    // `defs` and `handlers` are keyed alike (HandlersOf<C>), so the looked-up method has its handler.
    const handler = (handlers as unknown as LooseHandlers<Ctx>)[req.ns][req.method];
    const value = await handler(parsed.data, ctx);
    const out = def.output.safeParse(value);
    if (!out.success) {
      // A handler returned something the contract does not promise: a bug, reported as such.
      return { ok: false, error: { code: 'INTERNAL', message: `${req.ns}.${req.method} returned an invalid result: ${out.error.issues[0]?.message}` } };
    }
    return { ok: true, value: out.data };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
