import type { ClusterParams, ClusterRun, ClusterRunSummary } from '../../shared/contract/ns/clusters';
import type { Api } from '../../shared/contract/api';
import { defineSlice } from './types';
import { activeLocale, tr } from '../i18n/active';

type FeatureChoice = Awaited<ReturnType<Api['clusters']['features']>>[number];
export type ClusterMapData = Awaited<ReturnType<Api['clusters']['map']>>;
export type MemberTip = Awaited<ReturnType<Api['clusters']['member']>>;

/** Explore clusters: feature choices, saved runs, the open run with its map, and the running job. */
export interface ClustersSlice {
  clDataset: string | null;
  /** Workspace file and dataset the cluster state belongs to: the ticked features reset only when this changes. */
  clKey: string | null;
  clFeatures: FeatureChoice[];
  /**
   * The ticked features. Kept across runs and across leaving and returning to the view; set to the suggestions
   * (or the newest run's features) when the dataset changes, and to a run's features when the user opens that run.
   */
  clSelected: string[];
  clRuns: ClusterRunSummary[];
  clRun: ClusterRun | null;
  clMap: ClusterMapData | null;
  /** The language the engine wrote the open run's explanations in: another one fetches the run again. */
  clRunLocale: string | null;
  /** The clustering job this view started (its progress is in `jobs`). */
  clJobId: string | null;
  clCompare: { other: number; ari: number; rows: number } | null;
  loadClusters(): Promise<void>;
  setClSelected(next: string[]): void;
  runClustering(params: ClusterParams): Promise<void>;
  /** Called when the view sees its job end; opens the new run when it finished. */
  clusteringEnded(result: unknown): Promise<void>;
  /** Opens a saved run; its features become the ticked ones unless `keepSelection` (a run this view just started). */
  openRun(run: number, opts?: { keepSelection?: boolean }): Promise<void>;
  renameCluster(cluster: number, name: string): Promise<void>;
  compareWith(other: number | null): Promise<void>;
  clusterTip(row: number, pii: boolean): Promise<MemberTip | null>;
  saveClusterAsSegment(cluster: number, name: string): Promise<boolean>;
  removeRun(run: number): Promise<void>;
}

/** The Explore clusters view. */
export const clustersSlice = defineSlice<ClustersSlice>({
  // Features are the customer view's columns, which include RFM and lifetime value; runs change with clustering jobs.
  dependsOn: ['datasets', 'clusters', 'rfm', 'clv', 'erasure'],
  refresh: async (get) => {
    if (get().clKey !== null) await get().loadClusters();
  },
  create:
    ({ client, request }) =>
    (set, get) => ({
      clDataset: null,
      clKey: null,
      clFeatures: [],
      clSelected: [],
      clRuns: [],
      clRun: null,
      clMap: null,
      clRunLocale: null,
      clJobId: null,
      clCompare: null,
      loadClusters: async () => {
        const dataset = get().activeDataset;
        if (!dataset) return set({ clDataset: null, clKey: null, clFeatures: [], clSelected: [], clRuns: [], clRun: null, clMap: null });
        const key = `${get().workspace?.workspace ?? ''}\n${dataset}`;
        const loaded = await request('clusters.load', () => Promise.all([client.api.clusters.features({ dataset }), client.api.clusters.list({ dataset })]));
        if (!loaded || get().activeDataset !== dataset) return;
        const [features, runs] = loaded;
        const changed = get().clKey !== key;
        const usable = new Set(features.filter((f) => !f.unusable).map((f) => f.name));
        // A new dataset starts from the suggestions; otherwise the user's ticks stay (minus columns no longer usable).
        const selected = changed ? features.filter((f) => f.suggested && !f.unusable).map((f) => f.name) : get().clSelected.filter((n) => usable.has(n));
        set({ clDataset: dataset, clKey: key, clFeatures: features, clSelected: selected, clRuns: runs, ...(changed ? { clRun: null, clMap: null, clCompare: null } : {}) });
        const open = get().clRun;
        if (open && runs.some((r) => r.run === open.run)) {
          // Names may have changed elsewhere; keep the open run current.
          await request('clusters.get', () => client.api.clusters.get({ run: open.run }), {
            onValue: (full) => {
              if (get().clKey === key) set({ clRun: full });
            },
          });
        } else if (runs.length) {
          // On arrival the newest run opens and the picker shows what it used; later (a run deleted elsewhere) the ticks stay.
          await get().openRun(runs[0].run, { keepSelection: !changed });
        } else set({ clRun: null, clMap: null });
      },
      setClSelected: (next) => set({ clSelected: next }),
      runClustering: async (params) => {
        const jobId = await get().startJob('cluster', params);
        if (jobId) set({ clJobId: jobId });
      },
      clusteringEnded: async (result) => {
        set({ clJobId: null });
        const run = (result as { run?: unknown } | undefined)?.run;
        if (typeof run === 'number') {
          await get().loadClusters();
          // The ticks are the user's (they may have changed them while it ran); only open the run if it is of this dataset.
          if (get().clRuns.some((r) => r.run === run)) await get().openRun(run, { keepSelection: true });
        }
      },
      openRun: async (run, opts) => {
        await request('clusters.get', () => Promise.all([client.api.clusters.get({ run }), client.api.clusters.map({ run })]), {
          onValue: ([full, map]) => {
            set({ clRun: full, clMap: map, clCompare: null, clRunLocale: activeLocale() });
            if (!opts?.keepSelection && full.dataset === get().clDataset) {
              // Show what the run used, as far as those columns can still be ticked.
              const usable = new Set(get().clFeatures.filter((f) => !f.unusable).map((f) => f.name));
              set({ clSelected: full.features.filter((n) => usable.has(n)) });
            }
          },
        });
      },
      renameCluster: async (cluster, name) => {
        const run = get().clRun;
        if (!run) return;
        await request(null, () => client.api.clusters.rename({ run: run.run, cluster, name }), {
          onValue: (card) => {
            const current = get().clRun;
            if (current?.run === run.run) set({ clRun: { ...current, clusters: current.clusters.map((c) => (c.cluster === cluster ? { ...c, name: card.name } : c)) } });
          },
        });
      },
      compareWith: async (other) => {
        const run = get().clRun;
        if (!run || other === null) return set({ clCompare: null });
        await request('clusters.compare', () => client.api.clusters.compare({ run: run.run, other }), { onValue: (r) => set({ clCompare: { other, ari: r.ari, rows: r.rows } }) });
      },
      clusterTip: async (row, pii) => {
        const run = get().clRun;
        if (!run) return null;
        // Every hovered point's answer is cached by the map, so none supersedes another; one that fails stays empty (no toast while the pointer moves).
        return (await request(null, () => client.api.clusters.member({ run: run.run, row, pii }), { silent: true })) ?? null;
      },
      saveClusterAsSegment: async (cluster, name) => {
        const run = get().clRun;
        if (!run) return false;
        const saved = await request(null, () =>
          client.api.segments.save({ dataset: run.dataset, name, rule: { all: [{ cluster: { run: String(run.run), cluster } }] }, justification: null }),
        );
        if (saved) get().notify('success', tr('clusters.notice.savedAsSegment', { cluster, run: run.run, name }));
        return saved !== undefined;
      },
      removeRun: async (run) => {
        if ((await request(null, () => client.api.clusters.remove({ run }))) === undefined) return;
        if (get().clRun?.run === run) set({ clRun: null, clMap: null });
        await get().loadClusters();
      },
    }),
});
