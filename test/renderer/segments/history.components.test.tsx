import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { BuilderPanel } from '../../../renderer/features/segments/BuilderPanel';
import { memoryClient } from '../helpers/memory-client';
import { describeRule, validateRule, type RuleNode } from '../../../shared/rules';
import type { FieldSummary } from '../../../shared/contract/ns/segments';
import type { ColumnInfo, DatasetInfo } from '../../../shared/types/columns';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
};

const fields: FieldSummary[] = [
  { name: 'customer_id', type: 'text', role: 'id', sensitive: false, missing: 0, min: null, max: null, histogram: [], categories: [], distinct: 400 },
  { name: 'country', type: 'category', role: 'geographic', sensitive: false, missing: 0, min: null, max: null, histogram: [], categories: [{ value: 'Germany', count: 90 }], distinct: 5 },
];
const col = (name: string, type: ColumnInfo['type']): ColumnInfo => ({ name, type, role: 'other', pii: false, sensitive: false, sensitiveCategory: null, missing: 0 });
const dataset = (name: string, kind: DatasetInfo['kind'], linkedTo: string | null, columns: ColumnInfo[]): DatasetInfo => ({
  name, kind, version: 1, versions: 1, rows: 10, cellErrors: 0, idColumn: null, linkedTo, importedAt: '2024-01-01', sourceFile: `${name}.csv`, columns,
});

function setup(linked: boolean) {
  const mc = memoryClient({
    'segments.list': () => [],
    'rfm.grid': () => ({ grid: [], check: { gaps: [], overlaps: [], problems: [] } }),
    'segments.fields': () => ({ dataset: 'customers', rows: 400, fields }),
    'segments.validate': ({ rule }: { rule: RuleNode }) => {
      const r = validateRule(rule, fields);
      return { ok: r.ok, issues: r.ok ? [] : r.issues, description: r.ok ? describeRule(r.rule) : '' };
    },
    'segments.count': ({ rule }: { rule: RuleNode }) => ({ count: 120, total: 400, share: 0.3, ms: 1, description: describeRule(rule) }),
  });
  const store = createAppStore(mc.client);
  const datasets = [
    dataset('customers', 'customers', null, [col('customer_id', 'text'), col('country', 'category')]),
    ...(linked ? [dataset('orders', 'transactions', 'customers', [col('order_id', 'text'), col('order_date', 'date'), col('amount', 'number'), col('category', 'category')])] : []),
  ];
  store.setState({ workspace: { workspace: '/tmp/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '2024-01-01', asOf: null, datasets }, activeDataset: 'customers' });
  const counted = () => mc.calls.filter((c) => c.name === 'segments.count').map((c) => (c.args as { rule: RuleNode }).rule);
  return { store, counted };
}

async function open(linked: boolean) {
  const s = setup(linked);
  await act(() => s.store.getState().loadSegmentsView());
  render(
    <StoreProvider store={s.store}>
      <BuilderPanel />
    </StoreProvider>,
  );
  return s;
}

describe('segment builder: order-history conditions', () => {
  it('builds "bought category Wine at least twice between …" with native, keyboard-reachable controls, counted live', async () => {
    const { store, counted } = await open(true);
    const add = screen.getByTestId('groot-add-history');
    expect(add.tagName).toBe('BUTTON');
    await act(async () => {
      fireEvent.click(add);
    });
    expect(store.getState().draft).toEqual({ all: [{ history: { transactions: 'orders', measure: 'count', within_last: { amount: 90, unit: 'days' }, op: 'gte', value: 1 } }] });
    await until(() => screen.getByTestId('rule-description').textContent === 'at least 1 order in the last 90 days');

    const editor = screen.getByTestId('groot-0-history');
    // Every part is a native control (reachable with Tab) with an accessible name.
    for (const el of within(editor).getAllByRole('combobox')) expect(el.getAttribute('aria-label')).toBeTruthy();
    for (const el of editor.querySelectorAll('input, select')) expect((el as HTMLElement).tabIndex).not.toBe(-1);

    const change = async (testId: string, value: string) => {
      await act(async () => {
        fireEvent.change(screen.getByTestId(testId), { target: { value } });
      });
    };
    await change('groot-0-window', 'between');
    await change('groot-0-from', '2024-01-01');
    await change('groot-0-to', '2024-12-31');
    await change('groot-0-value', '2');
    await change('groot-0-where-field', 'category');
    await change('groot-0-where-value', 'Wine');
    const want = { history: { transactions: 'orders', measure: 'count', between: ['2024-01-01', '2024-12-31'], op: 'gte', value: 2, where: { field: 'category', op: 'eq', value: 'Wine' } } };
    expect(store.getState().draft).toEqual({ all: [want] });
    await until(() => screen.getByTestId('rule-description').textContent === 'bought category Wine at least twice between 2024-01-01 and 2024-12-31');
    expect(counted().at(-1)).toEqual({ all: [want] });

    // Total spend in the last 12 months: the measure keeps the window, "order value" is the default column.
    await change('groot-0-where-field', '');
    await change('groot-0-measure', 'sum');
    await change('groot-0-window', 'last');
    await change('groot-0-window-amount', '12');
    await change('groot-0-window-unit', 'months');
    await change('groot-0-op', 'gt');
    await change('groot-0-value', '500');
    expect((screen.getByTestId('groot-0-of') as HTMLSelectElement).value).toBe('');
    expect(store.getState().draft).toEqual({ all: [{ history: { transactions: 'orders', measure: 'sum', within_last: { amount: 12, unit: 'months' }, op: 'gt', value: 500 } }] });
    await until(() => screen.getByTestId('rule-description').textContent === 'spent more than 500 in the last 12 months');

    // A half-typed number keeps the last complete one; "between" takes two.
    await change('groot-0-value', '-');
    expect((store.getState().draft as { all: { history: { value: number } }[] }).all[0].history.value).toBe(500);
    await change('groot-0-op', 'between');
    await change('groot-0-value-hi', '900');
    expect((store.getState().draft as { all: { history: { value: unknown } }[] }).all[0].history.value).toEqual([500, 900]);
    // "number of different" needs a column and picks one.
    await change('groot-0-measure', 'distinct');
    expect((store.getState().draft as { all: { history: { of?: string } }[] }).all[0].history.of).toBe('order_id');
  });

  it('offers no order-history condition when no orders file is linked', async () => {
    await open(false);
    expect(screen.getByTestId('groot-add-condition')).toBeTruthy();
    expect(screen.queryByTestId('groot-add-history')).toBeNull();
  });
});
