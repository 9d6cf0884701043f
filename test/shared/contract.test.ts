import { describe, expect, it } from 'vitest';
import { API_METHODS, ENGINE_METHODS, HOST_METHODS, JOBS, appContract, contract, hostContract, lookupMethod } from '../../shared/contract/api';
import { isMethodDef, type ContractDef } from '../../shared/contract/define';
import { CAPABILITIES, HANDLERS as handlers, JOB_IMPLS } from '../../electron/engine/capabilities';
import type { Capability } from '../../electron/engine/capability';
import { webHostHandlers } from '../../electron/host/host-handlers';
import { electronHostHandlers } from '../../electron/main/host-handlers';

describe('contract', () => {
  const names = (defs: object) => Object.entries(defs).flatMap(([ns, ms]) => Object.keys(ms as object).map((m) => `${ns}.${m}`));
  // The methods a contract declares (a namespace's `jobs` member declares jobs, not a method).
  const methodNames = (defs: ContractDef) => Object.entries(defs).flatMap(([ns, ms]) => Object.entries(ms).flatMap(([m, def]) => (isMethodDef(def) ? [`${ns}.${m}`] : [])));

  it('lists every declared method in the allowlist', () => {
    expect([...API_METHODS].sort()).toEqual(methodNames(appContract).sort());
    expect([...ENGINE_METHODS].sort()).toEqual(methodNames(contract).sort());
    expect([...HOST_METHODS].sort()).toEqual(methodNames(hostContract).sort());
    expect(API_METHODS.length).toBeGreaterThan(5);
    // One declaration per method: no namespace is both the engine's and the host's.
    expect(Object.keys(contract).filter((ns) => Object.hasOwn(hostContract, ns))).toEqual([]);
  });

  it('has an engine handler for every engine method and nothing else', () => {
    expect(names(handlers).sort()).toEqual([...ENGINE_METHODS].sort());
    for (const [ns, hs] of Object.entries(handlers)) for (const fn of Object.values(hs)) expect(typeof fn, ns).toBe('function');
  });

  it('has, in every host, a handler for every declared method (engine methods forwarded, host methods its own)', () => {
    const hosts = { web: webHostHandlers, electron: electronHostHandlers };
    for (const [name, hostHandlers] of Object.entries(hosts)) {
      expect(names(hostHandlers).sort(), name).toEqual([...HOST_METHODS].sort());
      for (const hs of Object.values(hostHandlers)) for (const fn of Object.values(hs)) expect(typeof fn, name).toBe('function');
      expect([...names(handlers), ...names(hostHandlers)].sort(), name).toEqual([...API_METHODS].sort());
    }
  });

  it('has a job implementation for every declared job kind', () => {
    expect(Object.keys(JOB_IMPLS).sort()).toEqual(Object.keys(JOBS).sort());
    // The kind names are public (CLI, renderer): keep them.
    expect(Object.keys(JOBS).sort()).toEqual(['cluster', 'clv', 'demo', 'export', 'import']);
    // Compile-time checks (tsc): a capability must implement its namespace's jobs, and only those.
    // @ts-expect-error the clusters namespace declares the `cluster` job
    const missingJob: Capability<'clusters'> = { handlers: CAPABILITIES.clusters.handlers };
    // @ts-expect-error the workspace namespace declares no job
    const strayJob: Capability<'workspace'> = { handlers: CAPABILITIES.workspace.handlers, jobs: { demo: JOB_IMPLS.demo } };
    expect([missingJob, strayJob].every((c) => typeof c.handlers === 'object')).toBe(true);
  });

  it('does not resolve names outside the allowlist (prototype keys included)', () => {
    expect(lookupMethod('workspace', 'constructor')).toBeUndefined();
    expect(lookupMethod('__proto__', 'toString')).toBeUndefined();
    expect(lookupMethod('workspace', 'info')).toBeDefined();
    // A namespace's jobs are started through jobs.start, never called as methods.
    expect(lookupMethod('datasets', 'jobs')).toBeUndefined();
    expect(API_METHODS).not.toContain('outcomes.jobs');
    // The engine's lookup never resolves host methods; hosts look them up in hostContract.
    expect(lookupMethod('host', 'info')).toBeUndefined();
    expect(lookupMethod('host', 'info', hostContract)).toBeDefined();
  });

  it('validates arguments with the same schema the types come from', () => {
    expect(contract.workspace.create.input.safeParse({ path: '' }).success).toBe(false);
    expect(contract.workspace.create.input.safeParse({ path: '/tmp/a.sdw' }).success).toBe(true);
    expect(contract.workspace.setAsOf.input.safeParse({ asOf: '2024-13' }).success).toBe(false);
  });

  it("validates jobs.start's params with the schema of the kind named", () => {
    const start = contract.jobs.start.input;
    expect(start.safeParse({ kind: 'demo', params: { steps: 0 } }).success).toBe(false);
    expect(start.safeParse({ kind: 'import', params: {} }).success).toBe(false);
    expect(start.safeParse({ kind: 'nope', params: {} }).success).toBe(false);
    expect(start.parse({ kind: 'demo', params: { steps: 3 } })).toEqual({ kind: 'demo', params: { steps: 3, ms: 100 } });
    // Params may be left out when the kind's schema accepts `{}`.
    expect(start.parse({ kind: 'demo' })).toEqual({ kind: 'demo', params: { steps: 50, ms: 100 } });
    expect(start.parse({ kind: 'import', params: { path: '/a.csv' } })).toMatchObject({ kind: 'import', params: { path: '/a.csv', as: 'customers' } });
  });
});
