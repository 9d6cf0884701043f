import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { EVENT_CHANNEL } from '../../shared/contract/channels';
import type { AppEvent } from '../../shared/contract/bridge';
import type { InvokeRequest } from '../../shared/contract/api';
import type { Result } from '../../shared/contract/result';
import { EngineClient } from '../engine/worker/client';
import { createDispatcher } from '../host/dispatch';
import { electronHostHandlers } from './host-handlers';
import { registerInvoke } from './ipc';
import { menuTemplate, type MenuActions } from './menu';
import { printHtmlToPdf } from './print';
import { APP_ENTRY, workspaceArgs } from './policy';
import { registerAppScheme, serveRenderer } from './protocol';
import { lockDownContents, lockDownSession } from './security';

// The Electron host: a thin shell over the engine worker. Everything here either wires a security rule
// (policy.ts, security.ts) or turns a native action (menu, dialog, file association) into a contract call.

const DIST = __dirname;
const trusted = new Set<number>();
let win: BrowserWindow | null = null;
let engine: EngineClient | null = null;
let dispatch: ((req: InvokeRequest) => Promise<Result<unknown>>) | null = null;
const pendingOpen: string[] = workspaceArgs(process.argv.slice(1));

registerAppScheme(protocol);
app.enableSandbox();
lockDownContents(app);

if (!app.requestSingleInstanceLock()) app.quit();

function send(event: AppEvent): void {
  if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
}

async function call(ns: string, method: string, args: unknown): Promise<unknown> {
  if (!dispatch) return null;
  const r = await dispatch({ ns, method, args });
  if (!r.ok) {
    dialog.showErrorBox('SegmentDesk', r.error.message);
    return null;
  }
  return r.value;
}

async function pick(purpose: 'open-workspace' | 'new-workspace' | 'import'): Promise<string | null> {
  const r = (await call('host', 'pickFile', { purpose })) as { path: string | null } | null;
  return r?.path ?? null;
}

async function openWorkspace(file: string): Promise<void> {
  if (!engine) {
    pendingOpen.push(file);
    return;
  }
  await call('workspace', 'open', { path: file });
}

const actions: MenuActions = {
  newWorkspace: () =>
    void pick('new-workspace').then(async (p) => {
      if (p) await call('workspace', 'create', { path: p });
    }),
  openWorkspace: () =>
    void pick('open-workspace').then(async (p) => {
      if (p) await openWorkspace(p);
    }),
  openRecent: (p) => void openWorkspace(p),
  closeWorkspace: () => void call('workspace', 'close', {}),
  // The import wizard lives in the renderer: hand it the chosen file.
  importData: () =>
    void pick('import').then((p) => {
      if (p) send({ type: 'menu', command: 'import', path: p });
    }),
  about: () =>
    void dialog.showMessageBox({ type: 'info', title: 'About SegmentDesk', message: `SegmentDesk ${app.getVersion()}`, detail: 'Offline workbench for customer segmentation.' }),
  privacy: () =>
    void dialog.showMessageBox({
      type: 'info',
      title: 'Privacy',
      message: 'Your data stays on this machine.',
      detail: 'SegmentDesk makes no network requests: no telemetry, no update checks, no remote content. Workspaces are local SQLite files.',
    }),
};

async function refreshMenu(): Promise<void> {
  const recent = ((await engine?.invoke({ ns: 'workspace', method: 'recent', args: {} })) ?? { ok: false }) as { ok: boolean; value?: { path: string; exists: boolean }[] };
  const template = menuTemplate(actions, recent.ok && recent.value ? recent.value : [], { isMac: process.platform === 'darwin', devTools: !app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'SegmentDesk',
    webPreferences: {
      preload: path.join(DIST, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in new windows; nothing in the app needs it.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  const id = win.webContents.id;
  trusted.add(id);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    trusted.delete(id);
    win = null;
  });
  void win.loadURL(APP_ENTRY);
}

app.on('open-file', (event, file) => {
  event.preventDefault();
  void openWorkspace(file);
});

app.on('second-instance', (_e, argv) => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
  for (const f of workspaceArgs(argv.slice(1))) void openWorkspace(f);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (!win && engine) createWindow();
});

app.on('will-quit', () => {
  void engine?.close();
});

void app.whenReady().then(async () => {
  lockDownSession(session.defaultSession);
  serveRenderer(protocol, path.join(DIST, 'renderer'));
  const client = new EngineClient({ workerFile: path.join(DIST, 'engine-worker.cjs'), stateDir: app.getPath('userData'), printPdf: printHtmlToPdf });
  await client.ready;
  engine = client;
  dispatch = createDispatcher(electronHostHandlers, { appVersion: app.getVersion(), locale: app.getLocale(), dialog, window: () => win, shell, exists: (f) => fs.existsSync(f) }, (r) => client.invoke(r));
  registerInvoke(ipcMain, trusted, dispatch);
  client.onEvent((e) => {
    send(e);
    if (e.type === 'workspace') {
      if (e.change === 'opened' && e.path) app.addRecentDocument(e.path);
      void refreshMenu();
    }
  });
  createWindow();
  await refreshMenu();
  for (const f of pendingOpen.splice(0)) await openWorkspace(f);
});
