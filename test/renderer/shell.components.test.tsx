import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { App } from '../../renderer/app/App';
import { JobsTray } from '../../renderer/app/JobsTray';
import { Dialog } from '../../renderer/app/Dialog';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient(ws.handlers);
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc };
}

function withStore(store: AppStore, ui: React.ReactNode) {
  return render(<StoreProvider store={store}>{ui}</StoreProvider>);
}

describe('shell', () => {
  it('creates a workspace from the start screen and shows the frame with every feature in the navigation', async () => {
    const { store } = setup();
    withStore(store, <App />);
    expect(screen.getByTestId('start-screen')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Workspace file path (optional)'), { target: { value: '/tmp/x.sdw' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('workspace-create'));
    });
    expect(screen.getByTestId('workspace-name').textContent).toBe('x.sdw');
    // The navigation is the guided path: each step names its view, and none is done in an empty workspace.
    const nav = screen.getByRole('navigation', { name: 'Guided path' });
    await until(() => store.getState().progress !== null);
    expect(Array.from(nav.querySelectorAll('.step-label')).map((b) => b.textContent)).toEqual([
      'Import your file',
      'Check data quality',
      'Find groups',
      'Build a segment',
      'Check fairness',
      'Measure response',
      'Hand over',
    ]);
    expect(Array.from(nav.querySelectorAll('.step-view')).map((b) => b.textContent)).toEqual(['Data', 'Data', 'Explore clusters', 'Segments', 'Responsible use', 'Outcomes', 'Reports']);
    expect(Array.from(nav.querySelectorAll('button')).map((b) => b.dataset.done)).toEqual(Array(7).fill('false'));
    expect(screen.getByTestId('next-step').dataset.step).toBe('import');
    // Alt+3 switches to Segments, which asks for data first in an empty workspace.
    await act(async () => {
      fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true });
    });
    expect(store.getState().route).toBe('segments');
    expect(screen.getByText('Start with your customer file')).toBeTruthy();
    expect(screen.getByTestId('nav-segments').getAttribute('aria-current')).toBe('step');
    // One obvious next step: from Build a segment to Check fairness.
    expect(screen.getByTestId('next-step-go').textContent).toBe('Next: Check fairness →');
  });

  it('follows the theme choice on <html data-theme>', async () => {
    const { store } = setup();
    withStore(store, <App />);
    act(() => store.getState().setThemeMode('dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => store.getState().setThemeMode('light'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('jobs tray: determinate and indeterminate progress, Cancel calls jobs.cancel', async () => {
    const { store, mc } = setup();
    withStore(store, <JobsTray />);
    act(() => {
      mc.emit({ type: 'job', job: { jobId: 'a', kind: 'demo', label: 'Counting', state: 'running', phase: 'step', done: 25, total: 100, startedAt: 1 } });
      mc.emit({ type: 'job', job: { jobId: 'b', kind: 'demo', label: 'Reading', state: 'running', phase: 'scan', done: 0, total: 0, startedAt: 2 } });
    });
    const bars = screen.getAllByTestId('job-progress') as HTMLProgressElement[];
    expect(bars[0].getAttribute('value')).toBe('25');
    expect(bars[1].hasAttribute('value')).toBe(false);
    expect(bars[1].className).toContain('indeterminate');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel Counting' }));
    });
    expect(mc.calls.find((c) => c.name === 'jobs.cancel')?.args).toEqual({ jobId: 'a' });
  });

  it('dialog closes on Escape', () => {
    let closed = 0;
    render(
      <Dialog title="Import" onClose={() => closed++}>
        <p>body</p>
      </Dialog>,
    );
    fireEvent.keyDown(screen.getByText('body'), { key: 'Escape' });
    expect(closed).toBe(1);
  });
});
