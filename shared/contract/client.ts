import type { Api, InvokeRequest } from './api';
import { appContract } from './api';
import { isMethodDef } from './define';
import type { Result } from './result';
import { RemoteError } from './result';

export type Invoker = (req: InvokeRequest) => Promise<Result<unknown>>;

/**
 * Builds the typed Api from any transport (IPC, HTTP, direct engine). Failures become
 * RemoteError so callers can `await api.ns.method(args)` and catch one error type.
 */
export function createApi(invoke: Invoker): Api {
  const api: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const [ns, methods] of Object.entries(appContract)) {
    api[ns] = {};
    for (const [method, def] of Object.entries(methods)) {
      if (!isMethodDef(def)) continue;
      api[ns][method] = async (args: unknown) => {
        const r = await invoke({ ns, method, args: args ?? {} });
        if (!r.ok) throw new RemoteError(r.error);
        return r.value;
      };
    }
  }
  return api as unknown as Api;
}
