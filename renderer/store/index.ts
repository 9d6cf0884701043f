import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { IpcClient } from '../ipc/client';
import type { WorkspaceChange } from '../../shared/contract/events';
import { createRequester } from './request';
import type { SliceContext, SliceDef } from './types';
import { workspaceSlice, type WorkspaceSlice } from './workspace';
import { jobsSlice, type JobsSlice } from './jobs';
import { toastsSlice, type ToastsSlice } from './toasts';
import { navigationSlice, type NavigationSlice } from './navigation';
import { themeSlice, type ThemeSlice } from './theme';
import { responsibleSlice, type ResponsibleSlice } from './responsible';
import { datasetsSlice, type DatasetsSlice } from './datasets';
import { importSlice, type ImportSlice } from './import-wizard';
import { tableSlice, type TableSlice } from './table';
import { profileSlice, type ProfileSlice } from './profile';
import { segmentsSlice, type SegmentsSlice } from './segments';
import { reportsSlice, type ReportsSlice } from './reports';
import { outcomesSlice, type OutcomesSlice } from './outcomes';
import { clustersSlice, type ClustersSlice } from './clusters';
import { guideSlice, type GuideSlice } from './guide';
import { localeSlice, type LocaleSlice } from './locale';
import type { AppState } from './types';

declare module './types' {
  /** The whole renderer state: every slice of SLICES below. */
  interface AppState
    extends WorkspaceSlice,
      JobsSlice,
      ToastsSlice,
      NavigationSlice,
      ThemeSlice,
      DatasetsSlice,
      ImportSlice,
      TableSlice,
      ProfileSlice,
      ResponsibleSlice,
      SegmentsSlice,
      OutcomesSlice,
      ClustersSlice,
      ReportsSlice,
      GuideSlice,
      LocaleSlice {}
}

export type { AppState } from './types';
export type AppStore = StoreApi<AppState>;

/** Every slice of the store. The workspace slice drives the others: it resets and refreshes them. */
const SLICES = [
  workspaceSlice,
  jobsSlice,
  toastsSlice,
  navigationSlice,
  themeSlice,
  responsibleSlice,
  datasetsSlice,
  importSlice,
  tableSlice,
  profileSlice,
  segmentsSlice,
  reportsSlice,
  outcomesSlice,
  clustersSlice,
  guideSlice,
  localeSlice,
] as SliceDef<object>[];

/** The slices that hold something `change` makes stale (`external`: all of them). */
export function slicesFor(change: WorkspaceChange, slices: readonly SliceDef<object>[] = SLICES): SliceDef<object>[] {
  if (change === 'opened' || change === 'closed') return [];
  return slices.filter((d) => d.refresh && d !== workspaceSlice && (change === 'external' || d.dependsOn?.includes(change)));
}

/** The data fields of a created slice (its actions are kept as they are). */
function dataOf<T extends object>(state: T): Partial<T> {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => typeof v !== 'function')) as Partial<T>;
}

/** One store of slices over one ipc client. Tests build it over an in-memory client. */
export function createAppStore(client: IpcClient): AppStore {
  return createStore<AppState>()((set, get, api) => {
    const requester = createRequester(get);
    const ctx: SliceContext = {
      client,
      request: requester.request,
      freshState: () => {
        requester.dropAll();
        const s = get();
        return Object.assign({}, ...created.map(({ def, initial }) => (def.reset === 'keep' ? {} : def.reset ? def.reset(s, initial) : initial)));
      },
      refreshFor: async (change) => {
        await Promise.all(slicesFor(change).map((d) => d.refresh?.(get, set)));
      },
    };
    const created = SLICES.map((def) => {
      const state = def.create(ctx)(set, get, api);
      return { def, state, initial: dataOf(state) };
    });
    return Object.assign({}, ...created.map((c) => c.state)) as AppState;
  });
}

/** Routes engine events into the store; returns the unsubscribe function. */
export function connectEvents(store: AppStore, client: IpcClient): () => void {
  return client.onEvent((event) => {
    if (event.type === 'job') store.getState().jobChanged(event.job);
    else if (event.type === 'workspace') store.getState().workspaceChanged(event.change, event.path);
    else store.getState().menuCommand(event.command, event.path);
  });
}

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** Components read state and actions through this hook only. */
export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  // i18n-ignore: a developer error
  if (!store) throw new Error('useApp outside StoreProvider');
  return useStore(store, selector);
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  // i18n-ignore: a developer error
  if (!store) throw new Error('useAppStore outside StoreProvider');
  return store;
}
