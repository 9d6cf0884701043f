import type { ColumnSpec, ImportResult, ParseOptions, Preview, TransactionColumns } from '../../shared/contract/ns/datasets';
import { ImportResultSchema } from '../../shared/contract/ns/datasets';
import type { DatasetKind } from '../../shared/types/columns';
import { errorText } from './toasts';
import { activeLocale, tr } from '../i18n/active';
import { defineSlice } from './types';

export const AUTO_OPTIONS: ParseOptions = { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto' };

export interface ImportWizard {
  /** path: choose the file; preview: check how it parses and adjust; running: the import job; summary: its result. */
  step: 'path' | 'preview' | 'running' | 'summary';
  path: string;
  options: ParseOptions;
  preview: Preview | null;
  /** The user's column specs (start as the detected ones); sent with the preview and the import. */
  columns: ColumnSpec[];
  name: string;
  kind: DatasetKind;
  /** Customer ID column (customers) or customer column (transactions); '' = detected. */
  idColumn: string;
  /** For transactions: the customer dataset they belong to; '' = standalone. */
  link: string;
  /** For transactions: the user's choice of order/customer/date/amount/quantity/price columns (absent = detected). */
  transactionColumns: Partial<TransactionColumns>;
  loading: boolean;
  /** The last preview/import problem; the engine's message names file, row and column. */
  error: string | null;
  /** The last import stopped because malformed quotes would read much of the file into single values: the user may import it anyway. */
  malformed: boolean;
  /** The user chose to import such a file anyway (sent as acceptMalformed). */
  acceptMalformed: boolean;
  /** The preview read one column from lines with obvious separators: the user confirmed that one column is right. */
  oneColumnConfirmed: boolean;
  jobId: string | null;
  result: ImportResult | null;
}

export interface ImportSlice {
  wizard: ImportWizard | null;
  openImport(path: string | null): void;
  /** A file dropped on the window (or chosen with a file input): the host makes a local path for it. */
  importFile(file: File): Promise<void>;
  closeImport(): void;
  setImportPath(path: string): void;
  loadPreview(): Promise<void>;
  /** Changing how the file is read re-detects the columns, so column edits start over. */
  setParseOption<K extends keyof ParseOptions>(key: K, value: ParseOptions[K]): Promise<void>;
  /** Changing a column's type re-runs the preview so the rows show it as it will be stored. */
  setColumn(name: string, patch: Partial<Omit<ColumnSpec, 'name'>>): Promise<void>;
  setImportMeta(patch: Partial<Pick<ImportWizard, 'name' | 'kind' | 'idColumn' | 'link' | 'transactionColumns' | 'acceptMalformed' | 'oneColumnConfirmed'>>): void;
  runImport(): Promise<void>;
  /** Called with every job event: moves the wizard on when its import job ends. */
  importJobEnded(jobId: string, state: string, result: unknown): void;
}

/** How many of the preview's rows a column would reject: file text that is not empty but would be stored as missing. */
export interface PreviewRejection {
  column: string;
  index: number;
  rejected: number;
  rows: number;
}

/** Per column (in file order), the preview cells that would be rejected with the current types; every column is listed. */
export function previewRejections(preview: Preview | null): PreviewRejection[] {
  if (!preview) return [];
  return preview.columns.map((c, index) => {
    let rejected = 0;
    preview.rows.forEach((row, r) => {
      if (row[index] === null && (preview.raw[r]?.[index] ?? '').trim() !== '') rejected++;
    });
    return { column: c.name, index, rejected, rows: preview.rows.length };
  });
}

/** Import waits while the preview found one column in lines with obvious separators and the user has not said that is right. */
export const oneColumnBlocked = (w: ImportWizard): boolean => !!w.preview?.oneColumn && !w.oneColumnConfirmed;

/** "50 of 50 preview rows" */
export const rejectionText = (r: PreviewRejection) => tr('data.rejected.previewRows', { rejected: r.rejected, rows: r.rows });

/**
 * What is sent to the engine: the user's options plus the window's language, which breaks ties when the file does not
 * show its decimal mark or day/month order (a Polish user gets decimal comma and day first). The pseudo-locale is English.
 */
const sentOptions = (o: ParseOptions): ParseOptions => ({ ...o, localeHint: activeLocale() === 'en-XA' ? 'en' : activeLocale() });

function fresh(path: string): ImportWizard {
  return { step: 'path', path, options: AUTO_OPTIONS, preview: null, columns: [], name: '', kind: 'customers', idColumn: '', link: '', transactionColumns: {}, loading: false, error: null, malformed: false, acceptMalformed: false, oneColumnConfirmed: false, jobId: null, result: null };
}

/** The import wizard; a wizard open over one workspace closes when another opens (the default reset). */
export const importSlice = defineSlice<ImportSlice>({
  create:
    ({ client, request }) =>
    (set, get) => {
      const patch = (p: Partial<ImportWizard>) => set((s) => (s.wizard ? { wizard: { ...s.wizard, ...p } } : {}));

      async function preview(withColumns: boolean) {
        const w = get().wizard;
        if (!w || !w.path.trim()) return;
        patch({ loading: true, error: null });
        // The wizard shows a failed preview in its own form, not as a toast.
        await request('import.preview', () => client.api.datasets.preview({ path: w.path.trim(), options: sentOptions(w.options), columns: withColumns && w.columns.length ? w.columns : undefined }), {
          silent: true,
          onError: (err) => patch({ loading: false, error: errorText(err).message }),
          onValue: (p) => {
            const cur = get().wizard;
            if (!cur) return;
            const firstPreview = cur.preview === null;
            patch({
              step: 'preview',
              loading: false,
              preview: p,
              columns: p.columns,
              name: firstPreview || !cur.name ? p.suggestedName : cur.name,
              kind: firstPreview ? p.suggestedKind : cur.kind,
              idColumn: firstPreview ? (p.suggestedId ?? '') : cur.idColumn,
            });
          },
        });
      }

      return {
        wizard: null,
        openImport: (path) => {
          set({ wizard: fresh(path ?? ''), route: 'data' });
          if (path) void preview(false);
        },
        importFile: async (file) => {
          if (!get().workspace) {
            get().notify('info', tr('data.notice.openWorkspaceFirst', { file: file.name }));
            return;
          }
          const path = await request(null, () => client.pathForFile(file));
          if (path !== undefined) get().openImport(path);
        },
        closeImport: () => {
          const w = get().wizard;
          // Closing never abandons a running import silently: it keeps running in the jobs tray.
          set({ wizard: null });
          if (w?.step === 'running') get().notify('info', tr('data.notice.importContinues'));
        },
        setImportPath: (path) => patch({ path }),
        loadPreview: () => {
          const w = get().wizard;
          if (w && w.preview && w.preview.path !== w.path.trim()) patch({ preview: null, columns: [], options: AUTO_OPTIONS });
          return preview(false);
        },
        setParseOption: (key, value) => {
          const w = get().wizard;
          if (!w) return Promise.resolve();
          // Another delimiter or sheet reads other columns: widths and names given for the old ones no longer apply.
          const reset: Partial<ParseOptions> =
            key === 'delimiter' || key === 'sheet' || key === 'encoding' ? { widths: undefined, columnNames: undefined } : key === 'header' ? { columnNames: undefined } : {};
          patch({ options: { ...w.options, ...reset, [key]: value }, columns: [], transactionColumns: {}, oneColumnConfirmed: false });
          return preview(false);
        },
        setColumn: (name, p) => {
          const w = get().wizard;
          if (!w) return Promise.resolve();
          const columns = w.columns.map((c) => (c.name === name ? { ...c, ...p } : c));
          patch({ columns });
          return p.type !== undefined ? preview(true) : Promise.resolve();
        },
        setImportMeta: (p) => patch(p),
        runImport: async () => {
          const w = get().wizard;
          if (!w || !w.preview) return;
          if (oneColumnBlocked(w)) return;
          patch({ error: null, loading: true });
          const jobId = await get().startJob('import', {
            path: w.path.trim(),
            name: w.name.trim() || undefined,
            as: w.kind,
            id: w.idColumn || undefined,
            link: w.kind === 'transactions' && w.link ? w.link : undefined,
            transactionColumns: w.kind === 'transactions' && Object.keys(w.transactionColumns).length ? w.transactionColumns : undefined,
            options: sentOptions(w.options),
            columns: w.columns,
            acceptMalformed: w.malformed && w.acceptMalformed ? true : undefined,
          });
          patch(jobId ? { step: 'running', jobId, loading: false } : { loading: false });
          // A small file can finish before jobs.start replies: its end event is then already in the jobs list.
          const ended = jobId ? get().jobs.find((j) => j.jobId === jobId && j.state !== 'running') : undefined;
          if (ended) get().importJobEnded(ended.jobId, ended.state, ended.result);
        },
        importJobEnded: (jobId, state, result) => {
          const w = get().wizard;
          if (!w || w.jobId !== jobId) return;
          if (state === 'done') {
            const parsed = ImportResultSchema.safeParse(result);
            patch({ step: 'summary', result: parsed.success ? parsed.data : null });
            if (parsed.success) get().selectDataset(parsed.data.dataset);
          } else {
            const job = get().jobs.find((j) => j.jobId === jobId);
            const malformed = state !== 'cancelled' && job?.error?.details?.acceptable === 'acceptMalformed';
            patch({
              step: 'preview',
              jobId: null,
              error: state === 'cancelled' ? tr('data.notice.importCancelled') : (job?.error?.message ?? tr('data.notice.importFailed')),
              malformed,
              acceptMalformed: malformed ? w.acceptMalformed : false,
            });
          }
        },
      };
    },
});
