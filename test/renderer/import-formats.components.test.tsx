import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { ImportWizard } from '../../renderer/features/data/ImportWizard';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';
import type { ParseOptions, Preview } from '../../shared/contract/ns/datasets';
import { fakePreview } from './helpers/data-fakes';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

/** A whitespace log read with a comma: one column, and the engine proposes "whitespace". Read with whitespace: 3 unnamed columns. */
function logPreview(path: string, options: ParseOptions | undefined): Preview {
  const base = fakePreview(path);
  if (options?.delimiter !== 'whitespace') {
    return {
      ...base,
      detected: { ...base.detected, delimiter: ',', header: false },
      columns: [{ ...base.columns[0], name: 'column_1' }],
      rows: [['00001  19970101  1']],
      raw: [['00001  19970101  1']],
      oneColumn: { message: 'only one column was found', delimiter: 'whitespace' },
    };
  }
  const names = options.columnNames ?? [];
  return {
    ...base,
    detected: { ...base.detected, delimiter: 'whitespace', header: false },
    columns: base.columns.map((c, i) => ({ ...c, name: names[i] ?? `column_${i + 1}` })),
    oneColumn: null,
  };
}

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient({
    ...ws.handlers,
    'datasets.preview': ({ path, options }: { path: string; options?: ParseOptions }) => logPreview(path, options),
  });
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc };
}

const withStore = (store: AppStore, ui: React.ReactNode) => render(<StoreProvider store={store}>{ui}</StoreProvider>);

describe('import wizard: one column, delimiters, column names', () => {
  it('holds Import while one column was read from separated lines, applies the proposed delimiter, and names columns without a header', async () => {
    const { store, mc } = setup();
    await store.getState().createWorkspace('/tmp/w.sdw');
    act(() => store.getState().openImport('/data/CDNOW_master.txt'));
    withStore(store, <ImportWizard />);
    await until(() => screen.queryByTestId('import-preview') !== null);
    expect(screen.getByTestId('one-column').textContent).toMatch(/Only one column was found.*runs of spaces/);
    expect((screen.getByTestId('import-run') as HTMLButtonElement).disabled).toBe(true);
    // Confirming one column enables Import; applying the fix instead re-reads the file split by whitespace.
    act(() => {
      fireEvent.click(screen.getByTestId('one-column-confirm'));
    });
    expect((screen.getByTestId('import-run') as HTMLButtonElement).disabled).toBe(false);
    await act(async () => {
      fireEvent.click(screen.getByTestId('one-column-fix'));
    });
    await until(() => screen.queryByTestId('one-column') === null);
    expect((screen.getByTestId('import-run') as HTMLButtonElement).disabled).toBe(false);
    const options = () => (mc.calls.filter((c) => c.name === 'datasets.preview').at(-1)!.args as { options: ParseOptions }).options;
    expect(options().delimiter).toBe('whitespace');
    expect([...(screen.getByTestId('opt-delimiter') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['auto', ',', ';', '\t', '|', 'space', 'whitespace', 'fixed', 'other']);

    // No header: the column names are editable in the preview and sent as columnNames.
    const first = screen.getByTestId('name-1') as HTMLInputElement;
    expect(first.value).toBe('column_1');
    await act(async () => {
      fireEvent.blur(first, { target: { value: 'customer_id' } });
    });
    await until(() => (screen.queryByTestId('name-1') as HTMLInputElement | null)?.value === 'customer_id');
    expect(options().columnNames).toEqual(['customer_id', 'column_2', 'column_3']);
  });
});
