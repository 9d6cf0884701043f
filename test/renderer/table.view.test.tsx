import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import DataView from '../../renderer/features/data/DataView';
import { tableViewOf } from '../../renderer/store/table';
import { memoryClient, type MemoryClient } from './helpers/memory-client';
import type { ColumnInfo, DatasetInfo } from '../../shared/types/columns';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 5)));
};

const col = (name: string, type: ColumnInfo['type']): ColumnInfo => ({ name, type, role: 'other', pii: false, sensitive: false, sensitiveCategory: null, missing: 0 });
const ds = (name: string, columns: ColumnInfo[], version = 1): DatasetInfo => ({
  name, kind: 'customers', version, versions: version, rows: 50, cellErrors: 0, idColumn: null, linkedTo: null, importedAt: '2026-01-01', sourceFile: '/x.csv', columns,
});

type RowsArgs = { name: string; sort?: { column: string; dir: string }; search?: string; filters?: unknown[] };

/** A workspace with two datasets whose `customers` columns the test can change (a new version). */
function setup() {
  const state = {
    datasets: [ds('customers', [col('id', 'text'), col('value', 'integer')]), ds('orders', [col('order', 'text'), col('amount', 'number')])],
    path: '',
  };
  const info = () => ({ workspace: state.path, schemaVersion: 1, sizeBytes: 4096, createdAt: '2026-01-01T00:00:00Z', asOf: null, datasets: state.datasets });
  const mc: MemoryClient = memoryClient({
    'workspace.create': ({ path }: { path: string }) => ((state.path = path), info()),
    'workspace.open': ({ path }: { path: string }) => ((state.path = path), info()),
    'workspace.info': () => info(),
    'workspace.recent': () => [],
    'datasets.rows': ({ name }: RowsArgs) => {
      const names = state.datasets.find((d) => d.name === name)!.columns.map((c) => c.name);
      return { columns: names, rows: [names.map((n) => `${n}1`)], rowNumbers: [1], total: 1 };
    },
  });
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  const rowsCalls = () => mc.calls.filter((c) => c.name === 'datasets.rows').map((c) => c.args as RowsArgs);
  return { store, mc, state, rowsCalls };
}

const mount = (store: AppStore) => render(<StoreProvider store={store}><DataView /></StoreProvider>);

async function addFilter(column: string, op: string, value: string) {
  fireEvent.change(screen.getByTestId('filter-column'), { target: { value: column } });
  fireEvent.change(screen.getByTestId('filter-op'), { target: { value: op } });
  fireEvent.change(screen.getByTestId('filter-value'), { target: { value } });
  await act(async () => {
    fireEvent.click(screen.getByTestId('filter-add'));
  });
}

const chips = () => screen.queryAllByTestId('filter-chip').map((c) => c.firstChild?.textContent);

describe('data table view state (sort, filters, search) per dataset', () => {
  it('survives leaving the Data view and coming back, without refetching', async () => {
    const { store, rowsCalls } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    const view = mount(store);
    await until(() => store.getState().table.total !== null);

    await addFilter('value', '>', '5');
    await addFilter('id', 'contains', 'c');
    fireEvent.change(screen.getByTestId('table-search'), { target: { value: 'anna' } });
    await until(() => rowsCalls().at(-1)?.search === 'anna');
    fireEvent.click(screen.getByTestId('sort-value'));
    await until(() => rowsCalls().at(-1)?.sort !== undefined);
    expect(rowsCalls().at(-1)).toMatchObject({ name: 'customers', sort: { column: 'value', dir: 'asc' }, search: 'anna', filters: [{ column: 'value', op: '>', value: 5 }, { column: 'id', op: 'contains', value: 'c' }] });
    const calls = rowsCalls().length;

    // Leave (Alt+2 unmounts the view) and come back.
    view.unmount();
    act(() => store.getState().navigate('clusters'));
    act(() => store.getState().navigate('data'));
    mount(store);
    expect(chips()).toEqual(['value > 5', 'id contains c']);
    expect((screen.getByTestId('table-search') as HTMLInputElement).value).toBe('anna');
    expect(screen.getByTestId('sort-value').parentElement?.getAttribute('aria-sort')).toBe('ascending');
    await act(() => new Promise((r) => setTimeout(r, 300)));
    // The same query: the cached rows are shown, not asked for again.
    expect(rowsCalls()).toHaveLength(calls);
    expect(store.getState().table.query).toMatchObject({ dataset: 'customers', search: 'anna', sort: { column: 'value', dir: 'asc' } });
  });

  it('keeps one view per dataset; switching datasets restores each one', async () => {
    const { store, rowsCalls } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    mount(store);
    await until(() => store.getState().table.total !== null);
    await addFilter('value', '>', '5');
    await act(async () => {
      fireEvent.change(screen.getByTestId('dataset-select'), { target: { value: 'orders' } });
    });
    expect(chips()).toEqual([]);
    fireEvent.click(screen.getByTestId('sort-amount'));
    await until(() => rowsCalls().at(-1)?.name === 'orders' && rowsCalls().at(-1)?.sort !== undefined);
    await act(async () => {
      fireEvent.change(screen.getByTestId('dataset-select'), { target: { value: 'customers' } });
    });
    expect(chips()).toEqual(['value > 5']);
    expect(screen.getByTestId('sort-value').parentElement?.getAttribute('aria-sort')).toBe('none');
    await until(() => rowsCalls().at(-1)?.name === 'customers');
    expect(rowsCalls().at(-1)).toMatchObject({ name: 'customers', filters: [{ column: 'value', op: '>', value: 5 }] });
    expect(rowsCalls().at(-1)?.sort).toBeUndefined();
    await act(async () => {
      fireEvent.change(screen.getByTestId('dataset-select'), { target: { value: 'orders' } });
    });
    expect(screen.getByTestId('sort-amount').parentElement?.getAttribute('aria-sort')).toBe('ascending');
  });

  it('a new version keeps the view when the columns are the same and drops it when they changed', async () => {
    const { store, mc, state } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    mount(store);
    await until(() => store.getState().table.total !== null);
    await addFilter('value', '>', '5');

    state.datasets = [ds('customers', [col('id', 'text'), col('value', 'integer')], 2), state.datasets[1]];
    await act(async () => mc.emit({ type: 'workspace', change: 'datasets', path: '/tmp/a.sdw' }));
    await until(() => store.getState().workspace?.datasets[0].version === 2);
    expect(chips()).toEqual(['value > 5']);

    // Version 3 drops `value`: a filter (or sort) on it no longer applies.
    state.datasets = [ds('customers', [col('id', 'text'), col('score', 'number')], 3), state.datasets[1]];
    await act(async () => mc.emit({ type: 'workspace', change: 'datasets', path: '/tmp/a.sdw' }));
    await until(() => store.getState().workspace?.datasets[0].version === 3);
    expect(chips()).toEqual([]);
    await until(() => store.getState().table.query?.filters.length === 0);
    expect(tableViewOf(store.getState(), 'customers')).toMatchObject({ filters: [], sort: null });
  });

  it('opening another workspace (even with same-named datasets) starts every table afresh', async () => {
    const { store } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    const view = mount(store);
    await until(() => store.getState().table.total !== null);
    await addFilter('value', '>', '5');
    expect(tableViewOf(store.getState(), 'customers')?.filters).toHaveLength(1);
    view.unmount();
    await act(async () => {
      await store.getState().openWorkspace('/tmp/b.sdw');
    });
    expect(store.getState().tableViews).toEqual({});
    expect(store.getState().table.query).toBeNull();
    mount(store);
    expect(chips()).toEqual([]);
    await until(() => store.getState().table.query !== null);
    expect(store.getState().table.query).toMatchObject({ dataset: 'customers', filters: [], sort: null, search: '' });
  });
});

describe('data table keyboard use', () => {
  it('moves an active cell with the arrows (aria-activedescendant), and Enter on a column name sorts', async () => {
    const { store, rowsCalls } = setup();
    await store.getState().createWorkspace('/tmp/a.sdw');
    mount(store);
    await until(() => store.getState().table.total !== null);
    await until(() => screen.queryAllByRole('gridcell').some((c) => c.textContent === 'id1'));
    const grid = screen.getByRole('grid');
    // One tab stop; focusing it makes the first data cell active.
    expect(grid.getAttribute('tabindex')).toBe('0');
    act(() => grid.focus());
    const activeText = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '')?.textContent;
    expect(activeText()).toBe('id1');
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(activeText()).toBe('value1');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    // One row only: the active cell stays on it.
    expect(activeText()).toBe('value1');
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(activeText()).toBe('id1');
    fireEvent.keyDown(grid, { key: 'End' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    const header = document.getElementById(grid.getAttribute('aria-activedescendant')!)!;
    expect(header.getAttribute('role')).toBe('columnheader');
    expect(header.textContent).toContain('value');
    await act(async () => {
      fireEvent.keyDown(grid, { key: 'Enter' });
    });
    await until(() => rowsCalls().at(-1)?.sort !== undefined);
    expect(rowsCalls().at(-1)).toMatchObject({ sort: { column: 'value', dir: 'asc' } });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    // The description of the keys is attached to the grid.
    expect(document.getElementById(grid.getAttribute('aria-describedby')!)?.textContent).toMatch(/Arrow keys move between cells/);
  });
});
