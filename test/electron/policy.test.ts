import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isAllowedNavigation, isAllowedRequest, isAppUrl, isTrustedSender, workspaceArgs } from '../../electron/main/policy';
import { menuTemplate, type MenuActions } from '../../electron/main/menu';
import { defaultFilters, electronHostHandlers } from '../../electron/main/host-handlers';

describe('Electron window policy', () => {
  it('recognises only our own app:// origin', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://segmentdesk/assets/index-1.js')).toBe(true);
    for (const u of ['app://other/index.html', 'app://user:pw@segmentdesk/', 'https://segmentdesk/', 'file:///etc/passwd', 'not a url', 'app:segmentdesk']) expect(isAppUrl(u), u).toBe(false);
  });

  it('lets no request leave the machine', () => {
    for (const u of ['app://segmentdesk/index.html', 'data:image/png;base64,AAAA', 'blob:app://segmentdesk/1234']) expect(isAllowedRequest(u), u).toBe(true);
    for (const u of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost/', 'wss://x.example/', 'ftp://x/', 'file:///etc/hosts', 'app://evil/x', 'chrome://settings'])
      expect(isAllowedRequest(u), u).toBe(false);
  });

  it('allows in-page navigation only', () => {
    expect(isAllowedNavigation('app://segmentdesk/index.html#/segments', APP_ENTRY)).toBe(true);
    expect(isAllowedNavigation('app://segmentdesk/other.html', APP_ENTRY)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', APP_ENTRY)).toBe(false);
    expect(isAllowedNavigation('file:///home/me/x.html', APP_ENTRY)).toBe(false);
  });

  it('answers IPC only from the top frame of our own window showing our page', () => {
    const ours = new Set([7]);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: APP_ENTRY, isMainFrame: true }, ours)).toBe(true);
    expect(isTrustedSender({ webContentsId: 8, frameUrl: APP_ENTRY, isMainFrame: true }, ours)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: APP_ENTRY, isMainFrame: false }, ours)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: null, isMainFrame: true }, ours)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, ours)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'devtools://devtools/bundled/inspector.html', isMainFrame: true }, ours)).toBe(false);
  });

  it('finds workspace files on the command line (file association)', () => {
    expect(workspaceArgs(['/opt/SegmentDesk/segmentdesk', '--no-sandbox', '/home/me/a.sdw', 'b.SDW', 'c.csv'])).toEqual(['/home/me/a.sdw', 'b.SDW']);
  });
});

describe('Electron menus and dialogs', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    newWorkspace: () => calls.push('new'),
    openWorkspace: () => calls.push('open'),
    openRecent: (p) => calls.push(`recent:${p}`),
    closeWorkspace: () => calls.push('close'),
    importData: () => calls.push('import'),
    about: () => calls.push('about'),
    privacy: () => calls.push('privacy'),
  };

  it('has File (new, open, recent, import), Edit, View and Help menus wired to the actions', () => {
    const t = menuTemplate(actions, [{ path: '/w/a.sdw', exists: true }, { path: '/w/gone.sdw', exists: false }], { isMac: false, devTools: false });
    const file = t.find((m) => m.label === 'File');
    const items = (file?.submenu as { label?: string; click?: () => void; submenu?: unknown }[]) ?? [];
    const byLabel = (l: string) => items.find((i) => i.label === l);
    byLabel('New Workspace…')?.click?.();
    byLabel('Open Workspace…')?.click?.();
    byLabel('Import…')?.click?.();
    const recent = byLabel('Open Recent')?.submenu as { label: string; enabled: boolean; click: () => void }[];
    expect(recent.map((r) => [r.label, r.enabled])).toEqual([
      ['a.sdw', true],
      ['gone.sdw', false],
    ]);
    recent[0].click();
    expect(calls).toEqual(['new', 'open', 'import', 'recent:/w/a.sdw']);
    expect(t.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    // No reload or devtools in a packaged build.
    expect(JSON.stringify(t)).not.toMatch(/toggleDevTools|"reload"/);
  });

  it('offers workspace and data filters by purpose, and answers host.info as the Electron host', async () => {
    expect(defaultFilters('open-workspace')).toEqual([{ name: 'SegmentDesk workspace', extensions: ['sdw'] }]);
    expect(defaultFilters('import')[0].extensions).toContain('csv');
    const shown: string[] = [];
    const ctx = { appVersion: '1.2.3', locale: 'en-US', dialog: {} as never, window: () => null, shell: { showItemInFolder: (f: string) => void shown.push(f) }, exists: (f: string) => f === '/out/a.csv' };
    expect(await electronHostHandlers.host.info({}, ctx)).toEqual({ kind: 'electron', appVersion: '1.2.3', canPickFiles: true, locale: 'en-US' });
    // Open folder: shell.showItemInFolder for a file that exists, nothing for one that does not.
    expect(await electronHostHandlers.host.showInFolder({ path: '/out/a.csv' }, ctx)).toEqual({ shown: true });
    expect(await electronHostHandlers.host.showInFolder({ path: '/out/missing.csv' }, ctx)).toEqual({ shown: false });
    expect(shown).toEqual(['/out/a.csv']);
  });

  it('chooses a folder with the native open dialog in folder mode, and a file in file mode', async () => {
    const seen: { properties?: string[]; title?: string; defaultPath?: string }[] = [];
    const dialog = {
      showOpenDialog: async (opts: { properties?: string[]; title?: string; defaultPath?: string }) => (seen.push(opts), { canceled: false, filePaths: ['/home/me/Documents/shop'] }),
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    };
    const ctx = { appVersion: '1', locale: 'en-US', dialog: dialog as never, window: () => null, shell: { showItemInFolder: () => {} }, exists: () => true };
    expect(await electronHostHandlers.host.pickFile({ purpose: 'folder', defaultPath: '/home/me/Documents' }, ctx)).toEqual({ path: '/home/me/Documents/shop' });
    expect(seen[0]).toMatchObject({ title: 'Choose a folder', defaultPath: '/home/me/Documents', properties: ['openDirectory', 'createDirectory'] });
    await electronHostHandlers.host.pickFile({ purpose: 'import' }, ctx);
    expect(seen[1].properties).toEqual(['openFile']);
    expect(await electronHostHandlers.host.pickFile({ purpose: 'save' }, ctx)).toEqual({ path: null });
  });
});
