import { isMethodDef, jobsOf, type ClientOf, type ContractDef, type HandlersOf, type JobsOf, type MethodDef } from './define';
import { host } from './ns/host';
import { workspace } from './ns/workspace';
import { jobsNamespace } from './ns/jobs';
import { datasets } from './ns/datasets';
import { profile } from './ns/profile';
import { demo } from './ns/demo';
import { audit } from './ns/audit';
import { fairness } from './ns/fairness';
import { erasure } from './ns/erasure';
import { exportsNs } from './ns/exports';
import { reports } from './ns/reports';
import { segments } from './ns/segments';
import { rfm } from './ns/rfm';
import { outcomes } from './ns/outcomes';
import { clusters } from './ns/clusters';
import { customerView } from './ns/customer-view';
import { i18n } from './ns/i18n';

/** The namespaces that declare methods and jobs; `jobs` (below) is built from the jobs they declare. */
const declared = {
  workspace,
  datasets,
  profile,
  demo,
  audit,
  fairness,
  erasure,
  exports: exportsNs,
  reports,
  segments,
  rfm,
  outcomes,
  clusters,
  customerView,
  i18n,
} as const;

/** Every job the namespaces declare, by kind (a kind declared twice fails at load). */
export const JOBS = jobsOf(declared);
export type Jobs = JobsOf<typeof declared>;

/**
 * The renderer↔engine contract: one declaration per method and job, grouped by namespace.
 * Every namespace here is implemented by the engine; hosts forward these calls to it, and
 * the engine validates arguments with the same schemas before a handler runs.
 * (`hostContract` below holds what only a host can do.)
 */
export const contract = {
  ...declared,
  jobs: jobsNamespace(JOBS),
} as const;

/** What only a host can do (native dialogs, host facts); every host implements it, the engine never does. */
export const hostContract = {
  host,
} as const;

/** Everything the renderer can call: the engine's namespaces plus the host's. */
export const appContract = { ...contract, ...hostContract } as const;

export type Contract = typeof contract;
export type HostContract = typeof hostContract;
export type AppContract = typeof appContract;
/** The promise-returning API the renderer and the CLI call (`api.host.*` only works inside a host). */
export type Api = ClientOf<AppContract>;
export type Namespace = keyof Contract;
/** What the engine implements: every namespace except `host`. */
export type Handlers<Ctx> = HandlersOf<Contract, Ctx>;
/** What every host implements. */
export type HostHandlers<Ctx> = HandlersOf<HostContract, Ctx>;

const methodNames = (defs: ContractDef) =>
  Object.entries(defs).flatMap(([ns, members]) => Object.entries(members).flatMap(([m, def]) => (isMethodDef(def) ? [`${ns}.${m}`] : [])));
/** Every `namespace.method` the engine answers. */
export const ENGINE_METHODS: readonly string[] = methodNames(contract);
/** Every `namespace.method` a host answers itself. */
export const HOST_METHODS: readonly string[] = methodNames(hostContract);
/** The allowlist hosts forward or answer: engine and host methods. */
export const API_METHODS: readonly string[] = [...ENGINE_METHODS, ...HOST_METHODS];

/** A declared method of `defs` (the engine's contract unless told otherwise); prototype keys and jobs never resolve. */
export function lookupMethod(ns: string, name: string, defs: ContractDef = contract): MethodDef | undefined {
  if (!Object.hasOwn(defs, ns)) return undefined;
  const members = defs[ns];
  if (!Object.hasOwn(members, name)) return undefined;
  const def = members[name];
  return isMethodDef(def) ? def : undefined;
}

/** The envelope every host forwards to the engine. */
export interface InvokeRequest {
  ns: string;
  method: string;
  args: unknown;
}
