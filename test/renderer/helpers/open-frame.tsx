import { act, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider } from '../../../renderer/store';
import { App } from '../../../renderer/app/App';
import { memoryClient, workspaceHandlers, type FakeHandlers, type MemoryClient } from './memory-client';

/**
 * Renders the whole app over the in-memory engine and creates /tmp/x.sdw from the start screen, so the frame
 * (header, navigation, first view) is showing. `override` replaces fake handlers, given the default ones.
 */
export async function openFrame(override: (defaults: FakeHandlers) => FakeHandlers = () => ({})): Promise<MemoryClient> {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient({ ...ws.handlers, ...override(ws.handlers) });
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  fireEvent.change(screen.getByLabelText('Workspace file path (optional)'), { target: { value: '/tmp/x.sdw' } });
  await act(async () => {
    fireEvent.click(screen.getByTestId('workspace-create'));
  });
  return mc;
}
