import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store';
import { MAX_IN_FLIGHT, MAX_PAGES, PAGE_SIZE } from '../../renderer/store/table';
import { memoryClient } from './helpers/memory-client';

const TOTAL = 1_000_000;

/** Rows computed from their index, so a "million-row dataset" costs nothing to hold. */
function rowsHandler(log: { offset: number; limit: number; sort?: unknown; search?: string }[]) {
  return ({ offset, limit, sort, search }: { offset: number; limit: number; sort?: { dir: string }; search?: string }) => {
    log.push({ offset, limit, sort, search });
    const total = search ? 10 : TOTAL;
    const n = Math.max(0, Math.min(limit, total - offset));
    const idx = (i: number) => (sort?.dir === 'desc' ? total - 1 - (offset + i) : offset + i);
    return {
      columns: ['id', 'value'],
      rows: Array.from({ length: n }, (_, i) => [`c${idx(i)}`, idx(i) * 2]),
      rowNumbers: Array.from({ length: n }, (_, i) => idx(i) + 1),
      total,
    };
  };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
};

describe('table slice (paged rows)', () => {
  it('loads only the pages in view and evicts old pages while scrolling a million rows', async () => {
    const log: { offset: number; limit: number }[] = [];
    const mc = memoryClient({ 'datasets.rows': rowsHandler(log) });
    const store = createAppStore(mc.client);
    store.getState().setTableQuery({ dataset: 'big', sort: null, search: '', filters: [] });
    await until(() => store.getState().table.total !== null);
    expect(store.getState().table.total).toBe(TOTAL);
    expect(log).toEqual([{ offset: 0, limit: PAGE_SIZE }]);

    await store.getState().ensureRows(150, 450); // pages 0 (cached), 1, 2
    expect(log.map((l) => l.offset)).toEqual([0, PAGE_SIZE, 2 * PAGE_SIZE]);
    expect(store.getState().table.pages[2].rows[0]).toEqual(['c400', 800]);
    expect(store.getState().table.pages[2].rowNumbers[0]).toBe(401);

    await store.getState().ensureRows(TOTAL - 30, TOTAL + 50); // the end: one page, clipped at total
    expect(log.at(-1)).toMatchObject({ offset: Math.floor((TOTAL - 30) / PAGE_SIZE) * PAGE_SIZE });

    for (let p = 10; p < 10 + MAX_PAGES + 5; p++) await store.getState().ensureRows(p * PAGE_SIZE, p * PAGE_SIZE + 10);
    expect(Object.keys(store.getState().table.pages)).toHaveLength(MAX_PAGES);
    expect(store.getState().table.pending).toEqual([]);
  });

  it('passes sort and search to datasets.rows and drops answers of a superseded query', async () => {
    const log: { offset: number; limit: number; sort?: unknown; search?: string }[] = [];
    const mc = memoryClient({ 'datasets.rows': rowsHandler(log) });
    const store = createAppStore(mc.client);
    store.getState().setTableQuery({ dataset: 'big', sort: null, search: '', filters: [] });
    // Superseded before the first answer arrives:
    store.getState().setTableQuery({ dataset: 'big', sort: { column: 'value', dir: 'desc' }, search: '', filters: [] });
    await until(() => store.getState().table.total !== null);
    expect(store.getState().table.pages[0].rows[0]).toEqual([`c${TOTAL - 1}`, (TOTAL - 1) * 2]);
    expect(log[1].sort).toEqual({ column: 'value', dir: 'desc' });

    store.getState().setTableQuery({ dataset: 'big', sort: null, search: 'c1', filters: [] });
    await until(() => store.getState().table.total === 10);
    expect(log.at(-1)).toMatchObject({ search: 'c1' });
    // The same query again is not refetched.
    store.getState().setTableQuery({ dataset: 'big', sort: null, search: 'c1', filters: [] });
    expect(log).toHaveLength(3);
  });

  it('a fast fling does not queue pages scrolled past: at most MAX_IN_FLIGHT requests, then the page in view', async () => {
    const log: { offset: number; limit: number }[] = [];
    const rows = rowsHandler([]);
    const gates: (() => void)[] = [];
    const mc = memoryClient({
      'datasets.rows': (args: { offset: number; limit: number }) =>
        new Promise((resolve) => {
          log.push(args);
          const answer = () => resolve(rows(args));
          if (args.offset === 0) answer();
          else gates.push(answer);
        }),
    });
    const store = createAppStore(mc.client);
    store.getState().setTableQuery({ dataset: 'big', sort: null, search: '', filters: [] });
    await until(() => store.getState().table.total !== null);
    const done: Promise<void>[] = [];
    for (let p = 10; p < 60; p++) done.push(store.getState().ensureRows(p * PAGE_SIZE, p * PAGE_SIZE + 30));
    await until(() => log.length - 1 >= MAX_IN_FLIGHT);
    await new Promise((r) => setTimeout(r, 20));
    expect(log.length - 1).toBe(MAX_IN_FLIGHT);
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(done);
    // Page 0, the two first pages that got a slot, and the page in view at the end; nothing in between.
    expect(log.map((l) => l.offset / PAGE_SIZE)).toEqual([0, 10, 11, 59]);
    expect(store.getState().table.pages[59].rowNumbers[0]).toBe(59 * PAGE_SIZE + 1);
  });

  it('rejects a page size the contract does not allow before calling anything (contract validation in the fake)', async () => {
    const mc = memoryClient({});
    const r = await mc.bridge.invoke({ ns: 'datasets', method: 'rows', args: { name: 'x', limit: 5000 } });
    expect(r.ok).toBe(false);
    expect(mc.calls).toHaveLength(0);
  });
});
