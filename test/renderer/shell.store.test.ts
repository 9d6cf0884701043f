import { describe, expect, it } from 'vitest';
import { connectEvents, createAppStore } from '../../renderer/store';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient(ws.handlers);
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc, ws };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('workspace slice', () => {
  it('creates a workspace, remembers it and closes it', async () => {
    const { store, mc } = setup();
    expect(await store.getState().createWorkspace('  /tmp/a.sdw ')).toBe(true);
    expect(mc.calls.find((c) => c.name === 'workspace.create')?.args).toEqual({ path: '/tmp/a.sdw' });
    expect(store.getState().workspace?.workspace).toBe('/tmp/a.sdw');
    await tick();
    expect(store.getState().recent.map((r) => r.path)).toEqual(['/tmp/a.sdw']);
    await store.getState().closeWorkspace();
    expect(store.getState().workspace).toBeNull();
  });

  it('shows the engine error as a toast and keeps the start screen when opening fails', async () => {
    const { store } = setup();
    expect(await store.getState().openWorkspace('/nope.sdw')).toBe(false);
    expect(store.getState().workspace).toBeNull();
    const [toast] = store.getState().toasts;
    expect(toast).toMatchObject({ kind: 'error', message: '/nope.sdw: no such workspace file', code: 'NOT_FOUND' });
    expect(store.getState().workspaceBusy).toBe(false);
  });

  it('rejects arguments the contract rejects before any handler runs', async () => {
    const { store, mc } = setup();
    expect(await store.getState().createWorkspace('   ')).toBe(false);
    expect(store.getState().toasts[0]).toMatchObject({ kind: 'error', code: 'BAD_REQUEST' });
    expect(mc.calls).toHaveLength(0);
  });

  it('refetches the workspace info on workspace events', async () => {
    const { store, mc } = setup();
    await store.getState().createWorkspace('/tmp/b.sdw');
    mc.emit({ type: 'workspace', change: 'datasets', path: '/tmp/b.sdw' });
    await tick();
    expect(mc.calls.filter((c) => c.name === 'workspace.info')).toHaveLength(1);
    mc.emit({ type: 'workspace', change: 'closed', path: null });
    expect(store.getState().workspace).toBeNull();
  });

  it('ignores pushed events that match no contract schema', async () => {
    const { store, mc } = setup();
    mc.emit({ type: 'job', job: { jobId: 1 } });
    mc.emit('garbage');
    expect(store.getState().jobs).toEqual([]);
  });
});

describe('jobs slice', () => {
  it('tracks a started job from its events, cancels it and reports the outcome once', async () => {
    const { store, mc } = setup();
    const id = await store.getState().startJob('demo', { steps: 3, ms: 0 });
    expect(id).toBe('job-1');
    await tick();
    expect(store.getState().jobs).toMatchObject([{ jobId: 'job-1', state: 'running', total: 0 }]);
    mc.emit({ type: 'job', job: { jobId: 'job-1', kind: 'demo', label: 'Run demo', state: 'running', phase: 'step', done: 2, total: 3, startedAt: 1 } });
    expect(store.getState().jobs[0]).toMatchObject({ done: 2, total: 3 });
    await store.getState().cancelJob('job-1');
    await tick();
    expect(store.getState().jobs[0].state).toBe('cancelled');
    mc.emit({ type: 'job', job: { jobId: 'job-1', kind: 'demo', label: 'Run demo', state: 'cancelled', phase: 'cancelled', done: 0, total: 0, startedAt: 1 } });
    expect(store.getState().toasts.filter((t) => t.message.includes('cancelled'))).toHaveLength(1);
    store.getState().dismissJob('job-1');
    expect(store.getState().jobs).toEqual([]);
  });

  it('turns a failed job into an error toast carrying its message', () => {
    const { store, mc } = setup();
    mc.emit({
      type: 'job',
      job: { jobId: 'j', kind: 'demo', label: 'Import x.csv', state: 'failed', phase: 'failed', done: 0, total: 0, startedAt: 1, error: { code: 'BAD_INPUT', message: 'x.csv row 3, column "age": bad' } },
    });
    expect(store.getState().toasts[0]).toMatchObject({ kind: 'error', message: 'Import x.csv failed: x.csv row 3, column "age": bad', code: 'BAD_INPUT' });
  });

  it('Help → About opens the about dialog; File → Import without a workspace: no file explains what to do, a file starts a workspace for it', () => {
    const { store, mc } = setup();
    mc.emit({ type: 'menu', command: 'about', path: null });
    expect(store.getState().aboutOpen).toBe(true);
    mc.emit({ type: 'menu', command: 'import', path: null });
    expect(store.getState().wizard).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toMatch(/workspace first/);
    // A chosen file is staged on the start screen (a workspace named after it), not imported into nothing.
    mc.emit({ type: 'menu', command: 'import', path: '/x.csv' });
    expect(store.getState().wizard).toBeNull();
    expect(store.getState().startFile).toMatchObject({ name: 'x.csv', path: '/x.csv' });
  });

  it('routes a native File → Import menu command to the import wizard', async () => {
    const { store, mc } = setup();
    await store.getState().createWorkspace('/tmp/m.sdw');
    store.getState().navigate('segments');
    mc.emit({ type: 'menu', command: 'import', path: null });
    expect(store.getState().route).toBe('data');
    expect(store.getState().wizard).toMatchObject({ step: 'path', path: '' });
  });
});
