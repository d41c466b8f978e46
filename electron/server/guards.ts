import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HTTP } from '../shared/contract.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Host names a request may carry for this server. Checking Host defeats DNS rebinding (a
 * foreign site resolving its own name to 127.0.0.1); checking Origin stops other pages in
 * the same browser from calling the API.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (boundHost !== '0.0.0.0' && boundHost !== '::')
    names.add(boundHost.includes(':') ? `[${boundHost}]` : boundHost);
  return new Set([...names].map((name) => `${name}:${port}`));
}

export function isAllowedHost(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

export function isAllowedOrigin(req: IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && hosts.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The per-launch token, from `Authorization: Bearer` or, for <img> and EventSource, `?token=`. */
export function hasToken(req: IncomingMessage, url: URL, expected: string): boolean {
  const header = req.headers[HTTP.tokenHeader];
  if (typeof header === 'string' && header.startsWith('Bearer '))
    return sameToken(header.slice(7).trim(), expected);
  const query = url.searchParams.get(HTTP.tokenQuery);
  return query !== null && sameToken(query, expected);
}
