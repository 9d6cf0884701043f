import type { StateCreator } from 'zustand';
import type { IpcClient } from '../ipc/client';
import type { WorkspaceSlice } from './workspace';
import type { JobsSlice } from './jobs';
import type { ToastsSlice } from './toasts';
import type { NavigationSlice } from './navigation';
import type { ThemeSlice } from './theme';
import type { ResponsibleSlice } from './responsible';
import type { DatasetsSlice } from './datasets';
import type { ImportSlice } from './importWizard';
import type { TableSlice } from './table';
import type { ProfileSlice } from './profile';
import type { SegmentsSlice } from './segments';
import type { ReportsSlice } from './reports';
import type { OutcomesSlice } from './outcomes';
import type { ClustersSlice } from './clusters';

/** The whole renderer state: one store made of slices. */
export type AppState = WorkspaceSlice & JobsSlice & ToastsSlice & NavigationSlice & ThemeSlice & DatasetsSlice & ImportSlice & TableSlice & ProfileSlice & ResponsibleSlice & SegmentsSlice & OutcomesSlice & ClustersSlice & ReportsSlice;

/** Every slice is built with the ipc client in its closure: only actions talk to the engine. */
export type Slice<T> = (client: IpcClient) => StateCreator<AppState, [], [], T>;
