import type { Api } from '../../shared/contract/api';
import type { ClvParams, Grouping, ResponseParams, ResponseResult } from '../../shared/contract/ns/outcomes';
import { groupByChoices, revenueChoices, viewFieldChoices, type ViewFieldChoice } from '../lib/group-by';
import { defineSlice } from './types';
import { activeLocale, tr } from '../i18n/active';

type OutcomeColumns = Awaited<ReturnType<Api['outcomes']['outcomeColumns']>>;
type ClvStored = Awaited<ReturnType<Api['outcomes']['clv']>>;

export interface GroupingChoices {
  /** Columns to group by, low-cardinality ones first. */
  columns: string[];
  /** The columns fit to be the default "Group by column" (category and yes/no; never the ID). */
  suggested: string[];
  /** Numeric columns fit to be the revenue (see revenueChoices), money-like names first. */
  numeric: string[];
  segments: string[];
  runs: { run: string; label: string }[];
  rfm: string[];
  /** Numbers (in bands when they have many values) and customer-view fields, beyond `columns`. */
  fields: ViewFieldChoice[];
}

export interface OutcomesSlice {
  outcomeDataset: string | null;
  outcomeColumns: OutcomeColumns;
  groupingChoices: GroupingChoices;
  responseResult: ResponseResult | null;
  /** What the shown result compared: what "Add to report" stores. */
  responseParams: ResponseParams | null;
  responseBusy: boolean;
  /** The language the engine wrote the shown comparison's notes in: another one asks again. */
  responseLocale: string | null;
  clvTransactions: string | null;
  clvStored: ClvStored;
  /** The language the engine wrote the shown fit's warnings in: another one reads the fit again. */
  clvLocale: string | null;
  /** Outcome columns and grouping choices (columns, segments, runs, RFM) of a dataset. */
  loadOutcomes(dataset: string | null): Promise<void>;
  /** Loads the dataset the view showed last, else the active one, else the first. */
  showOutcomes(): Promise<void>;
  runResponse(outcome: string, positive: string | null, grouping: Grouping, revenue?: string | null): Promise<void>;
  /** Add the shown comparison to the workspace's report (its outcomes section). */
  addResponseToReport(): Promise<void>;
  /** The last CLV fit of a transactions dataset (null when none). */
  loadClv(transactions: string | null): Promise<void>;
  /** Start the CLV fit as a job (progress and Cancel in the jobs tray); results arrive via loadClv on the workspace change. */
  startClv(params: ClvParams): Promise<string | null>;
  createClvSegment(kind: 'top20' | 'likelyChurned'): Promise<void>;
}

const NO_CHOICES: GroupingChoices = { columns: [], suggested: [], numeric: [], segments: [], runs: [], rfm: [], fields: [] };

/** Response by group and lifetime value of the Outcomes view. */
export const outcomesSlice = defineSlice<OutcomesSlice>({
  // Outcome columns and groupings read the customer view (RFM, lifetime value, clusters) and the saved segments.
  dependsOn: ['datasets', 'clv', 'rfm', 'segments', 'clusters', 'erasure'],
  refresh: async (get) => {
    const s = get();
    const names = new Set((s.workspace?.datasets ?? []).map((d) => d.name));
    // A dataset removed meanwhile is not asked for by name: the view falls back to another one.
    const dataset = s.outcomeDataset && !names.has(s.outcomeDataset) ? (s.activeDataset ?? null) : s.outcomeDataset;
    const tx = s.clvTransactions && names.has(s.clvTransactions) ? s.clvTransactions : null;
    await Promise.all([s.outcomeDataset !== null ? s.loadOutcomes(dataset) : undefined, s.clvTransactions !== null ? s.loadClv(tx) : undefined]);
  },
  create:
    ({ client, request }) =>
    (set, get) => ({
      outcomeDataset: null,
      outcomeColumns: [],
      groupingChoices: NO_CHOICES,
      responseResult: null,
      responseParams: null,
      responseBusy: false,
      responseLocale: null,
      clvTransactions: null,
      clvStored: null,
      clvLocale: null,
      loadOutcomes: async (dataset) => {
        if (dataset !== get().outcomeDataset) set({ outcomeDataset: dataset, responseResult: null, responseParams: null });
        if (!dataset) return set({ outcomeColumns: [], groupingChoices: NO_CHOICES });
        const call = () =>
          Promise.all([
            client.api.outcomes.outcomeColumns({ dataset }),
            client.api.datasets.get({ name: dataset }),
            client.api.segments.list({}),
            client.api.clusters.list({ dataset }).catch(() => []),
            // For which columns hold one value only (not a revenue); without it every numeric column is judged by its role.
            client.api.clusters.features({ dataset }).catch(() => []),
            // The customer view's fields (and those of the customers a responses file is linked to); none when it cannot be read.
            client.api.segments.fields({ dataset }).catch(() => null),
          ]).then(async (r) => {
            const linked = r[1].linkedTo;
            const linkedFields = linked ? await client.api.segments.fields({ dataset: linked }).catch(() => null) : null;
            return [...r, linkedFields] as const;
          });
        await request('outcomes.load', call, {
          errorSource: 'outcomes.load',
          onValue: ([cols, info, segs, runs, features, own, linkedFields]) => {
            if (get().outcomeDataset !== dataset) return;
            const transactions = (get().workspace?.datasets ?? []).filter((d) => d.kind === 'transactions').map((d) => d.name);
            const base = groupByChoices(info.columns);
            const skip = new Set([...base.columns, ...cols.map((c) => c.name)]);
            const fields = viewFieldChoices(own?.fields ?? [], skip);
            for (const f of fields) skip.add(f.name);
            if (linkedFields) fields.push(...viewFieldChoices(linkedFields.fields, skip, info.linkedTo));
            set({
              outcomeColumns: cols,
              groupingChoices: {
                ...base,
                fields,
                numeric: revenueChoices(info.columns.map((c) => ({ ...c, constant: features.find((f) => f.name === c.name)?.constant ?? false }))),
                segments: segs.filter((s) => s.dataset === dataset).map((s) => s.name),
                runs: runs.map((r) => ({ run: String(r.run), label: tr('outcomes.response.runOption', { run: r.run, k: r.k }) })),
                rfm: transactions,
              },
            });
          },
        });
      },
      showOutcomes: () => {
        const s = get();
        return s.loadOutcomes(s.outcomeDataset ?? s.activeDataset ?? s.workspace?.datasets[0]?.name ?? null);
      },
      runResponse: async (outcome, positive, grouping, revenue) => {
        const dataset = get().outcomeDataset;
        if (!dataset) return;
        set({ responseBusy: true });
        // A comparison that worked supersedes the error of an earlier one; a newer one makes this one's error moot.
        const params: ResponseParams = { dataset, outcome, ...(positive ? { positive } : {}), ...(revenue ? { revenue } : {}), grouping };
        await request('outcomes.response', () => client.api.outcomes.response(params), {
          errorSource: 'outcomes.response',
          // The detected positive value is stored with the comparison, so the report shows what the user saw.
          onValue: (r) => set({ responseResult: r, responseParams: { ...params, positive: r.positive }, responseBusy: false, responseLocale: activeLocale() }),
          onError: () => set({ responseResult: null, responseParams: null, responseBusy: false }),
        });
      },
      addResponseToReport: async () => {
        const params = get().responseParams;
        if (!params) return;
        await request(null, () => client.api.reports.addComparison(params), {
          errorSource: 'reports.addComparison',
          onValue: ({ count }) => get().notify('success', tr('outcomes.notice.addedToReport', { count }), { source: 'reports.addComparison' }),
        });
      },
      loadClv: async (transactions) => {
        set({ clvTransactions: transactions });
        if (!transactions) return set({ clvStored: null });
        await request('outcomes.clv', () => client.api.outcomes.clv({ transactions }), {
          errorSource: 'outcomes.clv',
          onValue: (stored) => {
            if (get().clvTransactions === transactions) set({ clvStored: stored, clvLocale: activeLocale() });
          },
        });
      },
      startClv: (params) => get().startJob('clv', params),
      createClvSegment: async (kind) => {
        const transactions = get().clvTransactions;
        if (!transactions) return;
        await request(null, () => client.api.outcomes.clvSegment({ transactions, kind }), {
          errorSource: 'outcomes.clvSegment',
          onValue: (seg) => get().notify('success', tr('outcomes.notice.savedSegment', { name: seg.name, count: seg.size, dataset: seg.dataset }), { source: 'outcomes.clvSegment' }),
        });
      },
    }),
});
