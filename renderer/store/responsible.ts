import type { Api } from '../../shared/contract/api';
import type { AuditReport } from '../../shared/contract/ns/fairness';
import type { ErasurePreview, ErasureResult } from '../../shared/contract/ns/erasure';
import { defineSlice } from './types';
import { tr } from '../i18n/active';

type Consent = Awaited<ReturnType<Api['fairness']['consent']>>;
type AuditLog = Awaited<ReturnType<Api['audit']['list']>>;

/** What the responsible-use view audits: a saved segment or a clustering run of the active dataset. */
export type AuditTarget = { kind: 'segment'; name: string } | { kind: 'run'; run: number };

export interface AuditChoices {
  segments: { name: string; size: number; justification: string | null }[];
  runs: { run: number; k: number; features: string[] }[];
}

export interface ResponsibleSlice {
  auditChoices: AuditChoices;
  auditTarget: AuditTarget | null;
  auditReport: AuditReport | null;
  auditLoading: boolean;
  /** Let "(missing)" set the reference rate (off by default: shown, never the reference). */
  auditMissingAsReference: boolean;
  consentSummary: Consent | null;
  auditLog: AuditLog | null;
  erasureResult: ErasureResult | null;
  /** Segments and runs of the active dataset, its consent summary and the audit log. */
  loadResponsible(): Promise<void>;
  runAudit(target: AuditTarget): Promise<void>;
  /** Switch whether "(missing)" may be the reference, and audit the current target again. */
  setAuditMissingAsReference(on: boolean): Promise<void>;
  loadAuditLog(): Promise<void>;
  /** The whole audit log as CSV text (the view offers it as a download). */
  auditLogCsv(): Promise<string | null>;
  /** Where the customers are (every dataset, derived results, earlier files), without changing anything. */
  previewErasure(ids: string[]): Promise<ErasurePreview | null>;
  /** Irreversibly erase customers of the active dataset; refreshes what depends on them. */
  eraseCustomers(ids: string[]): Promise<ErasureResult | null>;
}

/** Fairness audit, consent summary, audit log and erasure of the Responsible use view. */
export const responsibleSlice = defineSlice<ResponsibleSlice>({
  // Audit choices are the dataset's segments and runs; consent and the audit log change with data and erasures.
  dependsOn: ['datasets', 'segments', 'clusters', 'erasure', 'rfm', 'clv'],
  refresh: async (get) => {
    if (get().consentSummary !== null) await get().loadResponsible();
  },
  create:
    ({ client, request }) =>
    (set, get) => ({
      auditChoices: { segments: [], runs: [] },
      auditTarget: null,
      auditReport: null,
      auditLoading: false,
      auditMissingAsReference: false,
      consentSummary: null,
      auditLog: null,
      erasureResult: null,
      loadResponsible: async () => {
        const dataset = get().activeDataset;
        if (!dataset) return set({ auditChoices: { segments: [], runs: [] }, consentSummary: null, auditReport: null, auditTarget: null });
        const loaded = await request('responsible.load', () =>
          Promise.all([client.api.segments.list({}), client.api.clusters.list({ dataset }), client.api.fairness.consent({ dataset })]),
        );
        if (!loaded || get().activeDataset !== dataset) return;
        const [segments, runs, consent] = loaded;
        const choices: AuditChoices = {
          segments: segments.filter((s) => s.dataset === dataset).map((s) => ({ name: s.name, size: s.size, justification: s.justification })),
          runs: runs.map((r) => ({ run: r.run, k: r.k, features: r.features })),
        };
        const target = get().auditTarget;
        const stillThere =
          target && (target.kind === 'segment' ? choices.segments.some((s) => s.name === target.name) : choices.runs.some((r) => r.run === target.run));
        set({ auditChoices: choices, consentSummary: consent, ...(stillThere ? {} : { auditTarget: null, auditReport: null }) });
        await get().loadAuditLog();
        if (stillThere && target) await get().runAudit(target);
      },
      runAudit: async (target) => {
        const dataset = get().activeDataset;
        if (!dataset) return;
        set({ auditTarget: target, auditLoading: true });
        const missing = get().auditMissingAsReference ? { missingAsReference: true } : {};
        const call = () =>
          client.api.fairness.audit(target.kind === 'segment' ? { dataset, segment: target.name, ...missing } : { dataset, run: String(target.run), ...missing });
        await request('fairness.audit', call, {
          onValue: (report) => set({ auditReport: report, auditLoading: false }),
          onError: () => set({ auditReport: null, auditLoading: false }),
        });
      },
      setAuditMissingAsReference: async (on) => {
        set({ auditMissingAsReference: on });
        const target = get().auditTarget;
        if (target) await get().runAudit(target);
      },
      loadAuditLog: async () => {
        await request('audit.list', () => client.api.audit.list({ limit: 200 }), { onValue: (auditLog) => set({ auditLog }) });
      },
      auditLogCsv: async () => (await request('audit.csv', () => client.api.audit.exportCsv({})))?.csv ?? null,
      previewErasure: async (ids) => {
        const dataset = get().activeDataset;
        if (!dataset) return null;
        return (await request(null, () => client.api.erasure.preview({ dataset, ids }))) ?? null;
      },
      eraseCustomers: async (ids) => {
        const dataset = get().activeDataset;
        if (!dataset) return null;
        const r = await request(null, () => client.api.erasure.erase({ dataset, ids }));
        if (!r) return null;
        set({ erasureResult: r });
        get().notify('success', r.notFound ? tr('responsible.erase.erasedNotFound', { erased: r.erased, notFound: r.notFound }) : tr('responsible.erase.erased', { erased: r.erased }));
        await get().loadResponsible();
        return r;
      },
    }),
});
