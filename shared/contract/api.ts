import type { ClientOf, HandlersOf } from './define';
import { workspace } from './ns/workspace';
import { jobs } from './ns/jobs';
import { audit } from './ns/audit';

/**
 * The renderer↔engine contract: one declaration per method, grouped by namespace.
 * Hosts forward only `ns.method` pairs listed in API_METHODS; the engine validates
 * arguments with the same schemas before a handler runs.
 */
export const contract = {
  workspace,
  jobs,
  audit,
} as const;

export type Contract = typeof contract;
/** The promise-returning API the renderer and the CLI call. */
export type Api = ClientOf<Contract>;
export type Namespace = keyof Contract;
export type Handlers<Ctx> = HandlersOf<Contract, Ctx>;

/** The allowlist: every `namespace.method` the engine answers. */
export const API_METHODS: readonly string[] = Object.entries(contract).flatMap(([ns, methods]) =>
  Object.keys(methods).map((m) => `${ns}.${m}`),
);

export function lookupMethod(ns: string, name: string) {
  if (!Object.hasOwn(contract, ns)) return undefined;
  const methods = contract[ns as Namespace] as Record<string, { input: import('zod').ZodType; output: import('zod').ZodType }>;
  return Object.hasOwn(methods, name) ? methods[name] : undefined;
}

/** The envelope every host forwards to the engine. */
export interface InvokeRequest {
  ns: string;
  method: string;
  args: unknown;
}
