import fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentType, PRINT_CSP, SECURITY_HEADERS } from './csp';
import { printPage } from './print-pages';
import { resolveStatic } from '../host/static';
import { APP_HOST, APP_SCHEME } from './policy';

/** Must run before `app.ready`: app:// is a standard, secure origin (like https) so the CSP's 'self' means it. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the renderer build from `rendererDir` under app://segmentdesk/ with the CSP and security headers. */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const page = url.host === APP_HOST && request.method === 'GET' ? printPage(url.pathname) : null;
    if (page !== null) {
      return new Response(page, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': PRINT_CSP, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    const file = url.host === APP_HOST ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file || request.method !== 'GET') return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const body = await fs.readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-store' } });
  });
}
