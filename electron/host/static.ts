import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS, contentType } from '../main/csp';

/** Where the browser shim (window.api over HTTP) is served; injected into index.html before the app's scripts. */
export const SHIM_PATH = '/__sd/web-api.js';

/**
 * Resolves a URL path inside `root`, or null when it escapes it (`..`, encoded slashes, NUL) or is not a file.
 * Paths without an extension fall back to index.html so client-side routes survive a reload.
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (rel.split('/').includes('..')) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, rel || 'index.html');
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  try {
    if (fs.statSync(full).isFile()) return full;
  } catch {
    /* fall through */
  }
  return path.extname(rel) === '' ? path.join(base, 'index.html') : null;
}

/** index.html with the shim as the first script, so window.api exists before the app's module scripts run. */
export function injectShim(html: string): string {
  const tag = `<script src=".${SHIM_PATH}"></script>`;
  const at = html.search(/<script\b/i);
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  return html.replace(/<\/head>/i, `${tag}</head>`);
}

export function sendFile(res: ServerResponse, file: string, opts: { inject?: boolean } = {}): void {
  const headers = { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-store' };
  if (opts.inject && path.basename(file) === 'index.html') {
    const body = injectShim(fs.readFileSync(file, 'utf8'));
    res.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
}
