import type { StateCreator } from 'zustand';
import type { IpcClient } from '../ipc/client';
import type { WorkspaceSlice } from './workspace';
import type { JobsSlice } from './jobs';
import type { ToastsSlice } from './toasts';
import type { NavigationSlice } from './navigation';
import type { ThemeSlice } from './theme';

/** The whole renderer state: one store made of slices. */
export type AppState = WorkspaceSlice & JobsSlice & ToastsSlice & NavigationSlice & ThemeSlice;

/** Every slice is built with the ipc client in its closure: only actions talk to the engine. */
export type Slice<T> = (client: IpcClient) => StateCreator<AppState, [], [], T>;
