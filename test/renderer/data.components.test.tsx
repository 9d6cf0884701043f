import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { DataTable } from '../../renderer/features/data/DataTable';
import { ImportWizard } from '../../renderer/features/data/ImportWizard';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';
import { fakePreview } from './helpers/data-fakes';
import type { ColumnSpec } from '../../shared/contract/ns/datasets';
import type { ColumnInfo } from '../../shared/types/columns';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

function setup(extra: Record<string, (args: never) => unknown> = {}) {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient({
    ...ws.handlers,
    'datasets.preview': ({ path, columns }: { path: string; columns?: ColumnSpec[] }) => fakePreview(path, { columns }),
    ...extra,
  });
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc };
}

const withStore = (store: AppStore, ui: React.ReactNode) => render(<StoreProvider store={store}>{ui}</StoreProvider>);

const cols: ColumnInfo[] = [
  { name: 'id', type: 'text', role: 'id', pii: false, sensitive: false, sensitiveCategory: null, missing: 0 },
  { name: 'value', type: 'integer', role: 'behavioural', pii: false, sensitive: false, sensitiveCategory: null, missing: 0 },
];

describe('data components', () => {
  it('the virtualised table renders only the rows in view of a million-row result', async () => {
    const { store } = setup({
      'datasets.rows': ({ offset, limit }: { offset: number; limit: number }) => ({
        columns: ['id', 'value'],
        rows: Array.from({ length: limit }, (_, i) => [`c${offset + i}`, offset + i]),
        rowNumbers: Array.from({ length: limit }, (_, i) => offset + i + 1),
        total: 1_000_000,
      }),
    });
    withStore(store, <DataTable columns={cols} />);
    act(() => store.getState().setTableQuery({ dataset: 'big', sort: null, search: '', filters: [] }));
    await until(() => store.getState().table.total !== null);
    const grid = screen.getByRole('grid', { name: 'Dataset rows' });
    expect(grid.getAttribute('aria-rowcount')).toBe('1000001');
    const rows = screen.getAllByTestId('table-row');
    expect(rows.length).toBeLessThan(100);
    expect(rows[0].textContent).toContain('c0');
    // Every row carries every column's cell, and the frame around the row block clips only vertically: it is
    // as wide as the viewport while the rows are as wide as all the columns, so clipping sideways left the
    // right-hand cells undrawn when the table was scrolled (or sorted by a right-hand column).
    expect(rows[0].querySelectorAll('[role="gridcell"]')).toHaveLength(cols.length);
    const frame = screen.getByTestId('table-rows-frame');
    expect(frame.style.overflowY).toBe('clip');
    expect(frame.style.overflowX).toBe('visible');
    // Sorting by a header asks for a new query.
    fireEvent.click(screen.getByTestId('sort-value'));
    expect(store.getState().table.query?.sort).toEqual({ column: 'value', dir: 'asc' });
    fireEvent.click(screen.getByTestId('sort-value'));
    expect(store.getState().table.query?.sort).toEqual({ column: 'value', dir: 'desc' });
    fireEvent.click(screen.getByTestId('sort-value'));
    expect(store.getState().table.query?.sort).toBeNull();
  });

  it('the import wizard previews a path, re-parses when a column type changes, and marks cells that would be rejected', async () => {
    const { store, mc } = setup();
    await store.getState().createWorkspace('/tmp/w.sdw');
    act(() => store.getState().openImport(null));
    withStore(store, <ImportWizard />);
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/data/c.csv' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-load-preview'));
    });
    await until(() => screen.queryByTestId('import-preview') !== null);
    expect(document.querySelectorAll('td.rejected')).toHaveLength(1);
    await act(async () => {
      fireEvent.change(screen.getByTestId('type-age'), { target: { value: 'text' } });
    });
    await until(() => document.querySelectorAll('td.rejected').length === 0);
    const last = mc.calls.filter((c) => c.name === 'datasets.preview').at(-1)!.args as { columns: ColumnSpec[] };
    expect(last.columns.find((c) => c.name === 'age')?.type).toBe('text');
    // Esc closes the wizard.
    fireEvent.keyDown(screen.getByTestId('import-preview'), { key: 'Escape' });
    expect(store.getState().wizard).toBeNull();
  });
});
