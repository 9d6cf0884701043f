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

describe('save path field', () => {
  it('is a typed path in the browser, and offers the native save dialog in the desktop app', async () => {
    const store = createAppStore(memoryClient({}).client);
    const asked: [string, string | undefined][] = [];
    store.setState({ hostInfo: { kind: 'web', appVersion: '', canPickFiles: false } });
    const view = render(
      <StoreProvider store={store}>
        <Field />
      </StoreProvider>,
    );
    expect(screen.queryByTestId('out-browse')).toBeNull();
    fireEvent.change(screen.getByTestId('out'), { target: { value: '/tmp/typed.html' } });
    expect(screen.getByTestId('value').textContent).toBe('/tmp/typed.html');

    act(() =>
      store.setState({
        hostInfo: { kind: 'electron', appVersion: '1', canPickFiles: true },
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
    expect(asked).toEqual([['save', '/tmp/typed.html']]);
    expect(screen.getByTestId('value').textContent).toBe('/chosen/report.html');
  });
});
