/**
 * Request handlers for the app:// and loupe-media:// schemes, written against the web
 * Request/Response types so they run (and are tested) under plain Node; protocol.ts only
 * registers them with Electron. Every URL is untrusted input: it is parsed, decoded segment by
 * segment and contained before anything touches the disk.
 */
import { stat, readFile } from 'node:fs/promises';
import { contentTypeFor, resolveStaticPath } from '../server/staticFiles.js';
import type { ItemImage } from '../services/app.types.js';
import { ServiceError } from '../services/errors.js';
import {
  APP_HOST,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  MEDIA_HOST,
  MEDIA_SCHEME,
  isPlainUrl,
  parseUrl,
} from './policy.js';

/**
 * Maps `app://loupe/<path>` to a file inside `rootDir`, or null. URL parsing already folds `..`
 * and `%2e%2e`; the pathname then goes through the same resolver as serve mode, which refuses
 * encoded separators, dot-files, empty segments and drive letters and keeps the result inside.
 */
export function resolveAppFile(rawUrl: string, rootDir: string): string | null {
  const url = parseUrl(rawUrl);
  if (url === null || !isPlainUrl(url, APP_SCHEME, APP_HOST)) return null;
  return resolveStaticPath(rootDir, url.pathname);
}

/** `loupe-media://item/<id>` → the item id, or null for anything else (ids are positive integers). */
export function parseMediaUrl(rawUrl: string): number | null {
  const url = parseUrl(rawUrl);
  if (url === null || !isPlainUrl(url, MEDIA_SCHEME, MEDIA_HOST)) return null;
  const match = /^\/([1-9][0-9]{0,15})$/.exec(url.pathname);
  if (!match?.[1]) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
}

function textResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

export type FetchHandler = (request: Request) => Promise<Response>;

/** Serves the built renderer; anything outside it, or missing, is a 404 (never a directory listing). */
export function createAppFileHandler(rootDir: string): FetchHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const file = resolveAppFile(request.url, rootDir);
    if (file === null) return textResponse(404, 'not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return textResponse(404, 'not found');
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, { status: 200, headers: securityHeaders(contentTypeFor(file)) });
    } catch {
      return textResponse(404, 'not found');
    }
  };
}

export type MediaHandlerOptions = {
  readItemImage: (itemId: number) => Promise<ItemImage>;
  /** The renderer's origin, allowed to read pixels (canvas) of a media response. */
  allowOrigin: string;
  logger?: { error(message: string, err?: unknown): void };
};

export function createMediaHandler({
  readItemImage,
  allowOrigin,
  logger = console,
}: MediaHandlerOptions): FetchHandler {
  return async (request) => {
    if (request.method !== 'GET') return textResponse(405, 'method not allowed');
    const itemId = parseMediaUrl(request.url);
    if (itemId === null) return textResponse(404, 'not found');
    try {
      const image = await readItemImage(itemId);
      return new Response(new Uint8Array(image.data), {
        status: 200,
        headers: {
          ...securityHeaders(image.contentType),
          'access-control-allow-origin': allowOrigin,
          // Item ids restart in every data dir (--data), so a cached image could show the wrong tile.
          'cache-control': 'no-store',
        },
      });
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'not_found') return textResponse(404, 'not found');
      logger.error(`loupe-media: item ${itemId} could not be read`, err);
      return textResponse(500, 'image unavailable');
    }
  };
}
