import type { Api } from '../../shared/contract/api';
import type { ExportSource } from '../../shared/contract/ns/exports';
import type { ReportOptions } from '../../shared/contract/ns/reports';
import { defineSlice } from './types';
import type { UiLocale } from '../../shared/i18n/locales';

type ExportColumns = Awaited<ReturnType<Api['exports']['columns']>>;
type ExportPreview = Awaited<ReturnType<Api['exports']['preview']>>;
type ReportSections = Awaited<ReturnType<Api['reports']['sections']>>;
type ReportPreview = Awaited<ReturnType<Api['reports']['preview']>>;
type ShareResult = Awaited<ReturnType<Api['exports']['shareCopy']>>;
type ReportSaved = Awaited<ReturnType<Api['reports']['save']>>;

export interface ExportSourceChoices {
  segments: { name: string; size: number }[];
  runs: { run: number; k: number }[];
  /** RFM segments of the dataset's RFM scores (its own, or those of the first transactions dataset linked to it, as rules resolve them). */
  rfm: { name: string; count: number }[];
}

export interface ExportRequest {
  source: ExportSource;
  columns: string[];
  includeNoConsent: boolean;
  /** Every row rather than one per customer. */
  allRows: boolean;
  out: string;
  format: 'csv' | 'xlsx';
  delimiter: ',' | ';' | '\t' | '|';
  bom: boolean;
  /** Numbers and dates in `locale`'s way (decimal comma, dd.mm.yyyy); off: machine formats. */
  localFormats?: boolean;
  locale?: UiLocale;
}

export interface ReportsSlice {
  exportChoices: ExportSourceChoices;
  exportColumns: ExportColumns | null;
  exportPreview: ExportPreview | null;
  reportSections: ReportSections | null;
  reportPreview: ReportPreview | null;
  reportBusy: boolean;
  /** The options of the preview shown, so a change in the data rebuilds the same preview. */
  reportOptions: ReportOptions | null;
  shareResult: ShareResult | null;
  /** Segments and clustering runs of the active dataset, and its exportable columns. */
  loadExportChoices(): Promise<void>;
  previewExport(source: ExportSource, columns: string[], includeNoConsent: boolean, allRows: boolean): Promise<void>;
  /** Starts the export job; the jobs tray shows progress and the result. */
  startExport(req: ExportRequest): Promise<string | null>;
  loadReportSections(): Promise<void>;
  previewReport(opts: ReportOptions): Promise<void>;
  saveReport(opts: ReportOptions & { out: string }): Promise<ReportSaved | null>;
  shareCopy(out: string, mode: 'full' | 'strip-pii' | 'pseudonymise-pii'): Promise<ShareResult | null>;
}

/** Export choices and preview, the report builder's sections and preview, and copies for sharing. */
export const reportsSlice = defineSlice<ReportsSlice>({
  // The report summarises every analysis (and dates them from the as-of date); exports offer segments, runs and RFM groups.
  dependsOn: ['datasets', 'segments', 'clusters', 'rfm', 'clv', 'erasure', 'asOf'],
  refresh: async (get) => {
    const s = get();
    await Promise.all([
      s.exportColumns !== null ? s.loadExportChoices() : undefined,
      s.reportSections !== null ? s.loadReportSections() : undefined,
      s.reportOptions !== null ? s.previewReport(s.reportOptions) : undefined,
    ]);
  },
  create:
    ({ client, request }) =>
    (set, get) => ({
      exportChoices: { segments: [], runs: [], rfm: [] },
      exportColumns: null,
      exportPreview: null,
      reportSections: null,
      reportPreview: null,
      reportBusy: false,
      reportOptions: null,
      shareResult: null,
      loadExportChoices: async () => {
        const dataset = get().activeDataset;
        if (!dataset) return set({ exportChoices: { segments: [], runs: [], rfm: [] }, exportColumns: null, exportPreview: null });
        const call = async () => {
          const [segments, runs, columns, rfmRuns] = await Promise.all([
            client.api.segments.list({}),
            client.api.clusters.list({ dataset }),
            client.api.exports.columns({ dataset }),
            client.api.rfm.list({}),
          ]);
          const scored = new Set(rfmRuns.map((r) => r.transactions));
          const linked = (get().workspace?.datasets ?? [])
            .filter((d) => d.kind === 'transactions' && d.linkedTo === dataset && scored.has(d.name))
            .map((d) => d.name)
            .sort();
          const transactions = scored.has(dataset) ? dataset : (linked[0] ?? null);
          const rfm = transactions ? await client.api.rfm.result({ transactions }) : null;
          return { segments, runs, columns, rfm };
        };
        await request('exports.choices', call, {
          onValue: ({ segments, runs, columns, rfm }) => {
            if (get().activeDataset !== dataset) return;
            set({
              exportChoices: {
                segments: segments.filter((s) => s.dataset === dataset).map((s) => ({ name: s.name, size: s.size })),
                runs: runs.map((r) => ({ run: r.run, k: r.k })),
                rfm: (rfm?.segments ?? []).filter((x) => x.count > 0).map((x) => ({ name: x.name, count: x.count })),
              },
              exportColumns: columns,
            });
          },
        });
      },
      previewExport: async (source, columns, includeNoConsent, allRows) => {
        const dataset = get().activeDataset;
        if (!dataset || columns.length === 0) return set({ exportPreview: null });
        await request('exports.preview', () => client.api.exports.preview({ dataset, source, columns, includeNoConsent, allRows, limit: 10 }), {
          onValue: (p) => set({ exportPreview: p }),
          onError: () => set({ exportPreview: null }),
        });
      },
      startExport: async (req) => {
        const dataset = get().activeDataset;
        if (!dataset) return null;
        return get().startJob('export', { dataset, ...req });
      },
      loadReportSections: async () => {
        const dataset = get().activeDataset ?? undefined;
        await request('reports.sections', () => client.api.reports.sections({ dataset }), { onValue: (reportSections) => set({ reportSections }) });
      },
      previewReport: async (opts) => {
        set({ reportBusy: true, reportOptions: opts });
        await request('reports.preview', () => client.api.reports.preview({ ...opts, dataset: opts.dataset ?? get().activeDataset ?? undefined }), {
          onValue: (reportPreview) => set({ reportPreview, reportBusy: false }),
          onError: () => set({ reportBusy: false }),
        });
      },
      saveReport: async (opts) => {
        const r = await request(null, () => client.api.reports.save({ ...opts, dataset: opts.dataset ?? get().activeDataset ?? undefined }));
        // No toast: the builder shows where the file went, with Open folder / Copy path (one notice per action).
        // A saved report completes the guided path's hand-over step.
        if (r) void get().loadProgress();
        return r ?? null;
      },
      shareCopy: async (out, mode) => {
        const r = await request(null, () => client.api.exports.shareCopy({ out, mode }));
        if (!r) return null;
        set({ shareResult: r });
        // No toast: the share panel shows the file's path and what happened to PII (one notice per action).
        return r;
      },
    }),
});
