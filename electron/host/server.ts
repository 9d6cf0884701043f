import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { InvokeRequest } from '../../shared/contract/api';
import type { AppEvent } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/result';
import { AppError } from '../../shared/contract/result';
import { SECURITY_HEADERS } from '../main/csp';
import { checkRequest, cookieName } from './guard';
import { createDispatcher, isInvokeRequest } from './dispatch';
import { EventHub } from './events';
import { webHostHandlers } from './host-handlers';
import { SHIM_PATH, resolveStatic, sendFile } from './static';
import { UploadStore } from './upload';

/** What the web host needs from an engine: the EngineClient (worker thread) in production, the same interface in tests. */
export interface EngineLike {
  invoke(req: InvokeRequest): Promise<Result<unknown>>;
  onEvent(listener: (e: AppEvent) => void): () => void;
}

export interface WebHostOptions {
  engine: EngineLike;
  /** The renderer build (dist/renderer). */
  rendererDir: string;
  /** The browser shim bundle (dist/web-shim.cjs). */
  shimFile: string;
  appVersion: string;
  /** 0 = a free port. */
  port?: number;
  /** Largest dropped file the browser may upload (bytes). */
  maxUploadBytes?: number;
  token?: string;
}

export interface WebHost {
  port: number;
  token: string;
  /** The link to open: carries the token once; the page then keeps it in a cookie. */
  url: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 16 * 1024 * 1024;

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_JSON_BYTES) {
        reject(new AppError('BAD_REQUEST', 'request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AppError('BAD_REQUEST', 'request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function deny(res: http.ServerResponse, reason: string): void {
  res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`403 Forbidden: ${reason}\n`);
}

const headerOf = (req: http.IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Starts the loopback web host: the renderer build, the contract over POST, events over SSE. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const hub = new EventHub();
  const uploads = new UploadStore(opts.maxUploadBytes ?? 2 * 1024 ** 3);
  const dispatch = createDispatcher(webHostHandlers, { appVersion: opts.appVersion }, (r) => opts.engine.invoke(r));
  const offEngine = opts.engine.onEvent((e) => hub.send(e));
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String((err as Error)?.message ?? err) } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const verdict = checkRequest(
      { host: headerOf(req, 'host'), origin: headerOf(req, 'origin'), cookie: headerOf(req, 'cookie'), headerToken: headerOf(req, 'x-segmentdesk-token'), queryToken: url.searchParams.get('token') },
      port,
      token,
    );
    if (!verdict.ok) return deny(res, verdict.reason);
    if (verdict.via === 'query' && req.method === 'GET') {
      // Trade the link's token for an HttpOnly cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      return void res.end();
    }
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: 'POST only' } });
      if (!/^application\/json\b/i.test(headerOf(req, 'content-type') ?? '')) return sendJson(res, 415, { ok: false, error: { code: 'BAD_REQUEST', message: 'Content-Type must be application/json' } });
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (e) {
        return sendJson(res, 400, { ok: false, error: (e as AppError).toData() });
      }
      if (!isInvokeRequest(body)) return sendJson(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'expected {ns, method, args}' } });
      return sendJson(res, 200, await dispatch(body));
    }
    if (url.pathname === '/api/events') return hub.attach(res, { ...SECURITY_HEADERS });
    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: 'POST only' } });
      const name = url.searchParams.get('name') ?? 'upload';
      try {
        return sendJson(res, 200, { ok: true, value: { path: await uploads.receive(req, name) } });
      } catch (e) {
        const error = e instanceof AppError ? e.toData() : { code: 'IO' as const, message: String((e as Error)?.message ?? e) };
        return sendJson(res, error.code === 'BAD_INPUT' ? 413 : 500, { ok: false, error });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: 'method not allowed' } });
    if (url.pathname === SHIM_PATH) return sendFile(res, opts.shimFile);
    const file = resolveStatic(opts.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('404 Not Found\n');
    }
    sendFile(res, file, { inject: true });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the host is never reachable from another machine.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      offEngine();
      hub.close();
      uploads.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The renderer build and shim next to the host bundle in dist/. */
export function distPaths(bundleDir: string): { rendererDir: string; shimFile: string; workerFile: string } {
  return { rendererDir: path.join(bundleDir, 'renderer'), shimFile: path.join(bundleDir, 'web-shim.cjs'), workerFile: path.join(bundleDir, 'engine-worker.cjs') };
}
