import { randomBytes } from 'node:crypto';
import { APP_ORIGIN } from './policy';

/**
 * Report pages waiting to be printed, served under app://segmentdesk/__print/<token>.html by the app
 * protocol (protocol.ts). The report used to load as a data: URL, which Chromium caps at 2 MB: a report
 * with many charts could exceed that. The app protocol has no such cap, and it is the one scheme the
 * no-network rule lets load besides in-memory URLs (policy.ts), so file: URLs were not an option.
 * Each page is held only while its print runs, under a random token.
 */
const pages = new Map<string, string>();

const PRINT_PATH = /^\/__print\/([0-9a-f]{32})\.html$/;

/** Hold `html` for printing; `release` forgets it (call it when the print is done, whatever happened). */
export function holdPrintPage(html: string): { url: string; release: () => void } {
  const token = randomBytes(16).toString('hex');
  pages.set(token, html);
  return { url: `${APP_ORIGIN}/__print/${token}.html`, release: () => void pages.delete(token) };
}

/** The held page at this app:// path, or null (not a print path, or not held: released or never was). */
export function printPage(pathname: string): string | null {
  const m = PRINT_PATH.exec(pathname);
  return m ? (pages.get(m[1]) ?? null) : null;
}
