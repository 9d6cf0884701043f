import type { HostHandlers } from '../../shared/contract/api';

export interface WebHostContext {
  appVersion: string;
}

/**
 * The web host's answers to `host.*`. A browser tab has no native file dialog the host could show
 * (the host may run without a display), so pickFile answers null: the UI offers the browser's file chooser
 * (the file is uploaded over loopback) and its own folder picker over workspace.listFolders.
 */
export const webHostHandlers = {
  host: {
    info: (_args, ctx) => ({ kind: 'web', appVersion: ctx.appVersion, canPickFiles: false, locale: null }),
    pickFile: () => ({ path: null }),
    // The host may run without a display, and a browser tab cannot open the user's file manager.
    showInFolder: () => ({ shown: false }),
  },
} satisfies HostHandlers<WebHostContext>;
