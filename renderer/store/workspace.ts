import type { WorkspaceChange } from '../../shared/contract/events';
import type { WorkspaceInfo } from '../../shared/contract/ns/workspace';
import { defineSlice } from './types';

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
  /**
   * Counts the workspaces shown in this window (each open, create or close adds one, reopening the same
   * file too). The frame is keyed by it, so the views' own component state goes with the workspace as well.
   */
  workspaceSession: number;
  loadRecent(): Promise<void>;
  createWorkspace(path: string): Promise<boolean>;
  openWorkspace(path: string): Promise<boolean>;
  /** Creates a workspace at `path` filled with the bundled synthetic demo customers and orders. */
  createDemoWorkspace(path: string): Promise<boolean>;
  /**
   * A path for a new workspace file named like `name` that does not exist yet (the engine picks the user's
   * Documents or home folder and numbers the name past existing files), or null when it cannot say.
   */
  suggestWorkspacePath(name: string, dir?: string): Promise<string | null>;
  closeWorkspace(): Promise<void>;
  refreshWorkspace(): Promise<void>;
  /**
   * A workspace-change event from the engine: the workspace info and every slice that depends on the change
   * refetch; another workspace opened (in another window) or this one closed resets every view.
   */
  workspaceChanged(change: WorkspaceChange, path: string | null): void;
}

/**
 * The open workspace. It drives the other slices: whenever the workspace shown changes (opened, created,
 * closed), every slice goes back to its fresh state in the same update, so no view, toast or job of the
 * previous workspace survives, and answers still in flight for it are dropped.
 */
export const workspaceSlice = defineSlice<WorkspaceSlice>({
  reset: 'keep',
  create: (ctx) => (set, get) => {
    const { client, request } = ctx;

    async function switchWith(call: () => Promise<WorkspaceInfo>): Promise<boolean> {
      set({ workspaceBusy: true });
      const info = await request('workspace.switch', call);
      if (info) {
        // Table views, toasts, finished jobs and every feature's choices belong to the previous workspace.
        set((s) => ({ ...ctx.freshState(), workspace: info, activeDataset: info.datasets[0]?.name ?? null, workspaceSession: s.workspaceSession + 1 }));
        void get().loadRecent();
      }
      set({ workspaceBusy: false });
      return info !== undefined;
    }

    return {
      workspace: null,
      recent: [],
      workspaceBusy: false,
      workspaceSession: 0,
      loadRecent: async () => {
        await request('workspace.recent', () => client.api.workspace.recent({}), { onValue: (recent) => set({ recent }) });
      },
      createWorkspace: (path) => switchWith(() => client.api.workspace.create({ path: path.trim() })),
      openWorkspace: (path) => switchWith(() => client.api.workspace.open({ path: path.trim() })),
      createDemoWorkspace: (path) => switchWith(() => client.api.demo.create({ path: path.trim() })),
      suggestWorkspacePath: async (name, dir) => {
        // Silent: without a suggestion the start screen asks for a typed path, as before.
        const r = await request('workspace.suggestPath', () => client.api.workspace.suggestPath({ name, dir }), { silent: true });
        return r?.path ?? null;
      },
      closeWorkspace: async () => {
        set({ workspaceBusy: true });
        const r = await request('workspace.switch', () => client.api.workspace.close({}));
        if (r) {
          set((s) => ({ ...ctx.freshState(), workspace: null, workspaceSession: s.workspaceSession + 1 }));
          void get().loadRecent();
        }
        set({ workspaceBusy: false });
      },
      refreshWorkspace: async () => {
        if (!get().workspace) return;
        await request('workspace.info', () => client.api.workspace.info({}), {
          onValue: (info) => {
            set({ workspace: info });
            const active = get().activeDataset;
            if (!active || !info.datasets.some((d) => d.name === active)) get().selectDataset(info.datasets[0]?.name ?? null);
          },
        });
      },
      workspaceChanged: (change, path) => {
        const shown = get().workspace;
        if (change === 'closed') {
          if (shown) set((s) => ({ ...ctx.freshState(), workspace: null, workspaceSession: s.workspaceSession + 1 }));
          return;
        }
        // Our own open, create or close is in flight: its answer resets every view, so this event is moot.
        if (get().workspaceBusy || !shown) return;
        if (change === 'opened') {
          // Another window opened another workspace in the same engine: this window follows it.
          if (path !== shown.workspace) void switchWith(() => client.api.workspace.info({}));
          return;
        }
        void (async () => {
          // First the datasets (a removed dataset must not be refetched by name), then what depends on the change.
          await get().refreshWorkspace();
          await ctx.refreshFor(change);
        })();
      },
    };
  },
});
