import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider } from '../../renderer/store';
import { App } from '../../renderer/app/App';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

describe('guided path', () => {
  it('ticks what the workspace has done, marks the current step, and its next-step button goes one step on', async () => {
    const ws = workspaceHandlers(() => mc);
    let progress = { data: true, profile: true, clusters: true, segment: false, audit: false, response: false, report: false };
    const mc: MemoryClient = memoryClient({ ...ws.handlers, 'workspace.progress': () => progress });
    const store = createAppStore(mc.client);
    connectEvents(store, mc.client);
    await store.getState().createWorkspace('/tmp/g.sdw');
    // Views beyond the rail need data the fake has not got: the test looks at the rail and the next step only.
    act(() => store.getState().navigate('clusters'));
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    await until(() => store.getState().progress !== null);
    const done = () => Array.from(document.querySelectorAll('.guide-rail li.done .step-label')).map((e) => e.textContent);
    expect(done()).toEqual(['Import your file', 'Check data quality', 'Find groups']);
    expect(screen.getByTestId('nav-clusters').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('next-step').textContent).toContain('Step 3 of 7: Find groups — done');
    await act(async () => {
      fireEvent.click(screen.getByTestId('next-step-go'));
    });
    expect(store.getState().route).toBe('segments');
    // Not done yet: the step says what to do there.
    expect(screen.getByTestId('next-step').textContent).toContain('watch the count, and save it');

    // A step done elsewhere shows on the next view change.
    progress = { ...progress, segment: true };
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-responsible'));
    });
    await until(() => done().length === 4);
    expect(done()).toContain('Build a segment');

    // "Check data quality" opens the Data view on its Profile tab.
    await act(async () => {
      fireEvent.click(screen.getByTestId('step-quality'));
    });
    expect(store.getState().route).toBe('data');
    expect(store.getState().dataTabRequest?.tab).toBe('profile');
  });
});
