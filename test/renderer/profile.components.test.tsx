import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { AlertsList } from '../../renderer/features/data/AlertsList';
import { ProfilePanel } from '../../renderer/features/data/ProfilePanel';
import { memoryClient } from './helpers/memory-client';
import type { Profile } from '../../shared/contract/ns/profile';
import type { DatasetInfo } from '../../shared/types/columns';

afterEach(cleanup);

const withStore = (store: AppStore, ui: React.ReactNode) => render(<StoreProvider store={store}>{ui}</StoreProvider>);

const profile: Profile = {
  dataset: 'customers',
  version: 1,
  rows: 4,
  columns: [
    {
      name: 'age', type: 'integer', role: 'demographic', pii: false, sensitive: true, format: 'number', count: 3, missing: 1, missingShare: 0.25, distinct: 3,
      min: 20, max: 60, mean: 40, std: 16.3, median: 40, quantiles: [{ p: 0.25, value: 30 }, { p: 0.5, value: 40 }, { p: 0.75, value: 50 }],
      skewness: 0, zeros: 0, histogram: [{ from: 20, to: 40, count: 1 }, { from: 40, to: 60, count: 2 }], top: [], cellErrors: 1,
    },
    {
      name: 'email', type: 'text', role: 'contact', pii: true, sensitive: false, format: 'as_is', count: 3, missing: 1, missingShare: 0.25, distinct: 3,
      min: null, max: null, mean: null, std: null, median: null, quantiles: [], skewness: null, zeros: 0, histogram: [], top: [], cellErrors: 0,
    },
  ],
  alerts: [{ column: 'email', kind: 'missing', detail: '25% of values are missing', value: 0.25 }],
};

const dataset: DatasetInfo = {
  name: 'customers', kind: 'customers', version: 1, versions: 1, rows: 4, cellErrors: 1, idColumn: null, linkedTo: null, importedAt: '2026-01-01', sourceFile: '/x.csv',
  columns: [
    { name: 'age', type: 'integer', role: 'demographic', pii: false, sensitive: true, sensitiveCategory: 'age', missing: 1 },
    { name: 'email', type: 'text', role: 'contact', pii: true, sensitive: false, sensitiveCategory: null, missing: 1 },
  ],
};

describe('profile components', () => {
  it('an alert links to its column, whose profile then shows, without sample values for a PII column', async () => {
    const store = createAppStore(memoryClient({}).client);
    withStore(store, <AlertsList alerts={profile.alerts} />);
    fireEvent.click(screen.getByTestId('alert-column'));
    expect(store.getState().focusColumn).toBe('email');
    expect(store.getState().route).toBe('data');
    cleanup();
    withStore(store, <ProfilePanel profile={profile} dataset={dataset} />);
    expect(screen.getByTestId('column-profile').getAttribute('data-column')).toBe('email');
    expect(screen.getByText('Values of PII columns are not shown.')).toBeTruthy();
    expect(screen.getByTestId('column-alert').textContent).toContain('25% of values are missing');
  });

  it('a numeric column shows its statistics and a histogram; role changes go to datasets.updateColumn', async () => {
    const mc = memoryClient({ 'datasets.updateColumn': ({ column, role }: { column: string; role: string }) => ({ ...dataset, columns: dataset.columns.map((c) => (c.name === column ? { ...c, role } : c)) }) });
    const store = createAppStore(mc.client);
    store.setState({ activeDataset: 'customers', workspace: { workspace: '/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '', asOf: null, datasets: [dataset] } });
    withStore(store, <ProfilePanel profile={profile} dataset={dataset} />);
    fireEvent.click(screen.getByTestId('profile-col-age'));
    const card = screen.getByTestId('column-profile');
    expect(card.getAttribute('data-column')).toBe('age');
    expect(card.textContent).toContain('rejected cells');
    expect(screen.getByTestId('column-chart').getAttribute('aria-label')).toBe('Histogram of age');
    await act(async () => {
      fireEvent.change(screen.getByTestId('profile-role'), { target: { value: 'behavioural' } });
    });
    expect(mc.calls.at(-1)).toEqual({ name: 'datasets.updateColumn', args: { name: 'customers', column: 'age', role: 'behavioural' } });
    expect(store.getState().workspace?.datasets[0].columns[0].role).toBe('behavioural');
  });

  it('a yes/no column shows how many said yes and no, not a mean or a skewness of 0/1 (a tester saw "std dev yes")', () => {
    const consent: Profile['columns'][number] = {
      name: 'consent', type: 'boolean', role: 'consent', pii: false, sensitive: false, format: 'yes_no', count: 2000, missing: 15, missingShare: 15 / 2015, distinct: 2,
      min: 0, max: 1, mean: 0.691, std: 0.46, median: 1, quantiles: [{ p: 0.25, value: 0 }, { p: 0.5, value: 1 }, { p: 0.75, value: 1 }],
      skewness: -0.84, zeros: 618, histogram: [{ from: 0, to: 0.5, count: 618 }, { from: 0.5, to: 1, count: 1382 }], top: [], cellErrors: 0,
    };
    const ds: DatasetInfo = { ...dataset, columns: [{ name: 'consent', type: 'boolean', role: 'consent', pii: false, sensitive: false, sensitiveCategory: null, missing: 15 }] };
    const store = createAppStore(memoryClient({}).client);
    withStore(store, <ProfilePanel profile={{ ...profile, columns: [consent], alerts: [] }} dataset={ds} />);
    const card = screen.getByTestId('column-profile');
    const stats = [...card.querySelectorAll('dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(stats).toContain('yes=1,382 (69.1%)');
    expect(stats).toContain('no=618 (30.9%)');
    for (const hidden of ['mean', 'std dev', 'skewness', 'median', 'min', 'max', 'zeros']) expect(stats.some((s) => s.startsWith(`${hidden}=`)), hidden).toBe(false);
  });
});
