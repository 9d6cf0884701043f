import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { debugEnabled } from '../../renderer/app/debug-flag';
import { openFrame as openFrameOverFake } from './helpers/open-frame';

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
  window.history.replaceState(null, '', '/');
});

async function openFrame() {
  const mc = await openFrameOverFake();
  expect(screen.getByTestId('workspace-name').textContent).toBe('x.sdw');
  return mc;
}

describe('developer-only sidebar link "Run a test job"', () => {
  it('is hidden in a production build without ?debug', async () => {
    vi.stubEnv('DEV', false);
    await openFrame();
    expect(screen.queryByTestId('demo-job-start')).toBeNull();
    expect(screen.queryByText('Run a test job')).toBeNull();
  });

  it('shows with ?debug=1 (the e2e shell spec opens the page so) and starts the demo job', async () => {
    vi.stubEnv('DEV', false);
    window.history.replaceState(null, '', '/?debug=1');
    const mc = await openFrame();
    await act(async () => {
      fireEvent.click(screen.getByTestId('demo-job-start'));
    });
    expect(mc.calls.find((c) => c.name === 'jobs.start')?.args).toMatchObject({ kind: 'demo' });
  });

  it('the flag: on in a dev build or with ?debug (not ?debug=0 / false)', () => {
    expect(debugEnabled(true, '')).toBe(true);
    expect(debugEnabled(false, '')).toBe(false);
    expect(debugEnabled(false, '?debug')).toBe(true);
    expect(debugEnabled(false, '?x=1&debug=1')).toBe(true);
    expect(debugEnabled(false, '?debug=0')).toBe(false);
    expect(debugEnabled(false, '?debug=false')).toBe(false);
  });
});
