import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask the app to do; main/index.ts implements these with dialogs and engine calls. */
export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  openRecent(path: string): void;
  closeWorkspace(): void;
  importData(): void;
  about(): void;
  privacy(): void;
}

const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The native menu template: File (new/open/recent/import/close), Edit, View, Window, Help. */
export function menuTemplate(actions: MenuActions, recent: { path: string; exists: boolean }[], opts: { isMac: boolean; devTools: boolean }): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((r) => ({ label: basename(r.path), sublabel: r.path, toolTip: r.path, enabled: r.exists, click: () => actions.openRecent(r.path) }))
    : [{ label: 'No recent workspaces', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importData() },
      { type: 'separator' },
      { label: 'Close Workspace', accelerator: 'CmdOrCtrl+W', click: () => actions.closeWorkspace() },
      ...(opts.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(opts.devTools ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'About SegmentDesk', click: () => actions.about() },
      { label: 'Privacy: Your Data Stays on This Machine', click: () => actions.privacy() },
    ],
  };
  return [...(opts.isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
