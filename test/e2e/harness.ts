import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * The e2e harness: the built web host (dist/host.cjs) with a fresh state folder on a free port, driven by
 * Debian's Chromium through playwright-core. Every test fails if the page asks for anything that is not
 * loopback, violates the CSP, or throws an uncaught error (checked in closeApp).
 */

const ROOT = path.resolve(__dirname, '..', '..');
export const OUTPUT_DIR = path.join(ROOT, 'test', 'e2e', 'output');
const CHROMIUM = process.env.SEGMENTDESK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WebHostProcess {
  url: string;
  origin: string;
  port: number;
  stateDir: string;
  stop(): Promise<void>;
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  host: WebHostProcess;
  /** A temp folder for this session's files (workspaces, imports); removed by closeApp. */
  dir: string;
  /** Requests to anything but 127.0.0.1/localhost/::1 (blocked; closeApp fails when not empty). */
  offLoopback: string[];
  /** CSP violations and uncaught page errors (closeApp fails when not empty). */
  problems: string[];
  /** Console errors that are not CSP violations (shown on failure, not failing by themselves: a 4xx answer logs one). */
  consoleErrors: string[];
  screenshot(name: string): Promise<string>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for URLs that stay on this machine (data:/blob:/about: never reach a network). */
export function isLoopbackUrl(raw: string): boolean {
  const u = new URL(raw);
  if (['data:', 'blob:', 'about:', 'chrome-error:'].includes(u.protocol)) return true;
  return LOOPBACK.has(u.hostname);
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts `node dist/host.cjs` (build first: `npm run test:e2e` does) and waits for the URL it prints. */
export async function startWebHost(opts: { stateDir?: string } = {}): Promise<WebHostProcess> {
  const stateDir = opts.stateDir ?? tmp('sd-e2e-state-');
  // The run's private copy of dist/ (test/e2e/global-setup.ts) when there is one, else dist/ itself.
  const snapshot = path.join(ROOT, '.cache', 'e2e', 'dist', 'host.cjs');
  const hostFile = fs.existsSync(snapshot) ? snapshot : path.join(ROOT, 'dist', 'host.cjs');
  const child: ChildProcess = spawn(process.execPath, [hostFile, '--port', '0', '--state-dir', stateDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start within 20 s:\n${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\//.test(line)) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${stderr}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    stateDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Starts a host and a fresh Chromium profile, opens the app and waits for the start screen (or `waitFor`). */
/**
 * `lang` opens the window in that language (as the language menu would: ?lang=pl, en-XA for the pseudo-locale);
 * `browserLocale` sets the browser's own language (navigator.languages), which the app follows when no language was chosen.
 */
export async function openApp(opts: { waitFor?: string; lang?: string; browserLocale?: string } = {}): Promise<AppSession> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const host = await startWebHost();
  const profile = tmp('sd-e2e-profile-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 860 },
    ...(opts.browserLocale ? { locale: opts.browserLocale } : {}),
  });
  const offLoopback: string[] = [];
  const problems: string[] = [];
  const consoleErrors: string[] = [];
  // Every request of every page passes here; anything leaving the machine is recorded and blocked.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) return route.continue();
    offLoopback.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('websocket', (ws) => {
    if (!isLoopbackUrl(ws.url().replace(/^ws/, 'http'))) offLoopback.push(ws.url());
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
    else consoleErrors.push(msg.text());
  });
  const dir = tmp('sd-e2e-files-');
  const session: AppSession = {
    page,
    context,
    host,
    dir,
    offLoopback,
    problems,
    consoleErrors,
    screenshot: (name) => screenshot(page, name),
  };
  await page.goto(opts.lang ? withQuery(host.url, 'lang', opts.lang) : host.url);
  await page.getByTestId(opts.waitFor ?? 'start-screen').waitFor({ timeout: 20_000 });
  profiles.set(session, profile);
  return session;
}

const profiles = new Map<AppSession, string>();

/** `url` with `key=value` added to its query (before any #fragment). */
export function withQuery(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

/** Saves test/e2e/output/<name>.png (git-ignored; CI keeps it as an artifact) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Creates a workspace through the start screen and waits until the app shows it; returns its path. */
export async function createWorkspace(s: AppSession, name = 'e2e.sdw'): Promise<string> {
  const file = path.join(s.dir, name);
  await s.page.getByTestId('workspace-path').fill(file);
  await s.page.getByTestId('workspace-create').click();
  await s.page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
  return file;
}

/** Waits for a toast of `kind` (info, success, error, …), optionally containing `text`; returns its text. */
export async function waitForToast(s: AppSession, kind: string, text?: string | RegExp, timeout = 20_000): Promise<string> {
  let toast = s.page.getByTestId(`toast-${kind}`);
  if (text !== undefined) toast = toast.filter({ hasText: text });
  await toast.first().waitFor({ timeout });
  return (await toast.first().textContent()) ?? '';
}

// page.evaluate bodies run in the browser, but this file is type-checked without DOM types: the few
// browser globals dropFile uses are declared here, module-scoped.
interface DroppableFile {
  readonly name: string;
}
declare const DataTransfer: new () => { items: { add(f: DroppableFile): void } };
declare const File: new (parts: string[], name: string, opts: { type: string }) => DroppableFile;
declare const DragEvent: new (type: string, init: { bubbles: boolean; cancelable: boolean; dataTransfer: unknown }) => unknown;
declare const document: { querySelector(sel: string): { dispatchEvent(e: unknown): boolean } | null };
declare const window: { api: Record<string, unknown> & { pathForFile(f: DroppableFile): Promise<string>; invoke(req: unknown): Promise<unknown> } };

/** What the page sees as window.api: its member names, and host.info through it. */
export async function inspectBridge(s: AppSession): Promise<{ keys: string[]; hostInfo: unknown }> {
  return s.page.evaluate(async () => ({ keys: Object.keys(window.api).sort(), hostInfo: await window.api.invoke({ ns: 'host', method: 'info', args: {} }) }));
}

/** Hands a File to window.api.pathForFile in the page (the web host uploads it) and returns the path it answers. */
export async function pathForFileInPage(s: AppSession, name: string, content: string): Promise<string> {
  return s.page.evaluate(({ name, content }) => window.api.pathForFile(new File([content], name, { type: 'text/csv' })), { name, content });
}

/**
 * Drops a file on the element matching `selector` (default: the page body) the way a file manager would:
 * dragenter/dragover/drop with a DataTransfer holding a File. In the web host the app then uploads its bytes
 * (window.api.pathForFile) and gets a private temp path.
 */
export async function dropFile(s: AppSession, name: string, content: string, opts: { selector?: string; type?: string } = {}): Promise<void> {
  await s.page.evaluate(
    ({ name, content, selector, type }) => {
      const target = document.querySelector(selector);
      if (!target) throw new Error(`dropFile: nothing matches ${selector}`);
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type }));
      for (const t of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(t, { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { name, content, selector: opts.selector ?? 'body', type: opts.type ?? 'text/csv' },
  );
}

/** Closes the browser and the host, removes temp folders, then fails if the page went off-machine or broke the CSP. */
export async function closeApp(s: AppSession): Promise<void> {
  try {
    await s.context.close();
  } finally {
    await s.host.stop();
    for (const d of [profiles.get(s), s.dir, s.host.stateDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
    profiles.delete(s);
  }
  if (s.offLoopback.length) throw new Error(`the page requested non-loopback addresses (no network allowed):\n${s.offLoopback.join('\n')}`);
  if (s.problems.length) throw new Error(`page problems:\n${s.problems.join('\n')}\nconsole errors:\n${s.consoleErrors.join('\n')}`);
}
