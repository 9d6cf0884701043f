import type { Api } from '../../shared/contract/api';
import type { CountResult, FieldSummary, OverlapResult, ProfileResult, SegmentHistory, SegmentInfo } from '../../shared/contract/ns/segments';
import type { RfmGridCell, RfmGridCheck, RfmResult } from '../../shared/contract/ns/rfm';
import type { RuleNode } from '../../shared/rules';
import { defineSlice } from './types';
import { tr } from '../i18n/active';
import { incompleteMessage, pruneIncomplete } from '../lib/rule-edit';

type RuleIssue = { path: string; message: string };
type Changes = Awaited<ReturnType<Api['segments']['changes']>>;

const EMPTY_RULE: RuleNode = { all: [] };
const UNDO_LIMIT = 100;

export interface SegmentsSlice {
  segFields: FieldSummary[];
  segDataset: string | null;
  /** The rule being edited, with undo/redo history. */
  draft: RuleNode;
  draftUndo: RuleNode[];
  draftRedo: RuleNode[];
  /** Name of the saved segment the draft was loaded from (null = new). */
  draftName: string | null;
  liveCount: CountResult | null;
  liveIssues: RuleIssue[];
  liveBusy: boolean;
  segmentList: SegmentInfo[];
  overlap: OverlapResult | null;
  segProfile: ProfileResult | null;
  segHistory: SegmentHistory | null;
  rfmResult: RfmResult | null;
  rfmGrid: { grid: RfmGridCell[]; check: RfmGridCheck } | null;
  loadSegmentsView(): Promise<void>;
  setDraft(rule: RuleNode): void;
  undoDraft(): void;
  redoDraft(): void;
  newDraft(): void;
  editSegment(name: string): void;
  refreshLiveCount(): Promise<void>;
  saveDraft(name: string, justification: string | null): Promise<boolean>;
  renameSeg(name: string, newName: string): Promise<void>;
  duplicateSeg(name: string, newName: string): Promise<void>;
  deleteSeg(name: string): Promise<void>;
  loadOverlap(names: string[]): Promise<void>;
  loadSegProfile(name: string | null): Promise<void>;
  loadSegHistory(name: string): Promise<void>;
  segChanges(name: string, seq: number): Promise<Changes | null>;
  loadRfm(transactions: string | null): Promise<void>;
  computeRfm(transactions: string, asOf: string | null): Promise<void>;
  saveRfmGrid(grid: RfmGridCell[] | null): Promise<void>;
}

/** The segment builder (draft with undo, live count), saved segments, overlap, profiles, history and RFM. */
export const segmentsSlice = defineSlice<SegmentsSlice>({
  // Rules read the customer view, which carries RFM, lifetime value and cluster columns next to the data.
  dependsOn: ['datasets', 'segments', 'erasure', 'rfm', 'clv', 'clusters'],
  refresh: async (get) => {
    const s = get();
    await Promise.all([s.segDataset !== null ? s.loadSegmentsView() : undefined, s.rfmResult ? s.loadRfm(s.rfmResult.transactions) : undefined]);
  },
  create:
    ({ client, request }) =>
    (set, get) => {
      const list = () => client.api.segments.list({});
      return {
        segFields: [],
        segDataset: null,
        draft: EMPTY_RULE,
        draftUndo: [],
        draftRedo: [],
        draftName: null,
        liveCount: null,
        liveIssues: [],
        liveBusy: false,
        segmentList: [],
        overlap: null,
        segProfile: null,
        segHistory: null,
        rfmResult: null,
        rfmGrid: null,
        loadSegmentsView: async () => {
          const dataset = get().activeDataset;
          const both = await request('segments.view', () => Promise.all([list(), client.api.rfm.grid({})]));
          if (!both) return;
          set({ segmentList: both[0], rfmGrid: both[1] });
          if (!dataset) return set({ segFields: [], segDataset: null });
          const fields = await request('segments.fields', () => client.api.segments.fields({ dataset }));
          if (!fields || get().activeDataset !== dataset) return;
          const changed = get().segDataset !== dataset;
          set({ segFields: fields.fields, segDataset: dataset, ...(changed ? { draft: EMPTY_RULE, draftUndo: [], draftRedo: [], draftName: null } : {}) });
          await get().refreshLiveCount();
        },
        setDraft: (rule) => set((s) => ({ draft: rule, draftUndo: [...s.draftUndo, s.draft].slice(-UNDO_LIMIT), draftRedo: [] })),
        undoDraft: () =>
          set((s) => (s.draftUndo.length ? { draft: s.draftUndo[s.draftUndo.length - 1], draftUndo: s.draftUndo.slice(0, -1), draftRedo: [...s.draftRedo, s.draft] } : {})),
        redoDraft: () =>
          set((s) => (s.draftRedo.length ? { draft: s.draftRedo[s.draftRedo.length - 1], draftRedo: s.draftRedo.slice(0, -1), draftUndo: [...s.draftUndo, s.draft] } : {})),
        newDraft: () => set((s) => ({ draft: EMPTY_RULE, draftUndo: [...s.draftUndo, s.draft], draftRedo: [], draftName: null })),
        editSegment: (name) => {
          const seg = get().segmentList.find((x) => x.name === name);
          if (!seg) return;
          if (seg.dataset !== get().activeDataset) get().selectDataset(seg.dataset);
          const rule: RuleNode = 'all' in seg.rule || 'any' in seg.rule ? seg.rule : { all: [seg.rule] };
          set((s) => ({ draft: rule, draftUndo: [...s.draftUndo, s.draft], draftRedo: [], draftName: name }));
        },
        refreshLiveCount: async () => {
          const dataset = get().activeDataset;
          if (!dataset) return;
          // Unfinished conditions and empty groups restrict nothing until completed: count the rest.
          const { rule } = pruneIncomplete(get().draft);
          set({ liveBusy: true });
          const check = async () => {
            const v = await client.api.segments.validate({ dataset, rule });
            return v.ok ? { issues: [], count: await client.api.segments.count({ dataset, rule }) } : { issues: v.issues, count: null };
          };
          // The builder shows a failed count next to the rule, not as a toast.
          await request('segments.liveCount', check, {
            silent: true,
            onValue: ({ issues, count }) => set({ liveIssues: issues, liveCount: count, liveBusy: false }),
            onError: (err) => set({ liveBusy: false, liveCount: null, liveIssues: [{ path: '', message: err instanceof Error ? err.message : String(err) }] }),
          });
        },
        saveDraft: async (name, justification) => {
          const dataset = get().activeDataset;
          if (!dataset) return false;
          const { incomplete } = pruneIncomplete(get().draft);
          if (incomplete > 0) {
            get().notify('error', incompleteMessage(incomplete));
            return false;
          }
          const rule = get().draft;
          const saved = await request(null, async () => ({ saved: await client.api.segments.save({ dataset, name, rule, justification }), list: await list() }), {
            onValue: ({ saved, list }) => {
              set({ draftName: saved.name, segmentList: list });
              get().notify('success', tr('segments.store.saved', { name: saved.name }), tr('common.customers', { count: saved.size }));
            },
          });
          return saved !== undefined;
        },
        renameSeg: async (name, newName) => {
          await request(null, async () => (await client.api.segments.rename({ name, newName }), list()), {
            onValue: (segmentList) => set({ segmentList, ...(get().draftName === name ? { draftName: newName } : {}) }),
          });
        },
        duplicateSeg: async (name, newName) => {
          await request(null, async () => (await client.api.segments.duplicate({ name, newName }), list()), { onValue: (segmentList) => set({ segmentList }) });
        },
        deleteSeg: async (name) => {
          await request(null, async () => (await client.api.segments.delete({ name }), list()), {
            onValue: (segmentList) => set({ segmentList, ...(get().draftName === name ? { draftName: null } : {}) }),
          });
        },
        loadOverlap: async (names) => {
          if (names.length === 0) return set({ overlap: null });
          await request('segments.overlap', () => client.api.segments.overlap({ names }), { onValue: (overlap) => set({ overlap }) });
        },
        loadSegProfile: async (name) => {
          const dataset = get().activeDataset;
          const args = name ? { name } : dataset ? { dataset, rule: pruneIncomplete(get().draft).rule } : null;
          if (!args) return;
          await request('segments.profile', () => client.api.segments.profile(args), { onValue: (segProfile) => set({ segProfile }) });
        },
        loadSegHistory: async (name) => {
          await request('segments.history', () => client.api.segments.history({ name }), { onValue: (segHistory) => set({ segHistory }) });
        },
        segChanges: async (name, seq) => (await request('segments.changes', () => client.api.segments.changes({ name, seq }))) ?? null,
        loadRfm: async (transactions) => {
          const call = async () => ({ result: transactions ? await client.api.rfm.result({ transactions }) : null, grid: await client.api.rfm.grid({}) });
          await request('rfm.result', call, { onValue: ({ result, grid }) => set({ rfmResult: result, rfmGrid: grid }) });
        },
        computeRfm: async (transactions, asOf) => {
          const call = async () => ({ result: await client.api.rfm.compute({ transactions, ...(asOf ? { asOf } : {}) }), grid: await client.api.rfm.grid({}) });
          await request('rfm.result', call, { onValue: ({ result, grid }) => set({ rfmResult: result, rfmGrid: grid }) });
        },
        saveRfmGrid: async (grid) => {
          const tx = get().rfmResult?.transactions;
          const call = async () => ({ grid: await client.api.rfm.setGrid({ grid }), result: tx ? await client.api.rfm.result({ transactions: tx }) : null });
          await request('rfm.result', call, { onValue: (r) => set({ rfmGrid: r.grid, rfmResult: r.result }) });
        },
      };
    },
});
