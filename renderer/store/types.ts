import type { StateCreator, StoreApi } from 'zustand';
import type { WorkspaceChange } from '../../shared/contract/events';
import type { IpcClient } from '../ipc/client';
import type { Request } from './request';

/**
 * The whole renderer state: one store made of slices. store/index.ts lists the slices (it extends this
 * interface by declaration merging), so slice modules import this file and this file imports none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by store/index.ts
export interface AppState {}

/** A change to the data of the open workspace. `opened`/`closed` reset every slice, and `external` refreshes every slice. */
export type DataChange = Exclude<WorkspaceChange, 'opened' | 'closed' | 'external'>;

/** What a slice is built with: the ipc client, and the one way its actions call it. */
export interface SliceContext {
  client: IpcClient;
  /** Every engine call of an action goes through this (latest wins per key, errors shown once). */
  request: Request;
  /**
   * Every slice's state as it is before any workspace is open (see SliceDef.reset); drops the requests in
   * flight. For the workspace slice, which applies it when another workspace opens or this one closes.
   */
  freshState(): Partial<AppState>;
  /** Refetches, in every slice that depends on `change`, what it holds. For the workspace slice. */
  refreshFor(change: WorkspaceChange): Promise<void>;
}

/** A slice: its state and actions, and how it follows the open workspace. */
export interface SliceDef<T> {
  create(ctx: SliceContext): StateCreator<AppState, [], [], T>;
  /** The changes that make what this slice holds stale (besides `external`, which makes everything stale). */
  dependsOn?: readonly DataChange[];
  /** Refetches what the slice holds; skips what it has not loaded. Runs after the workspace info is current. */
  refresh?(get: () => AppState, set: StoreApi<AppState>['setState']): Promise<unknown> | void;
  /**
   * The slice's state when a workspace opens or closes. Default: its data as created (no view keeps anything
   * of the previous workspace). 'keep' for state that belongs to the window, not the workspace (theme).
   */
  reset?: 'keep' | ((s: AppState, initial: T) => Partial<T>);
}

/** Declares a slice; the identity, for type inference. */
export function defineSlice<T>(def: SliceDef<T>): SliceDef<T> {
  return def;
}
