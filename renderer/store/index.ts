import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { IpcClient } from '../ipc/client';
import type { AppState } from './types';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace';
import { createJobsSlice, type JobsSlice } from './jobs';
import { createToastsSlice, type ToastsSlice } from './toasts';
import { createNavigationSlice, type NavigationSlice } from './navigation';
import { createThemeSlice, type ThemeSlice } from './theme';
import { createResponsibleSlice, type ResponsibleSlice } from './responsible';
import { createDatasetsSlice, type DatasetsSlice } from './datasets';
import { createImportSlice, type ImportSlice } from './importWizard';
import { createTableSlice, type TableSlice } from './table';
import { createProfileSlice, type ProfileSlice } from './profile';
import { createSegmentsSlice, type SegmentsSlice } from './segments';
import { createReportsSlice, type ReportsSlice } from './reports';
import { createOutcomesSlice, type OutcomesSlice } from './outcomes';
import { createClustersSlice, type ClustersSlice } from '../features/clusters/slice';

declare module './types' {
  /** The whole renderer state: every slice spread in createAppStore below. */
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
      ReportsSlice {}
}

export type { AppState } from './types';
export type AppStore = StoreApi<AppState>;

/** One store of slices over one ipc client. Tests build it over an in-memory client. */
export function createAppStore(client: IpcClient): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createWorkspaceSlice(client)(...a),
    ...createJobsSlice(client)(...a),
    ...createToastsSlice(client)(...a),
    ...createNavigationSlice(client)(...a),
    ...createThemeSlice(client)(...a),
    ...createResponsibleSlice(client)(...a),
    ...createDatasetsSlice(client)(...a),
    ...createImportSlice(client)(...a),
    ...createTableSlice(client)(...a),
    ...createProfileSlice(client)(...a),
    ...createSegmentsSlice(client)(...a),
    ...createReportsSlice(client)(...a),
    ...createOutcomesSlice(client)(...a),
    ...createClustersSlice(client)(...a),
  }));
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
  if (!store) throw new Error('useApp outside StoreProvider');
  return useStore(store, selector);
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreProvider');
  return store;
}
