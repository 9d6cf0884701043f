import type { Api } from '../../shared/contract/api';
import type { CountResult, FieldSummary, OverlapResult, ProfileResult, SegmentHistory, SegmentInfo } from '../../shared/contract/ns/segments';
import type { RfmGridCell, RfmGridCheck, RfmResult } from '../../shared/contract/ns/rfm';
import type { RuleNode } from '../../shared/rules';
import type { Slice } from './types';
import { incompleteMessage, pruneIncomplete } from '../lib/ruleEdit';

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

export const createSegmentsSlice: Slice<SegmentsSlice> = (client) => (set, get) => {
  let countSeq = 0;
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
      try {
        const [list, grid] = await Promise.all([client.api.segments.list({}), client.api.rfm.grid({})]);
        set({ segmentList: list, rfmGrid: grid });
        if (!dataset) return set({ segFields: [], segDataset: null });
        const fields = await client.api.segments.fields({ dataset });
        if (get().activeDataset !== dataset) return;
        const changed = get().segDataset !== dataset;
        set({ segFields: fields.fields, segDataset: dataset, ...(changed ? { draft: EMPTY_RULE, draftUndo: [], draftRedo: [], draftName: null } : {}) });
        await get().refreshLiveCount();
      } catch (err) {
        get().notifyError(err);
      }
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
      const mine = ++countSeq;
      set({ liveBusy: true });
      try {
        const check = await client.api.segments.validate({ dataset, rule });
        if (mine !== countSeq) return;
        if (!check.ok) return set({ liveIssues: check.issues, liveCount: null, liveBusy: false });
        const count = await client.api.segments.count({ dataset, rule });
        if (mine === countSeq) set({ liveCount: count, liveIssues: [], liveBusy: false });
      } catch (err) {
        if (mine !== countSeq) return;
        set({ liveBusy: false, liveCount: null, liveIssues: [{ path: '', message: err instanceof Error ? err.message : String(err) }] });
      }
    },
    saveDraft: async (name, justification) => {
      const dataset = get().activeDataset;
      if (!dataset) return false;
      const { incomplete } = pruneIncomplete(get().draft);
      if (incomplete > 0) {
        get().notify('error', incompleteMessage(incomplete));
        return false;
      }
      try {
        const saved = await client.api.segments.save({ dataset, name, rule: get().draft, justification });
        set({ draftName: saved.name, segmentList: await client.api.segments.list({}) });
        get().notify('success', `Saved segment "${saved.name}"`, `${saved.size.toLocaleString()} customers`);
        return true;
      } catch (err) {
        get().notifyError(err);
        return false;
      }
    },
    renameSeg: async (name, newName) => {
      try {
        await client.api.segments.rename({ name, newName });
        set({ segmentList: await client.api.segments.list({}), ...(get().draftName === name ? { draftName: newName } : {}) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    duplicateSeg: async (name, newName) => {
      try {
        await client.api.segments.duplicate({ name, newName });
        set({ segmentList: await client.api.segments.list({}) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    deleteSeg: async (name) => {
      try {
        await client.api.segments.delete({ name });
        set({ segmentList: await client.api.segments.list({}), ...(get().draftName === name ? { draftName: null } : {}) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    loadOverlap: async (names) => {
      if (names.length === 0) return set({ overlap: null });
      try {
        set({ overlap: await client.api.segments.overlap({ names }) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    loadSegProfile: async (name) => {
      const dataset = get().activeDataset;
      try {
        if (name) set({ segProfile: await client.api.segments.profile({ name }) });
        else if (dataset) set({ segProfile: await client.api.segments.profile({ dataset, rule: pruneIncomplete(get().draft).rule }) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    loadSegHistory: async (name) => {
      try {
        set({ segHistory: await client.api.segments.history({ name }) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    segChanges: async (name, seq) => {
      try {
        return await client.api.segments.changes({ name, seq });
      } catch (err) {
        get().notifyError(err);
        return null;
      }
    },
    loadRfm: async (transactions) => {
      try {
        set({ rfmResult: transactions ? await client.api.rfm.result({ transactions }) : null, rfmGrid: await client.api.rfm.grid({}) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    computeRfm: async (transactions, asOf) => {
      try {
        const r = await client.api.rfm.compute({ transactions, ...(asOf ? { asOf } : {}) });
        set({ rfmResult: r, rfmGrid: await client.api.rfm.grid({}) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    saveRfmGrid: async (grid) => {
      try {
        const g = await client.api.rfm.setGrid({ grid });
        const tx = get().rfmResult?.transactions;
        set({ rfmGrid: g, rfmResult: tx ? await client.api.rfm.result({ transactions: tx }) : null });
      } catch (err) {
        get().notifyError(err);
      }
    },
  };
};
