import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider } from '../../renderer/store';
import { App } from '../../renderer/app/App';
import { JobsTray } from '../../renderer/app/JobsTray';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

afterEach(cleanup);

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient(ws.handlers);
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc };
}

describe('views follow the workspace (issue #17 item 5)', () => {
  it('opening another workspace from within one remounts the frame, so no view keeps its own state', async () => {
    const { store } = setup();
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    await act(async () => {
      await store.getState().createWorkspace('/tmp/a.sdw');
    });
    const frameOfA = screen.getByTestId('workspace-name');
    // Another workspace opened without going through the start screen (File → Open in the desktop app).
    await act(async () => {
      await store.getState().createWorkspace('/tmp/b.sdw');
    });
    expect(frameOfA.isConnected).toBe(false);
    expect(screen.getByTestId('workspace-name').textContent).toBe('b.sdw');
    // Reopening the same file is another session too.
    const frameOfB = screen.getByTestId('workspace-name');
    await act(async () => {
      await store.getState().openWorkspace('/tmp/b.sdw');
    });
    expect(frameOfB.isConnected).toBe(false);
  });

  it('the jobs tray shows running jobs only: a finished job is announced once, by its toast', async () => {
    const { store, mc } = setup();
    render(
      <StoreProvider store={store}>
        <JobsTray />
      </StoreProvider>,
    );
    const job = { jobId: 'j1', kind: 'demo', label: 'Counting', phase: 'step', done: 1, total: 2, startedAt: 1 };
    await act(async () => {
      mc.emit({ type: 'job', job: { ...job, state: 'running' } });
    });
    expect(screen.getAllByTestId('job')).toHaveLength(1);
    await act(async () => {
      mc.emit({ type: 'job', job: { ...job, state: 'done' } });
    });
    expect(screen.queryAllByTestId('job')).toHaveLength(0);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Counting finished.']);
  });
});
