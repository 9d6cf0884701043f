import { z } from 'zod';
import { method } from '../define';
import { DatasetInfoSchema } from '../../types/columns';

export const WorkspaceInfoSchema = z.object({
  /** Absolute path of the workspace file. */
  workspace: z.string(),
  schemaVersion: z.number().int(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  /** The date relative rules ("within the last 90 days") and recency are measured from; null = today. */
  asOf: z.string().nullable(),
  datasets: z.array(DatasetInfoSchema),
  /**
   * Set when SQLite's check found the file damaged on open: what it found and what to do. The workspace is
   * then open read-only and nothing is written into it. Absent or null: the check passed.
   */
  damaged: z.string().nullable().optional(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const WorkspaceProgressSchema = z.object({
  data: z.boolean(),
  profile: z.boolean(),
  clusters: z.boolean(),
  segment: z.boolean(),
  audit: z.boolean(),
  response: z.boolean(),
  report: z.boolean(),
});
export type WorkspaceProgress = z.infer<typeof WorkspaceProgressSchema>;

const PathArg = z.object({ path: z.string().min(1, 'a workspace path is required') });

/** A workspace file name without folders, e.g. `segmentdesk-demo.sdw`. */
export const WorkspaceFileNameSchema = z
  .string()
  .min(5)
  .max(200)
  .regex(/^[^\\/:*?"<>|]+\.sdw$/, 'a file name ending in .sdw, without folders');

export const workspace = {
  /** Create a new, empty workspace file at `path` and make it the open workspace. Fails if the file exists. */
  create: method(PathArg, WorkspaceInfoSchema),
  /** Open an existing workspace file (migrating it to the current schema) and make it the open workspace. */
  open: method(PathArg, WorkspaceInfoSchema),
  /** Describe the open workspace: file, size, schema version, datasets. */
  info: method(z.object({}), WorkspaceInfoSchema),
  /** Close the open workspace (no-op when none is open). */
  close: method(z.object({}), z.object({ closed: z.boolean() })),
  /** Recently opened workspaces, newest first (kept by the host, outside any workspace). */
  recent: method(z.object({}), z.array(z.object({ path: z.string(), openedAt: z.string(), exists: z.boolean() }))),
  /**
   * A path where a new workspace named like `name` can be created without overwriting anything: in `dir`
   * (default: the user's Documents folder when there is one, else the home folder), `name`, else `name-2`, `name-3`…
   * Only a suggestion for the UI to prefill: workspace.create still refuses an existing file.
   */
  suggestPath: method(
    z.object({ name: WorkspaceFileNameSchema, dir: z.string().min(1).optional() }),
    z.object({ path: z.string(), dir: z.string() }),
  ),
  /**
   * The sub-folders of `path` (default: the home folder), hidden ones left out, for a folder picker the
   * browser host draws itself (it has no native dialog). `parent` is null at the root.
   */
  listFolders: method(
    z.object({ path: z.string().min(1).optional() }),
    z.object({ path: z.string(), parent: z.string().nullable(), home: z.string(), folders: z.array(z.object({ name: z.string(), path: z.string() })) }),
  ),
  /**
   * Which steps of the guided path the open workspace has done, derived from what it holds: a data-quality
   * profile, a cluster run, a saved segment, a fairness audit, a response analysis, a saved report.
   */
  progress: method(z.object({}), WorkspaceProgressSchema),
  /** Set the as-of date (ISO yyyy-mm-dd) or null for "today". */
  setAsOf: method(z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }), WorkspaceInfoSchema),
} as const;
