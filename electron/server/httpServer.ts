import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES, HTTP } from '../shared/contract.js';
import type { ApiError, Envelope } from '../shared/contract.js';
import type { AppServices } from '../services/app.types.js';
import { dispatch } from '../services/dispatch.js';
import type { Logger } from '../services/dispatch.js';
import { ServiceError } from '../services/errors.js';
import { allowedHosts, hasToken, isAllowedHost, isAllowedOrigin } from './guards.js';
import { contentSecurityPolicy, readStatic } from './staticFiles.js';

// Images come from /media on this origin, so 'self' covers them: no extra image sources.
export const CSP = contentSecurityPolicy();

const MAX_BODY_BYTES = 1024 * 1024;
const STATUS_BY_CODE: Record<ApiError['code'], number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  unknown_channel: 404,
  conflict: 409,
  internal: 500,
};

export type ServerOptions = {
  host: string;
  port: number;
  token: string;
  rendererDir: string;
  logger?: Logger;
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  const status = envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code];
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(envelope), {
    'Cache-Control': 'no-store',
  });
}

function fail(res: ServerResponse, code: ApiError['code'], message: string): void {
  sendEnvelope(res, { ok: false, error: { code, message } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ServiceError('invalid_input', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ServiceError('invalid_input', 'request body is not valid JSON');
  }
}

/**
 * Serve mode: the same handlers as the desktop app's IPC, as `POST /api/<channel>`, events as
 * Server-Sent Events, item images under /media, and the built renderer.
 */
export function createHttpServer(services: AppServices, options: ServerOptions): http.Server {
  const logger = options.logger ?? console;
  const hosts = (): Set<string> => allowedHosts(options.host, options.port);
  const sseClients = new Set<ServerResponse>();
  const unsubscribe = services.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      logger.error('request failed', err);
      if (!res.headersSent) fail(res, 'internal', 'internal error; see the station log');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowed = hosts();
    if (!isAllowedHost(req, allowed)) return send(res, 421, 'text/plain; charset=utf-8', 'unknown host');
    if (!isAllowedOrigin(req, allowed)) return fail(res, 'unauthorized', 'cross-origin requests are refused');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isApi = url.pathname.startsWith(HTTP.apiPrefix);
    const isMedia = url.pathname.startsWith(HTTP.mediaPrefix);

    if ((isApi || isMedia) && !hasToken(req, url, options.token)) {
      return fail(
        res,
        'unauthorized',
        'missing or wrong access token; open the address printed by `loupe serve`',
      );
    }
    if (isApi && url.pathname === HTTP.apiPrefix + HTTP.eventsPath.slice(1)) {
      if (req.method !== 'GET') return fail(res, 'invalid_input', 'events are read with GET');
      return openEventStream(res);
    }
    if (isApi) {
      if (req.method !== 'POST') return fail(res, 'invalid_input', 'API calls use POST');
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json'))
        return fail(res, 'invalid_input', 'API calls send application/json');
      const channel = decodeURIComponent(url.pathname.slice(HTTP.apiPrefix.length));
      let input: unknown;
      try {
        input = await readJson(req);
      } catch (err) {
        return fail(res, 'invalid_input', (err as Error).message);
      }
      return sendEnvelope(res, await dispatch(services.handlers, channel, input, logger));
    }
    if (isMedia) {
      const id = /^\d{1,15}$/.test(url.pathname.slice(HTTP.mediaPrefix.length))
        ? Number(url.pathname.slice(HTTP.mediaPrefix.length))
        : NaN;
      if (!Number.isSafeInteger(id) || id <= 0) return fail(res, 'not_found', 'no such image');
      try {
        const image = await services.readItemImage(id);
        return send(res, 200, image.contentType, image.data, {
          'Cache-Control': 'private, max-age=86400, immutable',
        });
      } catch (err) {
        if (err instanceof ServiceError) return fail(res, err.code, err.message);
        throw err;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    const cache = url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return send(res, 200, file.type, file.body, { 'Cache-Control': cache });
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(`retry: 2000\n: events ${EVENT_NAMES.join(' ')}\n\n`);
    sseClients.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      sseClients.delete(res);
    });
  }

  server.on('close', () => {
    unsubscribe();
    for (const client of sseClients) client.end();
  });
  return server;
}

/** Ends open event streams so `server.close()` can finish. */
export function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
