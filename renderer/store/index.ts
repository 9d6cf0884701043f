import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { IpcClient } from '../ipc/client';
import type { AppState } from './types';
import { createWorkspaceSlice } from './workspace';
import { createJobsSlice } from './jobs';
import { createToastsSlice } from './toasts';
import { createNavigationSlice } from './navigation';
import { createThemeSlice } from './theme';
import { createResponsibleSlice } from './responsible';
import { createDatasetsSlice } from './datasets';
import { createImportSlice } from './importWizard';
import { createTableSlice } from './table';
import { createProfileSlice } from './profile';
import { createSegmentsSlice } from './segments';
import { createReportsSlice } from './reports';
import { createOutcomesSlice } from './outcomes';
import { createClustersSlice } from './clusters';

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
