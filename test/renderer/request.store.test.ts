import { describe, expect, it } from 'vitest';
import { createRequester } from '../../renderer/store/request';
import { connectEvents, createAppStore, slicesFor } from '../../renderer/store';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function notices() {
  const errors: { message: string; source?: string }[] = [];
  const cleared: (string | undefined)[] = [];
  const requester = createRequester(() => ({
    notifyError: (err, source) => errors.push({ message: (err as Error).message, source }),
    clearToasts: (source) => cleared.push(source),
  }));
  return { ...requester, errors, cleared };
}

describe('request helper', () => {
  it('applies only the latest answer of a key, whatever order the answers arrive in', async () => {
    const { request } = notices();
    const first = deferred<string>();
    const second = deferred<string>();
    const applied: string[] = [];
    const a = request('k', () => first.promise, { onValue: (v) => applied.push(v) });
    const b = request('k', () => second.promise, { onValue: (v) => applied.push(v) });
    second.resolve('new');
    first.resolve('old');
    expect(await a).toBeUndefined();
    expect(await b).toBe('new');
    expect(applied).toEqual(['new']);
  });

  it('shows an error once, with its source, and drops errors of superseded requests', async () => {
    const { request, errors, cleared } = notices();
    const old = deferred<string>();
    const a = request('k', () => old.promise, { errorSource: 'x.load' });
    const b = request('k', () => Promise.reject(new Error('bad column')), { errorSource: 'x.load' });
    old.reject(new Error('stale failure'));
    await Promise.all([a, b]);
    expect(errors).toEqual([{ message: 'bad column', source: 'x.load' }]);
    // A later success of the same action drops its error toast.
    await request('k', async () => 1, { errorSource: 'x.load' });
    expect(cleared).toEqual(['x.load']);
  });

  it('null keys never supersede each other; dropAll discards every answer in flight', async () => {
    const { request, dropAll, errors } = notices();
    const applied: number[] = [];
    await Promise.all([request(null, async () => 1, { onValue: (v) => applied.push(v) }), request(null, async () => 2, { onValue: (v) => applied.push(v) })]);
    expect(applied.sort()).toEqual([1, 2]);
    const late = deferred<number>();
    const failing = deferred<number>();
    const a = request('k', () => late.promise, { onValue: (v) => applied.push(v) });
    const b = request(null, () => failing.promise);
    dropAll();
    late.resolve(3);
    failing.reject(new Error('of the previous workspace'));
    expect(await a).toBeUndefined();
    expect(await b).toBeUndefined();
    expect(applied).not.toContain(3);
    expect(errors).toEqual([]);
  });

  it('a silent request leaves the error to its caller', async () => {
    const { request, errors } = notices();
    const seen: unknown[] = [];
    await request('k', () => Promise.reject(new Error('no')), { silent: true, onError: (e) => seen.push(e) });
    expect(errors).toEqual([]);
    expect(seen).toHaveLength(1);
  });
});

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('slices follow the workspace', () => {
  function setup() {
    const ws = workspaceHandlers(() => mc);
    const mc: MemoryClient = memoryClient({
      ...ws.handlers,
      'segments.list': () => [],
      'rfm.grid': () => ({ grid: [], check: { gaps: [], overlaps: [], problems: [] } }),
      'segments.fields': () => ({ dataset: 'customers', rows: 0, fields: [] }),
      'segments.validate': () => ({ ok: true, issues: [], description: '' }),
      'segments.count': () => ({ count: 0, total: 0, share: 0, ms: 0, description: '' }),
      'clusters.features': () => [],
      'clusters.list': () => [],
    });
    const store = createAppStore(mc.client);
    connectEvents(store, mc.client);
    return { store, mc };
  }
  const count = (mc: MemoryClient, name: string) => mc.calls.filter((c) => c.name === name).length;

  it('declares dependencies: a change refetches only the slices that depend on it, external refetches all', () => {
    const names = (change: Parameters<typeof slicesFor>[0]) => slicesFor(change).length;
    expect(names('asOf')).toBeLessThan(names('segments'));
    expect(names('external')).toBeGreaterThan(names('segments'));
    expect(names('opened')).toBe(0);
  });

  it('refetches a loaded slice on a change it depends on and leaves the others alone', async () => {
    const { store, mc } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    store.setState({ activeDataset: 'customers' });
    await store.getState().loadSegmentsView();
    await store.getState().loadClusters();
    const [segs, clusters] = [count(mc, 'segments.list'), count(mc, 'clusters.list')];
    mc.emit({ type: 'workspace', change: 'segments', path: '/tmp/a.sdw' });
    await tick();
    await tick();
    expect(count(mc, 'segments.list')).toBe(segs + 1);
    expect(count(mc, 'clusters.list')).toBe(clusters);
  });

  it('opening another workspace resets every slice, toasts and finished jobs, and ignores late events of the old jobs', async () => {
    const { store, mc } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    await store.getState().createWorkspace('/tmp/b.sdw');
    await store.getState().openWorkspace('/tmp/a.sdw');
    store.setState({ outcomeDataset: 'customers', segDataset: 'customers', clKey: '/tmp/a.sdw\ncustomers', route: 'outcomes' });
    store.getState().notify('error', 'no dataset named customers');
    mc.emit({ type: 'job', job: { jobId: 'j1', kind: 'clv', label: 'Fit lifetime value', state: 'done', phase: 'done', done: 1, total: 1, startedAt: 1 } });
    mc.emit({ type: 'job', job: { jobId: 'j2', kind: 'cluster', label: 'Find clusters', state: 'running', phase: 'k=3', done: 1, total: 3, startedAt: 1 } });
    await store.getState().closeWorkspace();
    await store.getState().openWorkspace('/tmp/b.sdw');
    mc.emit({ type: 'job', job: { jobId: 'j2', kind: 'cluster', label: 'Find clusters', state: 'cancelled', phase: 'cancelled', done: 1, total: 3, startedAt: 1 } });
    const s = store.getState();
    expect(s.workspace?.workspace).toBe('/tmp/b.sdw');
    expect([s.outcomeDataset, s.segDataset, s.clKey, s.route]).toEqual([null, null, null, 'data']);
    expect(s.toasts).toEqual([]);
    expect(s.jobs).toEqual([]);
  });
});
