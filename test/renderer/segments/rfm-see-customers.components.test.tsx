import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { RfmPanel } from '../../../renderer/features/segments/RfmPanel';
import { memoryClient } from '../helpers/memory-client';
import type { RfmResult } from '../../../shared/contract/ns/rfm';
import type { ColumnInfo, DatasetInfo } from '../../../shared/types/columns';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
};

const col = (name: string, type: ColumnInfo['type']): ColumnInfo => ({ name, type, role: 'other', pii: false, sensitive: false, sensitiveCategory: null, missing: 0 });
const dataset = (name: string, kind: DatasetInfo['kind'], linkedTo: string | null): DatasetInfo => ({
  name, kind, version: 1, versions: 1, rows: 10, cellErrors: 0, idColumn: null, linkedTo, importedAt: '2024-01-01', sourceFile: `${name}.csv`,
  columns: kind === 'transactions' ? [col('customer_id', 'text'), col('order_date', 'date'), col('amount', 'number')] : [col('customer_id', 'text')],
});

// 5×5 cells (r-1, f-1): a few customers in some, none in the others.
const cells = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, f) => ((r + f) % 3 === 0 ? 0 : r * 5 + f + 1)));
const result: RfmResult = {
  transactions: 'orders',
  customers: cells.flat().reduce((a, b) => a + b, 0),
  excludedRows: 0,
  asOf: '2026-06-30',
  columns: { order: 'order_id', customer: 'customer_id', date: 'order_date', amount: 'amount', quantity: null, price: null },
  segments: [
    { name: 'Champions', count: 12 },
    { name: 'Lost', count: 0 },
  ],
  unassigned: 0,
  view: 'rfm_orders',
  cells,
  check: { gaps: [], overlaps: [], problems: [] },
  computedAt: '2026-07-01T00:00:00Z',
};

async function open(linkedTo: string | null) {
  const mc = memoryClient({
    'rfm.result': () => result,
    'rfm.grid': () => ({ grid: [{ name: 'Champions', r: [4, 5], f: [4, 5], m: [1, 5] }], check: { gaps: [], overlaps: [], problems: [] } }),
  });
  const store = createAppStore(mc.client);
  const datasets = [dataset('orders', 'transactions', linkedTo), ...(linkedTo ? [dataset(linkedTo, 'customers', null)] : [])];
  store.setState({ workspace: { workspace: '/tmp/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '2024-01-01', asOf: null, datasets }, activeDataset: 'orders', route: 'segments' });
  render(
    <StoreProvider store={store}>
      <RfmPanel />
    </StoreProvider>,
  );
  await until(() => screen.queryByTestId('rfm-summary') !== null);
  return store;
}

describe('RFM: the customers behind a cell or a segment count', () => {
  it('a cell of an orders file alone opens its own customer view, filtered to that R and F', async () => {
    const store = await open(null);
    const before = store.getState().customersRequest;
    // Every non-empty cell is a button showing its count; empty cells are not.
    const r = 4;
    const f = 3;
    const button = screen.getByTestId(`rfm-see-${r}-${f}`);
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toBe(String(cells[r - 1][f - 1]));
    expect(screen.queryByTestId('rfm-see-1-4')).toBeNull();
    expect(cells[0][3]).toBe(0);
    fireEvent.click(button);
    const s = store.getState();
    expect(s.route).toBe('data');
    expect(s.activeDataset).toBe('orders');
    expect(s.customersRequest).toBe(before + 1);
    expect(Object.values(s.tableViews).map((v) => v.filters)).toContainEqual([
      { column: 'rfm_r', op: '=', value: r },
      { column: 'rfm_f', op: '=', value: f },
    ]);
  });

  it('a segment count of orders linked to a customer file opens that file\'s customer view, filtered by rfm_segment', async () => {
    const store = await open('customers');
    expect(screen.queryByTestId('rfm-see-segment-Lost')).toBeNull();
    fireEvent.click(screen.getByTestId('rfm-see-segment-Champions'));
    const s = store.getState();
    expect(s.route).toBe('data');
    expect(s.activeDataset).toBe('customers');
    expect(Object.values(s.tableViews).map((v) => v.filters)).toContainEqual([{ column: 'rfm_segment', op: '=', value: 'Champions' }]);
  });
});
