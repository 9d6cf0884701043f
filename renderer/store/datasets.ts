import type { ColumnRole, SensitiveCategory } from '../../shared/types/columns';
import type { Api } from '../../shared/contract/api';
import type { HostInfo, PickPurpose } from '../../shared/contract/ns/host';
import { defineSlice } from './types';
import { tr } from '../i18n/active';

type Versions = Awaited<ReturnType<Api['datasets']['versions']>>;
type CellErrors = Awaited<ReturnType<Api['datasets']['errors']>>;

export const ERRORS_PAGE = 100;

export interface DatasetsSlice {
  versions: Versions;
  cellErrors: (CellErrors & { offset: number }) | null;
  /** What the host can do (native file dialogs or typed paths); null until known. */
  hostInfo: HostInfo | null;
  loadVersions(): Promise<void>;
  loadCellErrors(offset: number): Promise<void>;
  updateColumn(column: string, patch: { role?: ColumnRole; pii?: boolean; sensitive?: boolean; sensitiveCategory?: SensitiveCategory | null }): Promise<void>;
  removeDataset(name: string): Promise<void>;
  /** Link an orders dataset to a customer file (null: unlink); says how many lines have a customer not in it. */
  linkDataset(name: string, customers: string | null): Promise<void>;
  loadHostInfo(): Promise<void>;
  /** A native file dialog when the host has one; null when cancelled or unavailable. */
  pickFile(purpose: PickPurpose, defaultPath?: string): Promise<string | null>;
  /** Shows a written file in the system's file manager; false where the host cannot (the browser). */
  showInFolder(path: string): Promise<boolean>;
}

/** Versions and rejected cells of the active dataset (the Data view's Versions tab), and what the host can do. */
export const datasetsSlice = defineSlice<DatasetsSlice>({
  dependsOn: ['datasets', 'erasure'],
  refresh: async (get) => {
    const held = get().cellErrors;
    if (!held) return;
    await Promise.all([get().loadVersions(), get().loadCellErrors(held.offset)]);
  },
  // The host's abilities are the window's, whatever workspace is open.
  reset: (s, initial) => ({ ...initial, hostInfo: s.hostInfo }),
  create:
    ({ client, request }) =>
    (set, get) => ({
      versions: [],
      cellErrors: null,
      hostInfo: null,
      loadVersions: async () => {
        const name = get().activeDataset;
        if (!name) return set({ versions: [] });
        await request('datasets.versions', () => client.api.datasets.versions({ name }), { onValue: (versions) => set({ versions }) });
      },
      loadCellErrors: async (offset) => {
        const name = get().activeDataset;
        if (!name) return set({ cellErrors: null });
        await request('datasets.errors', () => client.api.datasets.errors({ name, offset, limit: ERRORS_PAGE }), { onValue: (r) => set({ cellErrors: { ...r, offset } }) });
      },
      updateColumn: async (column, patch) => {
        const name = get().activeDataset;
        if (!name) return;
        await request(null, () => client.api.datasets.updateColumn({ name, column, ...patch }), {
          onValue: (info) => {
            const ws = get().workspace;
            if (ws) set({ workspace: { ...ws, datasets: ws.datasets.map((d) => (d.name === info.name ? info : d)) } });
          },
        });
      },
      removeDataset: async (name) => {
        if ((await request(null, () => client.api.datasets.remove({ name }))) === undefined) return;
        await get().refreshWorkspace();
        get().notify('info', tr('data.notice.removed', { name }));
      },
      linkDataset: async (name, customers) => {
        const r = await request(null, () => client.api.datasets.link({ name, customers }));
        if (r === undefined) return;
        await get().refreshWorkspace();
        if (customers === null) get().notify('info', tr('data.notice.unlinked', { name }), tr('data.notice.unlinkedDetail', { name }));
        else
          get().notify(
            'success',
            tr('data.notice.linked', { name, customers }),
            r.unknownCustomers > 0 ? tr('data.notice.linkedUnknown', { count: r.unknownCustomers, customers }) : tr('data.notice.linkedAll', { customers }),
          );
      },
      loadHostInfo: async () => {
        await request('host.info', () => client.api.host.info({}), {
          silent: true,
          onValue: (hostInfo) => set({ hostInfo }),
          // Hosts that predate host.info: behave like the web host (typed paths).
          onError: () => set({ hostInfo: { kind: 'web', appVersion: '', canPickFiles: false, locale: null } }),
        });
      },
      pickFile: async (purpose, defaultPath) => {
        if (!get().hostInfo?.canPickFiles) return null;
        const r = await request('host.pickFile', () => client.api.host.pickFile({ purpose, defaultPath }));
        return r?.path ?? null;
      },
      showInFolder: async (path) => {
        if (get().hostInfo?.kind !== 'electron') return false;
        const r = await request(null, () => client.api.host.showInFolder({ path }), { silent: true });
        return r?.shown ?? false;
      },
    }),
});
