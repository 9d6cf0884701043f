/**
 * The Electron window's security decisions as pure functions, so they are unit-tested without Electron
 * (test/electron/policy.test.ts) and main/index.ts only wires them to Electron's hooks.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'segmentdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Our own renderer: exactly app://segmentdesk/…, nothing else (no other host on the scheme, no credentials). */
export function isAppUrl(raw: string): boolean {
  const u = parse(raw);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * The no-network rule for session.webRequest: the app's own protocol and in-memory URLs load; anything else
 * (http, https, ws, ftp, file, other hosts on app:) is cancelled. DevTools' own pages are allowed so the
 * developer tools can open in development.
 */
export function isAllowedRequest(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  const u = parse(raw);
  if (!u) return false;
  return u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:';
}

/** In-page navigation (hash, same document) is fine; loading any other document into the window is not. */
export function isAllowedNavigation(target: string, current: string): boolean {
  if (!isAppUrl(target)) return false;
  const t = parse(target);
  const c = parse(current);
  return !!t && !!c && t.pathname === c.pathname;
}

/** What the IPC handler knows about a message's sender. */
export interface SenderFacts {
  /** webContents id of the sender. */
  webContentsId: number;
  /** URL of the frame that sent it; null when the frame is gone. */
  frameUrl: string | null;
  /** Whether that frame is the top frame of its page. */
  isMainFrame: boolean;
}

/**
 * Every IPC message is checked: it must come from one of our windows, from its top frame, showing our own
 * app:// page. Anything else (a devtools extension, a frame that navigated away, an iframe) gets no answer.
 */
export function isTrustedSender(s: SenderFacts, trustedWebContents: ReadonlySet<number>): boolean {
  return trustedWebContents.has(s.webContentsId) && s.isMainFrame && s.frameUrl !== null && isAppUrl(s.frameUrl);
}

/** Workspace files named on the command line (file association, "Open with"), in order. */
export function workspaceArgs(argv: readonly string[]): string[] {
  return argv.filter((a) => !a.startsWith('-') && /\.sdw$/i.test(a));
}
