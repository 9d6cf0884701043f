import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { SavePathField } from '../../../renderer/features/reports/SavePathField';
import { memoryClient } from '../helpers/memory-client';

afterEach(cleanup);

function Field() {
  const [out, setOut] = useState('/home/me/report.html');
  return (
    <>
      <SavePathField label="File" value={out} onChange={setOut} testId="out" />
      <output data-testid="value">{out}</output>
    </>
  );
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

describe('save path field', () => {
  it('in the browser: a file name in a shown folder, the folder changed with the folder picker; in the desktop app the native save dialog', async () => {
    const listFolders = ({ path = '/home/me' }: { path?: string }) => ({
      path,
      parent: path === '/' ? null : path.replace(/\/[^/]+$/, '') || '/',
      home: '/home/me',
      folders: path === '/home/me' ? [{ name: 'reports', path: '/home/me/reports' }] : [],
    });
    const store = createAppStore(memoryClient({ 'workspace.listFolders': listFolders as (a: never) => unknown }).client);
    const asked: [string, string | undefined][] = [];
    store.setState({ hostInfo: { kind: 'web', appVersion: '', canPickFiles: false, locale: null } });
    const view = render(
      <StoreProvider store={store}>
        <Field />
      </StoreProvider>,
    );
    // Only the name is a text field; the folder is shown beside it.
    expect((screen.getByTestId('out') as HTMLInputElement).value).toBe('report.html');
    expect(screen.getByTestId('out-folder').textContent).toBe('/home/me');
    fireEvent.change(screen.getByTestId('out'), { target: { value: 'q3.html' } });
    expect(screen.getByTestId('value').textContent).toBe('/home/me/q3.html');
    // A whole path typed in the name field is taken as it is (for people who know one).
    fireEvent.change(screen.getByTestId('out'), { target: { value: '/tmp/typed.html' } });
    expect(screen.getByTestId('value').textContent).toBe('/tmp/typed.html');
    fireEvent.change(screen.getByTestId('out'), { target: { value: 'q3.html' } });

    // Change folder…: the app's own folder picker (the browser host has no native dialog).
    await act(async () => {
      fireEvent.click(screen.getByTestId('out-browse'));
    });
    await until(() => screen.queryByTestId('folder-current')?.textContent === '/tmp');
    await act(async () => {
      fireEvent.click(screen.getByTestId('folder-home'));
    });
    await until(() => screen.queryByText('reports') !== null);
    await act(async () => {
      fireEvent.click(screen.getByText('reports'));
    });
    await until(() => screen.queryByTestId('folder-current')?.textContent === '/home/me/reports');
    await act(async () => {
      fireEvent.click(screen.getByTestId('folder-choose'));
    });
    expect(screen.getByTestId('value').textContent).toBe('/home/me/reports/q3.html');

    act(() =>
      store.setState({
        hostInfo: { kind: 'electron', appVersion: '1', canPickFiles: true, locale: null },
        pickFile: async (purpose, defaultPath) => {
          asked.push([purpose, defaultPath]);
          return '/chosen/report.html';
        },
      }),
    );
    view.rerender(
      <StoreProvider store={store}>
        <Field />
      </StoreProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByTestId('out-browse'));
    });
    expect(asked).toEqual([['save', '/home/me/reports/q3.html']]);
    expect(screen.getByTestId('value').textContent).toBe('/chosen/report.html');
  });
});
