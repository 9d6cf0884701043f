import type { WorkspaceChange } from '../../shared/contract/events';
import type { WorkspaceInfo } from '../../shared/contract/ns/workspace';
import type { Slice } from './types';

export interface RecentWorkspace {
  path: string;
  openedAt: string;
  exists: boolean;
}

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null;
  recent: RecentWorkspace[];
  /** True while a create/open/close call is in flight (buttons disable). */
  workspaceBusy: boolean;
  /** Bumped on every workspace-change event so views refetch what they show. */
  dataVersion: number;
  loadRecent(): Promise<void>;
  createWorkspace(path: string): Promise<boolean>;
  openWorkspace(path: string): Promise<boolean>;
  /** Creates a workspace at `path` filled with the bundled synthetic demo customers and orders. */
  createDemoWorkspace(path: string): Promise<boolean>;
  /**
   * A path for a new workspace file named like `name` that does not exist yet (the engine picks the user's
   * Documents or home folder and numbers the name past existing files), or null when it cannot say.
   */
  suggestWorkspacePath(name: string): Promise<string | null>;
  closeWorkspace(): Promise<void>;
  refreshWorkspace(): Promise<void>;
  /** A workspace-change event from the engine. */
  workspaceChanged(change: WorkspaceChange, path: string | null): void;
}

export const createWorkspaceSlice: Slice<WorkspaceSlice> = (client) => (set, get) => {
  async function switchWith(call: () => Promise<WorkspaceInfo>): Promise<boolean> {
    set({ workspaceBusy: true });
    try {
      const info = await call();
      // Messages about the previous workspace (or the start screen's failed attempts) no longer apply.
      get().clearToasts();
      // Table sort, filters and search belong to the previous workspace's datasets (even same-named ones).
      get().resetTable();
      set({ workspace: info, route: 'data', focusColumn: null, dataVersion: get().dataVersion + 1 });
      get().selectDataset(info.datasets[0]?.name ?? null);
      void get().loadRecent();
      return true;
    } catch (err) {
      get().notifyError(err);
      return false;
    } finally {
      set({ workspaceBusy: false });
    }
  }

  return {
    workspace: null,
    recent: [],
    workspaceBusy: false,
    dataVersion: 0,
    loadRecent: async () => {
      try {
        set({ recent: await client.api.workspace.recent({}) });
      } catch (err) {
        get().notifyError(err);
      }
    },
    createWorkspace: (path) => switchWith(() => client.api.workspace.create({ path: path.trim() })),
    openWorkspace: (path) => switchWith(() => client.api.workspace.open({ path: path.trim() })),
    createDemoWorkspace: (path) => switchWith(() => client.api.demo.create({ path: path.trim() })),
    suggestWorkspacePath: async (name) => {
      try {
        return (await client.api.workspace.suggestPath({ name })).path;
      } catch {
        return null; // the start screen then asks for a typed path, as before
      }
    },
    closeWorkspace: async () => {
      set({ workspaceBusy: true });
      try {
        await client.api.workspace.close({});
        get().clearToasts();
        get().resetTable();
        set({ workspace: null, focusColumn: null });
        get().selectDataset(null);
        void get().loadRecent();
      } catch (err) {
        get().notifyError(err);
      } finally {
        set({ workspaceBusy: false });
      }
    },
    refreshWorkspace: async () => {
      if (!get().workspace) return;
      try {
        const info = await client.api.workspace.info({});
        set({ workspace: info });
        const active = get().activeDataset;
        if (!active || !info.datasets.some((d) => d.name === active)) get().selectDataset(info.datasets[0]?.name ?? null);
      } catch (err) {
        get().notifyError(err);
      }
    },
    workspaceChanged: (change) => {
      if (change === 'closed') {
        if (get().workspace) get().clearToasts();
        get().resetTable();
        set({ workspace: null });
        get().selectDataset(null);
        return;
      }
      set((s) => ({ dataVersion: s.dataVersion + 1 }));
      void get().refreshWorkspace();
    },
  };
};
