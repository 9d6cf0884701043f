import type { EngineEvent } from '../../shared/contract/events';
import type { JobStartParsed } from '../../shared/contract/jobs';
import { AppError } from '../../shared/contract/result';
import type { JobRunner } from './jobs/runner';
import type { Workspace } from './workspace/workspace';
import { msg } from '../../shared/i18n/current';

/** What every handler receives besides its validated arguments. */
export interface EngineContext {
  /** The open workspace; throws NO_WORKSPACE when none is open. */
  ws(): Workspace;
  /** The open workspace or null. */
  current(): Workspace | null;
  setCurrent(ws: Workspace | null): void;
  jobs: JobRunner;
  /** Start a declared job with its validated parameters (`jobs.start`); returns the job id. */
  startJob(start: JobStartParsed): string;
  emit(event: EngineEvent): void;
  /** Where the host keeps state outside any workspace (recent list); null in the CLI. */
  stateDir: string | null;
  /** Where workspaces closed intact are remembered, so an unchanged one is not checked again (db/checked.ts); null: always checked. */
  checkMemory: string | null;
  /** One command at a time, nothing else reading the workspace meanwhile (the CLI). */
  headless: boolean;
}

export function requireWorkspace(ws: Workspace | null): Workspace {
  if (!ws) throw new AppError('NO_WORKSPACE', msg('engine.noWorkspace'));
  return ws;
}
