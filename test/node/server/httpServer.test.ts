import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServices } from '../../../electron/services/app.js';
import { closeServer, createHttpServer } from '../../../electron/server/httpServer.js';
import { resolveStaticPath } from '../../../electron/server/staticFiles.js';
import { imageFolder, quietLogger, startTestServices } from '../helpers/services.js';
import { tempDir } from '../helpers/tmp.js';

const TOKEN = 'test-token-0123456789';
let services: RunningServices;
let server: http.Server;
let port = 0;
let rendererDir: string;

/** Raw HTTP so the test controls the Host and Origin headers exactly. */
function request(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  request('POST', `/api/${channel}`, {
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  services = await startTestServices();
  await services.importFolder(await imageFolder(2)).done;
  await services.idle();
  rendererDir = tempDir('loupe-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Loupe</title>');
  const options = { host: '127.0.0.1', port: 0, token: TOKEN, rendererDir, logger: quietLogger };
  server = createHttpServer(services, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  options.port = port;
});

afterAll(async () => {
  await closeServer(server);
  await services.close();
});

describe('serve mode HTTP transport', () => {
  it('answers a channel with the envelope', async () => {
    const res = await api('stats:summary', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { pending: 2 } });
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const none = await request('POST', '/api/stats:summary', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await api('stats:summary', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request('GET', '/media/items/1')).status).toBe(401);
    expect((await request('GET', '/api/events')).status).toBe(401);
  });

  it('refuses foreign Host and Origin headers', async () => {
    expect((await api('stats:summary', {}, { host: `evil.example:${port}` })).status).toBe(421);
    expect((await api('stats:summary', {}, { host: `127.0.0.1:${port + 1}` })).status).toBe(421);
    const cross = await api('stats:summary', {}, { origin: 'http://evil.example' });
    expect(cross.status).toBe(401);
    expect((await api('stats:summary', {}, { origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('maps invalid calls to clear errors with HTTP status codes', async () => {
    expect((await api('nope:x', {})).status).toBe(404);
    const bad = await api('review:decide', { itemId: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_input');
    const notJson = await request('POST', '/api/stats:summary', {
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const form = await request('POST', '/api/stats:summary', {
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(400);
    expect(
      (await request('GET', '/api/stats:summary', { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(400);
  });

  it('serves item images with the token in the query, and 404 for unknown ids', async () => {
    const [item] = (await services.handlers['queue:next']({ limit: 1, inspector: null })).items;
    const img = await request('GET', `/media/items/${item!.id}?token=${TOKEN}`);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((await request('GET', `/media/items/999999?token=${TOKEN}`)).status).toBe(404);
    expect((await request('GET', `/media/items/..%2f..%2fetc?token=${TOKEN}`)).status).toBe(404);
  });

  it('serves the renderer with a strict CSP and never outside its folder', async () => {
    const page = await request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect((await request('GET', '/..%2f..%2fpackage.json')).status).toBe(404);
    expect(resolveStaticPath(rendererDir, '/%2e%2e/secret')).toBeNull();
    expect(resolveStaticPath(rendererDir, '/assets/app.js')).toBe(path.join(rendererDir, 'assets', 'app.js'));
  });

  it('pushes events over Server-Sent Events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/events?token=${TOKEN}`,
          headers: { host: `127.0.0.1:${port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream');
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            if (text.includes('event: db:changed')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', (err) => (err.message.includes('aborted') ? undefined : reject(err)));
    });
    await new Promise((r) => setTimeout(r, 50));
    const [item] = (await services.handlers['queue:next']({ limit: 1, inspector: null })).items;
    await api('review:decide', { itemId: item!.id, inspector: 'ana', label: 'ok' });
    const text = await received;
    expect(text).toMatch(/event: db:changed\ndata: \{"tables":\[.*"decisions".*\]\}/);
  });
});
