import type { ColumnRole, SensitiveCategory } from '../../shared/types/columns';
import type { Api } from '../../shared/contract/api';
import type { HostInfo, PickPurpose } from '../../shared/contract/ns/host';
import type { Slice } from './types';

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
  loadHostInfo(): Promise<void>;
  /** A native file dialog when the host has one; null when cancelled or unavailable. */
  pickFile(purpose: PickPurpose, defaultPath?: string): Promise<string | null>;
}

export const createDatasetsSlice: Slice<DatasetsSlice> = (client) => (set, get) => {
  return {
    versions: [],
    cellErrors: null,
    hostInfo: null,
    loadVersions: async () => {
      const name = get().activeDataset;
      if (!name) return set({ versions: [] });
      try {
        set({ versions: await client.api.datasets.versions({ name }) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    loadCellErrors: async (offset) => {
      const name = get().activeDataset;
      if (!name) return set({ cellErrors: null });
      try {
        const r = await client.api.datasets.errors({ name, offset, limit: ERRORS_PAGE });
        set({ cellErrors: { ...r, offset } });
      } catch (err) {
        get().notifyError(err);
      }
    },
    updateColumn: async (column, patch) => {
      const name = get().activeDataset;
      if (!name) return;
      try {
        const info = await client.api.datasets.updateColumn({ name, column, ...patch });
        const ws = get().workspace;
        if (ws) set({ workspace: { ...ws, datasets: ws.datasets.map((d) => (d.name === info.name ? info : d)) } });
      } catch (err) {
        get().notifyError(err);
      }
    },
    removeDataset: async (name) => {
      try {
        await client.api.datasets.remove({ name });
        await get().refreshWorkspace();
        get().notify('info', `Dataset ${name} removed.`);
      } catch (err) {
        get().notifyError(err);
      }
    },
    loadHostInfo: async () => {
      try {
        set({ hostInfo: await client.api.host.info({}) });
      } catch {
        // Hosts that predate host.info: behave like the web host (typed paths).
        set({ hostInfo: { kind: 'web', appVersion: '', canPickFiles: false } });
      }
    },
    pickFile: async (purpose, defaultPath) => {
      if (!get().hostInfo?.canPickFiles) return null;
      try {
        return (await client.api.host.pickFile({ purpose, defaultPath })).path;
      } catch (err) {
        get().notifyError(err);
        return null;
      }
    },
  };
};
