import type { Api } from '../../shared/contract/api';
import type { WorkspaceProgress } from '../../shared/contract/ns/workspace';
import { defineSlice } from './types';

export type FolderListing = Awaited<ReturnType<Api['workspace']['listFolders']>>;

/** A customer or orders file chosen on the start screen, and the workspace that will be made for it. */
export interface StartFile {
  /** The file's own name, as the user knows it. */
  name: string;
  /** Where the engine reads it (the file itself in the desktop app, an uploaded copy in the browser). */
  path: string;
  /** The new workspace file: named after the file, in the default (or chosen) folder; null until suggested. */
  target: string | null;
  /** The folder `target` is in. */
  folder: string | null;
}

export interface GuideSlice {
  /** A tab the Data view should switch to (the guided path's quality step asks for the profile); n makes each ask new. */
  dataTabRequest: { tab: 'profile' | 'table'; n: number } | null;
  showDataTab(tab: 'profile' | 'table'): void;
  /** What the guided path shows as done for the open workspace; null until loaded. */
  progress: WorkspaceProgress | null;
  loadProgress(): Promise<void>;
  startFile: StartFile | null;
  /** A file dropped or chosen in the browser: uploaded over loopback, then a workspace path is suggested for it. */
  stageStartFile(file: File): Promise<void>;
  /** A file with a local path (the desktop app's dialog or drop). */
  stageStartPath(path: string, name?: string): Promise<void>;
  /** Moves the new workspace to another folder (same name, numbered past existing files). */
  setStartFolder(folder: string): Promise<void>;
  clearStartFile(): void;
  /** A local path for a file chosen in the browser (uploaded over loopback); null when that failed (a toast says why). */
  localPathFor(file: File): Promise<string | null>;
  /** Creates the workspace for the staged file and opens the import wizard on it. */
  createFromStartFile(): Promise<void>;
  /** One folder's sub-folders, for the browser's folder picker; undefined when it cannot be read (a toast says why). */
  listFolders(path?: string): Promise<FolderListing | undefined>;
}

/** `Customers 2024.csv` → `Customers 2024.sdw`: a workspace file name the contract accepts. */
export function workspaceNameFor(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|]+/g, '-').trim().slice(0, 120);
  return `${stem.length >= 1 ? stem : 'customers'}.sdw`;
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The guided path's progress, and starting a workspace from the user's own file. */
export const guideSlice = defineSlice<GuideSlice>({
  dependsOn: ['datasets', 'segments', 'clusters', 'erasure'],
  refresh: async (get) => {
    if (get().progress) await get().loadProgress();
  },
  create:
    ({ client, request }) =>
    (set, get) => {
      const suggest = async (name: string, folder?: string) =>
        request('guide.suggest', () => client.api.workspace.suggestPath({ name: workspaceNameFor(name), dir: folder }));
      return {
        dataTabRequest: null,
        showDataTab: (tab) => set({ dataTabRequest: { tab, n: (get().dataTabRequest?.n ?? 0) + 1 } }),
        progress: null,
        loadProgress: async () => {
          if (!get().workspace) return set({ progress: null });
          await request('workspace.progress', () => client.api.workspace.progress({}), { silent: true, onValue: (progress) => set({ progress }) });
        },
        startFile: null,
        stageStartFile: async (file) => {
          const path = await request(null, () => client.pathForFile(file));
          if (path !== undefined) await get().stageStartPath(path, file.name);
        },
        stageStartPath: async (path, name = baseName(path)) => {
          set({ startFile: { name, path, target: null, folder: null } });
          const s = await suggest(name);
          if (s && get().startFile?.path === path) set({ startFile: { name, path, target: s.path, folder: s.dir } });
        },
        setStartFolder: async (folder) => {
          const f = get().startFile;
          if (!f) return;
          const s = await suggest(f.name, folder);
          if (s && get().startFile?.path === f.path) set({ startFile: { ...f, target: s.path, folder: s.dir } });
        },
        clearStartFile: () => set({ startFile: null }),
        localPathFor: async (file) => (await request(null, () => client.pathForFile(file))) ?? null,
        createFromStartFile: async () => {
          const f = get().startFile;
          if (!f?.target) return;
          if (await get().createWorkspace(f.target)) get().openImport(f.path);
        },
        listFolders: (path) => request('workspace.listFolders', () => client.api.workspace.listFolders({ path })),
      };
    },
});
