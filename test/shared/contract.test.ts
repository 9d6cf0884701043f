import { describe, expect, it } from 'vitest';
import { API_METHODS, contract, lookupMethod } from '../../shared/contract/api';
import { handlers } from '../../electron/engine/handlers';
import { JOB_KINDS } from '../../shared/contract/jobs';
import { JOB_IMPLS } from '../../electron/engine/jobs/kinds';

describe('contract', () => {
  it('lists every declared method in the allowlist', () => {
    const declared = Object.entries(contract).flatMap(([ns, ms]) => Object.keys(ms).map((m) => `${ns}.${m}`));
    expect([...API_METHODS].sort()).toEqual(declared.sort());
    expect(API_METHODS.length).toBeGreaterThan(5);
  });

  it('has an engine handler for every declared method and nothing else', () => {
    const implemented = Object.entries(handlers).flatMap(([ns, hs]) => Object.keys(hs).map((m) => `${ns}.${m}`));
    expect(implemented.sort()).toEqual([...API_METHODS].sort());
    for (const [ns, hs] of Object.entries(handlers)) for (const fn of Object.values(hs)) expect(typeof fn, ns).toBe('function');
  });

  it('has a job implementation for every declared job kind', () => {
    expect(Object.keys(JOB_IMPLS).sort()).toEqual(Object.keys(JOB_KINDS).sort());
  });

  it('does not resolve names outside the allowlist (prototype keys included)', () => {
    expect(lookupMethod('workspace', 'constructor')).toBeUndefined();
    expect(lookupMethod('__proto__', 'toString')).toBeUndefined();
    expect(lookupMethod('workspace', 'info')).toBeDefined();
  });

  it('validates arguments with the same schema the types come from', () => {
    expect(contract.workspace.create.input.safeParse({ path: '' }).success).toBe(false);
    expect(contract.workspace.create.input.safeParse({ path: '/tmp/a.sdw' }).success).toBe(true);
    expect(contract.workspace.setAsOf.input.safeParse({ asOf: '2024-13' }).success).toBe(false);
  });
});
