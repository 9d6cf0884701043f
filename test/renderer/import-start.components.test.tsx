import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { ImportWizard } from '../../renderer/features/data/ImportWizard';
import { StartScreen } from '../../renderer/app/StartScreen';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';
import { fakePreview } from './helpers/data-fakes';
import type { ColumnSpec } from '../../shared/contract/ns/datasets';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

function setup(extra: Record<string, (args: never) => unknown> = {}) {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient({
    ...ws.handlers,
    'datasets.preview': ({ path, columns }: { path: string; columns?: ColumnSpec[] }) => fakePreview(path, { columns }),
    // The demo: a workspace at the path (the fake refuses existing files like the engine does).
    'demo.create': ({ path }: { path: string }) => (ws.handlers['workspace.create'] as (a: { path: string }) => unknown)({ path }),
    ...extra,
  });
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc, ws };
}

const withStore = (store: AppStore, ui: React.ReactNode) => render(<StoreProvider store={store}>{ui}</StoreProvider>);

/** The Import button the data view shows, next to the wizard it opens. */
function ImportOpener() {
  return (
    <>
      <button type="button" data-testid="import-open" onClick={() => undefined}>
        Import…
      </button>
      <ImportWizard />
    </>
  );
}

async function openPreview(store: AppStore) {
  await store.getState().createWorkspace('/tmp/w.sdw');
  withStore(store, <ImportOpener />);
  const opener = screen.getByTestId('import-open');
  opener.onclick = () => store.getState().openImport(null);
  act(() => opener.focus());
  act(() => fireEvent.click(opener));
  fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/data/c.csv' } });
  await act(async () => {
    fireEvent.click(screen.getByTestId('import-load-preview'));
  });
  await until(() => screen.queryByTestId('import-preview') !== null);
  return opener;
}

const setType = async (column: string, type: string) => {
  await act(async () => {
    fireEvent.change(screen.getByTestId(`type-${column}`), { target: { value: type } });
  });
};

describe('import wizard: rejected cells before Import', () => {
  it('counts the rejected preview cells per column and names the columns above the Import button', async () => {
    const { store } = setup();
    await openPreview(store);
    // fakePreview: 3 rows; "n/a" in the integer age column is rejected.
    expect(screen.getByTestId('rejected-age').textContent).toBe('1 of 3 preview rows rejected');
    expect(screen.queryByTestId('rejected-first_name')).toBeNull();
    // The count describes the column's type selector (heard there with a screen reader).
    const ageType = screen.getByTestId('type-age');
    expect(ageType.getAttribute('aria-describedby')).toBe(screen.getByTestId('rejected-age').id);
    let summary = screen.getByTestId('import-rejected-summary');
    expect(summary.textContent).toContain('1 column would reject cells of the preview: 1 of 3 preview rows in age');
    expect(screen.getByTestId('import-run').getAttribute('aria-describedby')).toBe(summary.id);
    // The summary sits above the Import button.
    expect(summary.compareDocumentPosition(screen.getByTestId('import-run')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    // Every name as integer: all 3 rejected; the zero-padded IDs are digits, so they stay.
    await setType('first_name', 'integer');
    await until(() => screen.queryByTestId('rejected-first_name') !== null);
    expect(screen.getByTestId('rejected-first_name').textContent).toBe('3 of 3 preview rows rejected');
    summary = screen.getByTestId('import-rejected-summary');
    expect(summary.textContent).toContain('2 columns would reject');
    expect(within(summary).getAllByTestId('import-rejected-column').map((x) => x.getAttribute('data-column'))).toEqual(['first_name', 'age']);
    expect(summary.textContent).toContain('3 of 3 preview rows in first_name; 1 of 3 preview rows in age');

    // Keyboard: a column's name in the summary is a button that moves to that column's type selector.
    const goTo = within(summary).getByRole('button', { name: 'first_name' });
    act(() => goTo.focus());
    act(() => fireEvent.click(goTo));
    expect(document.activeElement).toBe(screen.getByTestId('type-first_name'));

    await setType('first_name', 'text');
    await setType('age', 'text');
    await until(() => screen.queryByTestId('import-rejected-summary') === null);
    expect(screen.queryByTestId('rejected-age')).toBeNull();
    expect(document.querySelectorAll('td.rejected')).toHaveLength(0);
    expect(screen.getByTestId('import-run').getAttribute('aria-describedby')).toBeNull();
  });
});

describe('dialog focus', () => {
  it('Esc returns focus to the button that opened the import wizard', async () => {
    const { store } = setup();
    const opener = await openPreview(store);
    expect(document.activeElement).not.toBe(opener);
    act(() => {
      fireEvent.keyDown(screen.getByTestId('import-preview'), { key: 'Escape' });
    });
    expect(store.getState().wizard).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('opened by the shortcut or the menu (nothing focused), it returns focus to the Import button', async () => {
    const { store } = setup();
    await store.getState().createWorkspace('/tmp/w.sdw');
    withStore(store, <ImportOpener />);
    (document.activeElement as HTMLElement | null)?.blur();
    act(() => store.getState().openImport(null));
    act(() => screen.getByTestId('import-path').focus());
    act(() => {
      fireEvent.keyDown(screen.getByTestId('import-path'), { key: 'Escape' });
    });
    expect(store.getState().wizard).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('import-open'));
  });
});

describe('start screen', () => {
  it('Try the demo prefills a new file in the Documents folder (numbered past an existing one); Enter creates it', async () => {
    const { store, mc, ws } = setup();
    ws.files.add('/home/me/Documents/segmentdesk-demo.sdw');
    withStore(store, <StartScreen />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('demo-create'));
    });
    await until(() => screen.queryByTestId('demo-path') !== null);
    const field = screen.getByTestId('demo-path') as HTMLInputElement;
    expect(field.value).toBe('/home/me/Documents/segmentdesk-demo-2.sdw');
    expect(document.activeElement).toBe(field);
    expect(screen.getByLabelText('The demo workspace will be saved as')).toBe(field);
    expect(mc.calls.find((c) => c.name === 'workspace.suggestPath')?.args).toEqual({ name: 'segmentdesk-demo.sdw' });
    // Enter in the field submits its form.
    await act(async () => {
      fireEvent.submit(field.form!);
    });
    expect(mc.calls.filter((c) => c.name === 'demo.create').map((c) => c.args)).toEqual([{ path: '/home/me/Documents/segmentdesk-demo-2.sdw' }]);
    expect(store.getState().workspace?.workspace).toBe('/home/me/Documents/segmentdesk-demo-2.sdw');
  });

  it('the prefilled demo path can be edited or dismissed, and a path typed above still wins', async () => {
    const { store, mc } = setup();
    withStore(store, <StartScreen />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('demo-create'));
    });
    await until(() => screen.queryByTestId('demo-path') !== null);
    fireEvent.change(screen.getByTestId('demo-path'), { target: { value: '/tmp/edited.sdw' } });
    expect((screen.getByTestId('demo-path') as HTMLInputElement).value).toBe('/tmp/edited.sdw');
    act(() => {
      fireEvent.keyDown(screen.getByTestId('demo-path'), { key: 'Escape' });
    });
    expect(screen.queryByTestId('demo-path')).toBeNull();
    // Dismissed, focus goes back to Try the demo.
    expect(document.activeElement).toBe(screen.getByTestId('demo-create'));
    fireEvent.change(screen.getByTestId('workspace-path'), { target: { value: '/tmp/typed.sdw' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('demo-create'));
    });
    expect(mc.calls.filter((c) => c.name === 'demo.create').map((c) => c.args)).toEqual([{ path: '/tmp/typed.sdw' }]);
    expect(mc.calls.some((c) => c.name === 'workspace.suggestPath')).toBe(true);
  });

  it('with a native dialog, the save dialog opens on the suggested path', async () => {
    const { store, mc } = setup({
      'host.info': () => ({ kind: 'electron', appVersion: '0.1.0', canPickFiles: true, locale: null }),
      'host.pickFile': ({ defaultPath }: { defaultPath?: string }) => ({ path: defaultPath ?? null }),
    });
    withStore(store, <StartScreen />);
    await until(() => store.getState().hostInfo?.canPickFiles === true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('demo-create'));
    });
    await until(() => mc.calls.some((c) => c.name === 'demo.create'));
    expect(mc.calls.find((c) => c.name === 'host.pickFile')?.args).toEqual({ purpose: 'new-workspace', defaultPath: '/home/me/Documents/segmentdesk-demo.sdw' });
    expect(mc.calls.find((c) => c.name === 'demo.create')?.args).toEqual({ path: '/home/me/Documents/segmentdesk-demo.sdw' });
  });

  it('a recent workspace is one button: its name and its path both open it; missing ones are disabled', async () => {
    const { store, mc } = setup();
    mc.handle({
      'workspace.recent': () => [
        { path: '/home/me/Documents/q3/customers.sdw', openedAt: '2026-01-02T00:00:00Z', exists: true },
        { path: '/media/usb/old.sdw', openedAt: '2026-01-01T00:00:00Z', exists: false },
      ],
      'workspace.open': ({ path }: { path: string }) => ({ workspace: path, schemaVersion: 1, sizeBytes: 4096, createdAt: '2026-01-01T00:00:00Z', asOf: null, datasets: [] }),
    });
    withStore(store, <StartScreen />);
    await until(() => screen.queryAllByTestId('recent-open').length === 2);
    const [entry, missing] = screen.getAllByTestId('recent-open') as HTMLButtonElement[];
    expect(entry.tagName).toBe('BUTTON');
    expect(entry.type).toBe('button');
    expect(entry.textContent).toBe('customers.sdw/home/me/Documents/q3/customers.sdw');
    expect(within(screen.getByTestId('recent-list')).getAllByRole('button')).toHaveLength(2);
    expect(missing.disabled).toBe(true);
    expect(missing.textContent).toContain('(missing)');
    // Clicking the path line (inside the button) opens the workspace.
    await act(async () => {
      fireEvent.click(within(entry).getByText('/home/me/Documents/q3/customers.sdw'));
    });
    expect(mc.calls.filter((c) => c.name === 'workspace.open').map((c) => c.args)).toEqual([{ path: '/home/me/Documents/q3/customers.sdw' }]);
  });
});

describe('start from a file', () => {
  const folders = {
    '/home/me': ['Documents', 'shop'],
    '/home/me/shop': [],
  } as Record<string, string[]>;
  const listFolders = ({ path = '/home/me' }: { path?: string }) => ({
    path,
    parent: path === '/' ? null : path.replace(/\/[^/]+$/, '') || '/',
    home: '/home/me',
    folders: (folders[path] ?? []).map((name) => ({ name, path: `${path}/${name}` })),
  });

  it('a chosen file gets a workspace named after it in the documents folder; the folder can be changed by clicking; create opens the import on it', async () => {
    const { store, mc, ws } = setup({ 'workspace.listFolders': listFolders as (a: never) => unknown });
    ws.files.add('/home/me/Documents/Customers 2024.sdw');
    withStore(store, <StartScreen />);
    const input = screen.getByTestId('start-file-input') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['id\n1\n'], 'Customers 2024.csv', { type: 'text/csv' })] } });
    });
    await until(() => screen.queryByTestId('start-target')?.textContent?.endsWith('.sdw') === true);
    // Named after the file, numbered past the existing workspace of that name.
    expect(screen.getByTestId('start-target').textContent).toBe('/home/me/Documents/Customers 2024-2.sdw');

    // Change folder…: the app's own folder picker (the browser host has no native dialog).
    await act(async () => {
      fireEvent.click(screen.getByTestId('start-change-folder'));
    });
    await until(() => screen.queryByTestId('folder-current') !== null);
    await act(async () => {
      fireEvent.click(screen.getByTestId('folder-up'));
    });
    await until(() => screen.queryByTestId('folder-current')?.textContent === '/home/me');
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('folder-list')).getByText('shop'));
    });
    await until(() => screen.queryByTestId('folder-current')?.textContent === '/home/me/shop');
    await act(async () => {
      fireEvent.click(screen.getByTestId('folder-choose'));
    });
    await until(() => screen.queryByTestId('start-target')?.textContent === '/home/me/shop/Customers 2024.sdw');
    expect(screen.queryByTestId('folder-picker')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByTestId('start-create'));
    });
    expect(mc.calls.filter((c) => c.name === 'workspace.create').map((c) => c.args)).toEqual([{ path: '/home/me/shop/Customers 2024.sdw' }]);
    expect(store.getState().wizard?.path).toBe('/uploads/Customers 2024.csv');
  });
});
