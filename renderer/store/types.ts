import type { StateCreator } from 'zustand';
import type { IpcClient } from '../ipc/client';

/**
 * The whole renderer state: one store made of slices. store/index.ts lists the slices (it extends this
 * interface by declaration merging), so slice modules import this file and this file imports none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by store/index.ts
export interface AppState {}

/** Every slice is built with the ipc client in its closure: only actions talk to the engine. */
export type Slice<T> = (client: IpcClient) => StateCreator<AppState, [], [], T>;
