import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { openFrame } from './helpers/open-frame';

afterEach(cleanup);

const DAMAGE = 'SQLite found damaged pages (page 3: btree error). Save a recovered copy or go back to your last good copy.';

/** The app over a fake engine whose open reports a damaged file, as the engine's quick_check does. */
async function openWith(damaged: string | null) {
  await openFrame((defaults) => {
    const create = defaults['workspace.create'] as (args: { path: string }) => object;
    return { 'workspace.create': (args: { path: string }) => ({ ...create(args), damaged }) };
  });
}

describe('a damaged workspace', () => {
  it('says on every view that it is open read-only, with what SQLite found and what to do', async () => {
    await openWith(DAMAGE);
    const banner = screen.getByTestId('workspace-damaged');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toMatch(/read-only/);
    expect(banner.textContent).toContain(DAMAGE);
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-segments'));
    });
    expect(screen.getByTestId('workspace-damaged').textContent).toContain(DAMAGE);
  });

  it('shows nothing when the check passed', async () => {
    await openWith(null);
    expect(screen.queryByTestId('workspace-damaged')).toBeNull();
  });
});
