import { timingSafeEqual } from 'node:crypto';

/** What the guard looks at in a request (all optional: absent headers are undefined). */
export interface RequestFacts {
  host?: string;
  origin?: string;
  cookie?: string;
  /** `X-SegmentDesk-Token` header. */
  headerToken?: string;
  /** `?token=` of the URL (the link printed at start). */
  queryToken?: string | null;
}

export type GuardVerdict = { ok: true; via: 'cookie' | 'header' | 'query' } | { ok: false; reason: string };

/** Cookies are shared by every port of a host name, so the name carries the port. */
export function cookieName(port: number): string {
  return `sd_token_${port}`;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Every request to the web host passes here first. The Host check defeats DNS rebinding (a foreign
 * name resolving to 127.0.0.1), the Origin check defeats other pages in the same browser, and the
 * per-run token defeats other local users and processes that can reach the port.
 */
export function checkRequest(req: RequestFacts, port: number, token: string): GuardVerdict {
  const hosts = allowedHosts(port);
  if (!req.host || !hosts.includes(req.host.toLowerCase())) return { ok: false, reason: `foreign Host header ${JSON.stringify(req.host ?? '')}` };
  if (req.origin !== undefined && !hosts.some((h) => req.origin === `http://${h}`)) return { ok: false, reason: `foreign Origin ${JSON.stringify(req.origin)}` };
  const fromCookie = readCookie(req.cookie, cookieName(port));
  if (fromCookie && sameSecret(fromCookie, token)) return { ok: true, via: 'cookie' };
  if (req.headerToken && sameSecret(req.headerToken, token)) return { ok: true, via: 'header' };
  if (req.queryToken && sameSecret(req.queryToken, token)) return { ok: true, via: 'query' };
  return { ok: false, reason: req.queryToken || req.headerToken || fromCookie ? 'wrong token' : 'missing token' };
}
