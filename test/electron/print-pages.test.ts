import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { describe, expect, it } from 'vitest';
import { PRINT_CSP } from '../../electron/main/csp';
import { holdPrintPage, printPage } from '../../electron/main/print-pages';
import { serveRenderer } from '../../electron/main/protocol';
import { isAllowedNavigation, isAllowedRequest, APP_ENTRY } from '../../electron/main/policy';
import { REPORT_CSP } from '../../electron/engine/report/html';
import { tmpDir } from '../helpers/tmp';

/**
 * The Electron app prints reports from app://segmentdesk/__print/<token>.html (a data: URL is capped at
 * 2 MB). Electron cannot run here: this checks our side of it, the page store and the app protocol's
 * handler function (given a Request, as Electron's protocol.handle calls it), not Electron itself.
 */
function handlerFor(rendererDir: string): (req: Request) => Promise<Response> {
  let handler: ((req: Request) => Promise<Response>) | null = null;
  const registry = { handle: (_scheme: string, h: (req: Request) => Promise<Response>) => (handler = h) } as unknown as Protocol;
  serveRenderer(registry, rendererDir);
  return handler!;
}

describe('report pages for the Electron printer', () => {
  it('serves a held page, larger than a data: URL may be, under the report CSP, and forgets it when released', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    const handle = handlerFor(dir);
    const html = `<!doctype html><p>${'x'.repeat(3 * 1024 * 1024)}</p>`;
    const page = holdPrintPage(html);
    expect(page.url).toMatch(/^app:\/\/segmentdesk\/__print\/[0-9a-f]{32}\.html$/);
    // The no-network rule lets it load; the main window still cannot navigate to it.
    expect(isAllowedRequest(page.url)).toBe(true);
    expect(isAllowedNavigation(page.url, APP_ENTRY)).toBe(false);

    const res = await handle(new Request(page.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(PRINT_CSP);
    expect(await res.text()).toBe(html);

    page.release();
    expect(printPage(new URL(page.url).pathname)).toBeNull();
    expect((await handle(new Request(page.url))).status).toBe(404);
    // The app's own files are still served as before.
    expect((await handle(new Request('app://segmentdesk/index.html'))).status).toBe(200);
  });

  it('answers only exact print paths with a held token', () => {
    const a = holdPrintPage('<p>a</p>');
    const b = holdPrintPage('<p>b</p>');
    expect(a.url).not.toBe(b.url);
    const token = new URL(a.url).pathname;
    expect(printPage(token)).toBe('<p>a</p>');
    for (const p of [`${token}x`, token.replace('.html', ''), `/x${token}`, '/__print/../index.html', `/__print/${'0'.repeat(32)}.html`]) expect(printPage(p), p).toBeNull();
    a.release();
    b.release();
  });

  it('prints under the same policy as the report’s own meta tag', () => {
    expect(PRINT_CSP).toBe(REPORT_CSP);
  });
});
