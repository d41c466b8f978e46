/**
 * Serving the built renderer, shared by both transports: loopback HTTP (serve mode, here) and
 * the desktop app's app:// scheme (electron/main/protocolHandlers.ts). One content-type table,
 * one path resolver and one CSP, so the two cannot drift apart in what they serve or refuse.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The renderer's CSP; the transports differ only in extra image sources (the desktop app's
 * media scheme). 'unsafe-inline' is allowed for styles only because React sets style
 * attributes; scripts stay 'self' only (no eval, no inline).
 */
export function contentSecurityPolicy(extraImageSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self'", ...extraImageSources, 'data: blob:'].join(' '),
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Maps a URL pathname to a file inside `root`, or null; `/` (or empty) is index.html. Segments
 * are decoded one by one so an encoded separator (`..%2f`, `%5c`) cannot smuggle a traversal in,
 * and the joined result must still lie inside the root. Dot-files and dot segments, empty
 * segments (`//etc`), NULs and drive letters (`C:`) are refused outright.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  const pathname = urlPath === '/' || urlPath === '' ? '/index.html' : urlPath;
  const segments: string[] = [];
  for (const encoded of pathname.replace(/^\//, '').split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

export async function readStatic(
  root: string,
  urlPath: string,
): Promise<{ type: string; body: Buffer } | null> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return null;
  try {
    const body = await fs.readFile(file);
    return { type: contentTypeFor(file), body };
  } catch {
    return null;
  }
}
