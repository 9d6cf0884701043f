import { z } from 'zod';
import { method } from '../define';

/** Why a file is being chosen; hosts pick the dialog kind (open or save) and its default filters from it. */
export const PICK_PURPOSES = ['open-workspace', 'new-workspace', 'import', 'save', 'folder'] as const;
export type PickPurpose = (typeof PICK_PURPOSES)[number];

export const FileFilterSchema = z.object({
  /** Shown in the dialog, e.g. "CSV files". */
  name: z.string().min(1),
  /** Extensions without the dot, e.g. ["csv", "txt"]. */
  extensions: z.array(z.string().regex(/^[A-Za-z0-9*]+$/, 'an extension without the dot')).min(1),
});
export type FileFilter = z.infer<typeof FileFilterSchema>;

export const HostInfoSchema = z.object({
  /** Which host runs the renderer: the Electron app or the loopback web host (a browser tab). */
  kind: z.enum(['electron', 'web']),
  appVersion: z.string(),
  /** False in the browser: there is no native file dialog, so the UI offers a file chooser (upload) and its own folder picker. */
  canPickFiles: z.boolean(),
  /** The operating system's language as the host knows it (Electron's app.getLocale()); null where the renderer's own (the browser's) is the user's. */
  locale: z.string().nullable(),
});
export type HostInfo = z.infer<typeof HostInfoSchema>;

/**
 * What only a host can do (native dialogs, its own version). The engine never implements
 * these; every host (Electron main, web host) does, and forwards everything else to the engine.
 */
export const host = {
  /** Which host this is and what it can do. */
  info: method(z.object({}), HostInfoSchema),
  /**
   * Ask the user for a file with the host's native dialog: an open dialog for `open-workspace` and `import`,
   * a save dialog for `new-workspace` and `save`, a folder chooser for `folder`. `path` is null when the user cancels or the host has no dialog.
   */
  pickFile: method(
    z.object({
      purpose: z.enum(PICK_PURPOSES),
      /** Suggested file or folder. */
      defaultPath: z.string().optional(),
      filters: z.array(FileFilterSchema).optional(),
    }),
    z.object({ path: z.string().nullable() }),
  ),
  /**
   * Show a file the app wrote (export, report, shared copy) selected in the system's file manager. `shown` is
   * false where the host cannot (the web host: a browser tab cannot open Finder or Explorer on the user's
   * machine), and the UI offers the path to copy instead.
   */
  showInFolder: method(z.object({ path: z.string().min(1) }), z.object({ shown: z.boolean() })),
} as const;

/** Pushed by a host to the renderer (next to engine events): a native menu item was chosen. */
export const HostEventSchema = z.object({
  type: z.literal('menu'),
  /** What the user picked from the native menu; the renderer decides what to show. */
  command: z.enum(['import', 'about']),
  /** A file already chosen in a native dialog (for `import`), or null. */
  path: z.string().nullable(),
});
export type HostEvent = z.infer<typeof HostEventSchema>;
