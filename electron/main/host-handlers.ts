import type { BrowserWindow, Dialog, FileFilter as ElectronFilter, Shell } from 'electron';
import type { HostHandlers } from '../../shared/contract/api';
import type { FileFilter, PickPurpose } from '../../shared/contract/ns/host';

/** What the Electron host's `host.*` answers need; passed in so this module never loads electron itself. */
export interface ElectronHostContext {
  appVersion: string;
  /** app.getLocale(): the OS language Electron resolved. */
  locale: string;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window a dialog belongs to (modal to it), or null. */
  window(): BrowserWindow | null;
  shell: Pick<Shell, 'showItemInFolder'>;
  /** Whether a file exists (fs.existsSync in the app; passed in so tests need no file system). */
  exists(path: string): boolean;
}

const WORKSPACE_FILTER: FileFilter = { name: 'SegmentDesk workspace', extensions: ['sdw'] };

/** The filters a dialog offers when the renderer names none. */
export function defaultFilters(purpose: PickPurpose): FileFilter[] {
  switch (purpose) {
    case 'open-workspace':
    case 'new-workspace':
      return [WORKSPACE_FILTER];
    case 'import':
      return [{ name: 'Customer data (CSV, TSV)', extensions: ['csv', 'tsv', 'txt'] }, { name: 'All files', extensions: ['*'] }];
    case 'save':
    case 'folder':
      return [];
  }
}

export const DIALOG_TITLES: Record<PickPurpose, string> = {
  'open-workspace': 'Open workspace',
  'new-workspace': 'New workspace',
  import: 'Import data',
  save: 'Save as',
  folder: 'Choose a folder',
};

/** Native dialogs: open for existing files, save for files to be created (the OS asks before overwriting). */
export const electronHostHandlers = {
  host: {
    info: (_args, ctx) => ({ kind: 'electron', appVersion: ctx.appVersion, canPickFiles: true, locale: ctx.locale }),
    pickFile: async ({ purpose, defaultPath, filters }, ctx) => {
      const win = ctx.window();
      const options = { title: DIALOG_TITLES[purpose], defaultPath, filters: (filters ?? defaultFilters(purpose)) as ElectronFilter[] };
      if (purpose === 'new-workspace' || purpose === 'save') {
        const r = win ? await ctx.dialog.showSaveDialog(win, options) : await ctx.dialog.showSaveDialog(options);
        return { path: r.canceled || !r.filePath ? null : r.filePath };
      }
      const open = { ...options, properties: [purpose === 'folder' ? ('openDirectory' as const) : ('openFile' as const), ...(purpose === 'folder' ? (['createDirectory'] as const) : [])] };
      const r = win ? await ctx.dialog.showOpenDialog(win, open) : await ctx.dialog.showOpenDialog(open);
      return { path: r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0] };
    },
    // Only a file that exists is shown: the renderer names files the engine wrote, never a folder to browse.
    showInFolder: ({ path }, ctx) => {
      if (!ctx.exists(path)) return { shown: false };
      ctx.shell.showItemInFolder(path);
      return { shown: true };
    },
  },
} satisfies HostHandlers<ElectronHostContext>;
