import type { Api } from '../../shared/contract/api';
import type { ClvParams, Grouping, ResponseResult } from '../../shared/contract/ns/outcomes';
import { groupByChoices } from '../lib/groupBy';
import type { Slice } from './types';

type OutcomeColumns = Awaited<ReturnType<Api['outcomes']['outcomeColumns']>>;
type ClvStored = Awaited<ReturnType<Api['outcomes']['clv']>>;

export interface GroupingChoices {
  /** Columns to group by, low-cardinality ones first. */
  columns: string[];
  /** The columns fit to be the default "Group by column" (category and yes/no; never the ID). */
  suggested: string[];
  /** Numeric columns (candidates for revenue). */
  numeric: string[];
  segments: string[];
  runs: { run: string; label: string }[];
  rfm: string[];
}

export interface OutcomesSlice {
  outcomeDataset: string | null;
  outcomeColumns: OutcomeColumns;
  groupingChoices: GroupingChoices;
  responseResult: ResponseResult | null;
  responseBusy: boolean;
  clvTransactions: string | null;
  clvStored: ClvStored;
  /** Outcome columns and grouping choices (columns, segments, runs, RFM) of a dataset. */
  loadOutcomes(dataset: string | null): Promise<void>;
  runResponse(outcome: string, positive: string | null, grouping: Grouping, revenue?: string | null): Promise<void>;
  /** The last CLV fit of a transactions dataset (null when none). */
  loadClv(transactions: string | null): Promise<void>;
  /** Start the CLV fit as a job (progress and Cancel in the jobs tray); results arrive via loadClv on the workspace change. */
  startClv(params: ClvParams): Promise<string | null>;
  createClvSegment(kind: 'top20' | 'likelyChurned'): Promise<void>;
}

const NO_CHOICES: GroupingChoices = { columns: [], suggested: [], numeric: [], segments: [], runs: [], rfm: [] };

export const createOutcomesSlice: Slice<OutcomesSlice> = (client) => (set, get) => {
  let seq = 0;
  return {
    outcomeDataset: null,
    outcomeColumns: [],
    groupingChoices: NO_CHOICES,
    responseResult: null,
    responseBusy: false,
    clvTransactions: null,
    clvStored: null,
    loadOutcomes: async (dataset) => {
      if (dataset !== get().outcomeDataset) set({ outcomeDataset: dataset, responseResult: null });
      if (!dataset) return set({ outcomeColumns: [], groupingChoices: NO_CHOICES });
      try {
        const [cols, info, segs, runs] = await Promise.all([
          client.api.outcomes.outcomeColumns({ dataset }),
          client.api.datasets.get({ name: dataset }),
          client.api.segments.list({}),
          client.api.clusters.list({ dataset }).catch(() => []),
        ]);
        if (get().outcomeDataset !== dataset) return;
        const transactions = (get().workspace?.datasets ?? []).filter((d) => d.kind === 'transactions').map((d) => d.name);
        set({
          outcomeColumns: cols,
          groupingChoices: {
            ...groupByChoices(info.columns),
            numeric: info.columns.filter((c) => c.type === 'number' || c.type === 'integer').map((c) => c.name),
            segments: segs.filter((s) => s.dataset === dataset).map((s) => s.name),
            runs: runs.map((r) => ({ run: String(r.run), label: `Run ${r.run} (k=${r.k})` })),
            rfm: transactions,
          },
        });
        get().clearToasts('outcomes.load');
      } catch (err) {
        get().notifyError(err, 'outcomes.load');
      }
    },
    runResponse: async (outcome, positive, grouping, revenue) => {
      const dataset = get().outcomeDataset;
      if (!dataset) return;
      const mine = ++seq;
      set({ responseBusy: true });
      try {
        const r = await client.api.outcomes.response({ dataset, outcome, ...(positive ? { positive } : {}), ...(revenue ? { revenue } : {}), grouping });
        if (mine === seq) {
          set({ responseResult: r, responseBusy: false });
          // A comparison that worked supersedes the error of an earlier one.
          get().clearToasts('outcomes.response');
        }
      } catch (err) {
        // A newer comparison has been asked for: this one's error no longer applies.
        if (mine !== seq) return;
        set({ responseResult: null, responseBusy: false });
        get().notifyError(err, 'outcomes.response');
      }
    },
    loadClv: async (transactions) => {
      set({ clvTransactions: transactions });
      if (!transactions) return set({ clvStored: null });
      try {
        const stored = await client.api.outcomes.clv({ transactions });
        if (get().clvTransactions === transactions) set({ clvStored: stored });
        get().clearToasts('outcomes.clv');
      } catch (err) {
        get().notifyError(err, 'outcomes.clv');
      }
    },
    startClv: (params) => get().startJob('clv', params),
    createClvSegment: async (kind) => {
      const transactions = get().clvTransactions;
      if (!transactions) return;
      try {
        const seg = await client.api.outcomes.clvSegment({ transactions, kind });
        get().notify('success', `Saved segment "${seg.name}" (${seg.size.toLocaleString()} customers of ${seg.dataset})`, { source: 'outcomes.clvSegment' });
      } catch (err) {
        get().notifyError(err, 'outcomes.clvSegment');
      }
    },
  };
};
