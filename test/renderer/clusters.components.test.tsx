import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import ClustersView from '../../renderer/features/clusters/ClustersView';
import { memoryClient } from './helpers/memory-client';
import type { ClusterRun } from '../../shared/contract/ns/clusters';
import type { DatasetInfo } from '../../shared/types/columns';

// ECharts needs a canvas, which happy-dom lacks; the charts are not what these tests are about.
vi.mock('../../renderer/charts/EChart', () => ({ EChart: () => null }));

afterEach(cleanup);

type Choice = { name: string; type: 'number' | 'date' | 'category'; role: 'behavioural' | 'psychographic' | 'demographic'; sensitive?: boolean; suggested?: boolean; distinct?: number };
const choice = (c: Choice) => ({ name: c.name, type: c.type, role: c.role, pii: false, sensitive: !!c.sensitive, suggested: !!c.suggested, constant: false, unusable: null, distinct: c.distinct ?? null });

const FEATURES: Record<string, ReturnType<typeof choice>[]> = {
  customers: [
    choice({ name: 'signup_date', type: 'date', role: 'behavioural', suggested: true }),
    choice({ name: 'lifestyle', type: 'category', role: 'psychographic', distinct: 5 }),
    choice({ name: 'preferred_channel', type: 'category', role: 'psychographic', distinct: 4 }),
    choice({ name: 'annual_income', type: 'number', role: 'demographic', sensitive: true }),
  ],
  members: [choice({ name: 'visits', type: 'number', role: 'behavioural', suggested: true }), choice({ name: 'tier', type: 'category', role: 'psychographic', distinct: 3 })],
};

const ds = (name: string, kind: 'customers' | 'transactions' = 'customers', linkedTo: string | null = null): DatasetInfo => ({
  name, kind, version: 1, versions: 1, rows: 10, cellErrors: 0, idColumn: null, linkedTo, importedAt: '2026-01-01', sourceFile: `/${name}.csv`, columns: [],
});

function makeRun(run: number, dataset: string, features: string[]): ClusterRun {
  return {
    run, dataset, version: 1, createdAt: '2026-01-01T00:00:00Z', k: 2, features, algorithm: 'k-prototypes', inertia: 1, silhouette: 0.5, silhouetteRows: 10,
    silhouetteSampled: false, iterations: 3, sizes: [5, 5], fitMs: 1, ms: 2, rows: 10, customers: 10, seed: 42, kScores: [], recommendedK: null, reason: null, stability: null,
    clusters: [1, 2].map((cluster) => ({ cluster, name: `C${cluster}`, suggestedName: `C${cluster}`, size: 5, share: 0.5, customers: 5, stability: null, unstable: false, top: [] })),
    notes: [], excluded: [],
    settings: { scale: 'standard', transform: 'auto', restarts: 3, includeSensitive: true, k: 2, kRange: [2, 10], asOf: '2026-01-01' },
    prepared: [], effects: [[], []], heatmap: { features, z: [features.map(() => 0), features.map(() => 0)] }, mapExplained: null,
  };
}

/** A fake engine with saved runs per dataset; `jobs.start` of a cluster job records its params. */
function setup(initialRuns: ClusterRun[] = []) {
  const runs = [...initialRuns];
  const started: { features: string[] }[] = [];
  const mc = memoryClient({
    'clusters.features': ({ dataset }: { dataset: string }) => FEATURES[dataset],
    'clusters.list': ({ dataset }: { dataset?: string }) => runs.filter((r) => r.dataset === dataset).sort((a, b) => b.run - a.run),
    'clusters.get': ({ run }: { run: number }) => runs.find((r) => r.run === run),
    'clusters.map': () => ({ x: [], y: [], cluster: [], row: [], total: 10, shown: 0, sampled: false, explained: [0, 0] }),
    'jobs.start': ({ params }: { params: { features: string[] } }) => {
      started.push(params);
      return { jobId: `job-${started.length}` };
    },
  });
  const store = createAppStore(mc.client);
  const workspace = { workspace: '/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '', asOf: null, datasets: [ds('customers'), ds('orders', 'transactions', 'customers'), ds('members')] };
  mc.handle({ 'workspace.info': () => workspace });
  store.setState({ workspace, activeDataset: 'customers', route: 'clusters' });
  /** The engine finishes job n with a new saved run on these features. */
  const finish = (n: number, dataset: string) => {
    const run = makeRun(runs.length + 1, dataset, started[n - 1].features);
    runs.push(run);
    store.getState().jobChanged({ jobId: `job-${n}`, kind: 'cluster', label: 'Find clusters', state: 'done', phase: 'done', done: 1, total: 1, startedAt: 1, result: run });
  };
  return { store, mc, started, finish };
}

const view = (store: AppStore) => render(<StoreProvider store={store}><ClustersView /></StoreProvider>);
const ticked = () => screen.getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked && c.dataset.testid?.startsWith('cl-feature-')).map((c) => c.dataset.testid?.slice('cl-feature-'.length));
const tick = (name: string, on: boolean) => {
  const box = screen.getByTestId(`cl-feature-${name}`) as HTMLInputElement;
  if (box.checked !== on) fireEvent.click(box);
};

describe('cluster feature picker', () => {
  it('keeps the ticked features across a run and when leaving and coming back (a tester saw them reset to signup_date)', async () => {
    const { store, mc, started, finish } = setup();
    view(store);
    await waitFor(() => expect(ticked()).toEqual(['signup_date']));
    // Why income is not pre-ticked is said, and that order history is not a clustering input.
    expect(screen.getByTestId('cl-features-hint').textContent).toMatch(/annual_income.*never pre-ticked/);
    expect(screen.getByTestId('cl-orders-hint').textContent).toMatch(/orders/);

    tick('signup_date', false);
    tick('lifestyle', true);
    tick('preferred_channel', true);
    expect(ticked()).toEqual(['lifestyle', 'preferred_channel']);
    fireEvent.click(screen.getByTestId('cl-run'));
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0].features).toEqual(['lifestyle', 'preferred_channel']);

    await act(async () => finish(1, 'customers'));
    await waitFor(() => expect(store.getState().clRun?.run).toBe(1));
    await waitFor(() => expect(screen.getByTestId('cl-summary')).toBeTruthy());
    expect(ticked()).toEqual(['lifestyle', 'preferred_channel']);

    // Leave the view and come back: same workspace and dataset, same ticks.
    cleanup();
    view(store);
    await waitFor(() => expect(screen.getByTestId('cl-summary')).toBeTruthy());
    expect(ticked()).toEqual(['lifestyle', 'preferred_channel']);
    // A workspace event (e.g. a rename) reloads the view's data but keeps the ticks too.
    const lists = mc.calls.filter((c) => c.name === 'clusters.list').length;
    await act(async () => store.getState().workspaceChanged('clusters', null));
    await waitFor(() => expect(mc.calls.filter((c) => c.name === 'clusters.list').length).toBe(lists + 1));
    await waitFor(() => expect(ticked()).toEqual(['lifestyle', 'preferred_channel']));
  });

  it('switching the dataset resets the ticks to that dataset’s suggestions, and back again', async () => {
    const { store } = setup();
    view(store);
    await waitFor(() => expect(ticked()).toEqual(['signup_date']));
    tick('lifestyle', true);
    await act(async () => {
      fireEvent.change(screen.getByTestId('cl-dataset'), { target: { value: 'members' } });
    });
    await waitFor(() => expect(ticked()).toEqual(['visits']));
    expect(screen.queryByTestId('cl-orders-hint')).toBeNull();
    await act(async () => {
      fireEvent.change(screen.getByTestId('cl-dataset'), { target: { value: 'customers' } });
    });
    await waitFor(() => expect(ticked()).toEqual(['signup_date']));
  });

  it('opening a past run shows the features it used; on arrival the newest run’s features are ticked', async () => {
    const { store } = setup([makeRun(1, 'customers', ['signup_date', 'preferred_channel']), makeRun(2, 'customers', ['lifestyle'])]);
    view(store);
    await waitFor(() => expect(store.getState().clRun?.run).toBe(2));
    await waitFor(() => expect(ticked()).toEqual(['lifestyle']));
    await act(async () => {
      fireEvent.change(screen.getByTestId('cl-runs'), { target: { value: '1' } });
    });
    await waitFor(() => expect(store.getState().clRun?.run).toBe(1));
    expect(ticked()).toEqual(['signup_date', 'preferred_channel']);
  });
});

describe('cluster cards', () => {
  it('say customers (distinct IDs) and, where IDs repeat, the rows beside them', async () => {
    const repeated = makeRun(1, 'customers', ['signup_date']);
    // 10 rows hold 9 customers: cluster 1 has 5 rows of 4 customers.
    repeated.customers = 9;
    repeated.clusters[0].customers = 4;
    const { store } = setup([repeated]);
    view(store);
    await waitFor(() => expect(screen.getByTestId('cl-card-1')).toBeTruthy());
    expect(screen.getByTestId('cl-card-1').textContent).toMatch(/4 customers \(5 rows, 50\.0% of rows\)/);
    expect(screen.getByTestId('cl-card-2').textContent).toMatch(/5 customers \(50\.0%\)/);
    expect(screen.getByTestId('cl-summary').textContent).toMatch(/of 9 customers \(10 rows\)/);
  });
});

describe('cluster cards and heatmap legend', () => {
  it('the card shows the heatmap’s number: the standardised effect for numbers, percentage points for a category value', async () => {
    const run = makeRun(1, 'customers', ['visits', 'tier']);
    run.heatmap = { features: ['visits', 'tier = gold', 'tier = silver'], z: [[0.89, 12.3, -12.3], [-0.85, -12.3, 12.3]], kinds: ['effect', 'points', 'points'] };
    run.clusters[0].top = [
      { feature: 'visits', effect: 0.89, text: 'visits 2.0× higher (avg 10.0 vs 5.0 for the rest)' },
      { feature: 'tier', effect: 0.6, points: 12.3, text: 'tier = gold over-represented 1.4× (42.3% vs 17.7% of the rest)' },
    ];
    run.clusters[1].top = [{ feature: 'visits', effect: -0.85, text: 'visits 50% lower (avg 5.0 vs 10.0 for the rest)' }];
    const { store } = setup([run]);
    view(store);
    await waitFor(() => expect(screen.getByTestId('cl-card-1')).toBeTruthy());
    const heatLabel = (await import('../../renderer/features/clusters/charts')).heatLabel;
    expect(screen.getByTestId('cl-effect-1-visits').textContent).toContain(heatLabel(run.heatmap.z[0][0], 'effect'));
    expect(screen.getByTestId('cl-effect-1-visits').textContent).toMatch(/how different \(standardised\).*\+0\.89/);
    expect(screen.getByTestId('cl-effect-2-visits').textContent).toMatch(/−0\.85/);
    expect(screen.getByTestId('cl-effect-1-tier').textContent).toMatch(/share difference \(percentage points\).*\+12 pp/);
    expect(screen.getByTestId('cl-effect-1-tier').textContent).toContain(heatLabel(run.heatmap.z[0][1], 'points'));
    const legend = screen.getByTestId('cl-heat-legend').textContent ?? '';
    expect(legend).toMatch(/Number columns: how different \(standardised\)/);
    expect(legend).toMatch(/Category values .*share difference \(percentage points\).*share in the group minus its share among all customers/);
  });
});
