import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect, vi } from 'vitest';
import { registerPrivilegedSchemes, registerProtocols } from '../../../electron/main/protocol.js';
import {
  createAppFileHandler,
  createMediaHandler,
  parseMediaUrl,
  resolveAppFile,
} from '../../../electron/main/protocolHandlers.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/policy.js';
import { notFound } from '../../../electron/services/errors.js';
import { tempDir } from '../helpers/tmp.js';

// <tmp>/secret.txt sits beside the renderer folder: the thing a traversal would try to reach.
const base = tempDir('loupe-protocol-');
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Loupe</title>');
writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(path.join(root, '.env'), 'TOKEN=1');
writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');

const inside = (file: string | null) => file !== null && file.startsWith(root + path.sep);

describe('resolveAppFile', () => {
  it('maps the app origin onto the renderer folder, / to index.html', () => {
    expect(resolveAppFile('app://loupe/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://loupe/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://loupe/assets/index-abc.js?v=1#x', root)).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile('app://loupe/assets/a%20b.png', root)).toBe(path.join(root, 'assets', 'a b.png'));
  });

  it.each([
    'app://loupe/assets/..%2f..%2fsecret.txt',
    'app://loupe/%2e%2e%2fsecret.txt',
    'app://loupe/..%5csecret.txt',
    'app://loupe/%2e%2e%5c%2e%2e%5csecret.txt',
    'app://loupe/%2Fetc%2Fpasswd',
    'app://loupe//etc/passwd',
    'app://loupe/C:%5CWindows%5Cwin.ini',
    'app://loupe/C:/Windows/win.ini',
    'app://loupe/index.html%00.png',
    'app://loupe/.env',
    'app://loupe/%E0%A4%A',
    'app://other/index.html',
    'app://loupe:8080/index.html',
    'app://x@loupe/index.html',
    'file:///etc/passwd',
    '/etc/passwd',
    'https://loupe/index.html',
    'not a url',
  ])('rejects %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it.each([
    'app://loupe/../secret.txt',
    'app://loupe/%2e%2e/secret.txt',
    'app://loupe/%2E%2E/%2e%2e/secret.txt',
    'app://loupe/assets/../../../secret.txt',
  ])('keeps dot segments folded by URL parsing inside the root: %s', (url) => {
    const file = resolveAppFile(url, root);
    expect(file === null || inside(file)).toBe(true);
    expect(file).not.toBe(path.join(base, 'secret.txt'));
  });
});

describe('parseMediaUrl', () => {
  it('reads the item id', () => {
    expect(parseMediaUrl('loupe-media://item/42')).toBe(42);
    expect(parseMediaUrl('loupe-media://item/9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    'loupe-media://item/abc',
    'loupe-media://item/0',
    'loupe-media://item/007',
    'loupe-media://item/-1',
    'loupe-media://item/1.5',
    'loupe-media://item/1e3',
    'loupe-media://item/0x10',
    'loupe-media://item/%31',
    'loupe-media://item/1/2',
    'loupe-media://item/',
    'loupe-media://item/9007199254740993',
    'loupe-media://item/12345678901234567',
    'loupe-media://other/1',
    'loupe-media://x@item/1',
    'app://item/1',
    'garbage',
  ])('rejects %s', (url) => {
    expect(parseMediaUrl(url)).toBeNull();
  });
});

describe('app:// handler', () => {
  const handle = createAppFileHandler(root);

  it('serves renderer files with their content type, the CSP and nosniff', async () => {
    const page = await handle(new Request('app://loupe/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Loupe</title>');
    const script = await handle(new Request('app://loupe/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await handle(new Request('app://loupe/assets/index-abc.css'));
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for missing files, folders and traversal attempts, never leaking the secret', async () => {
    for (const url of [
      'app://loupe/missing.js',
      'app://loupe/assets',
      'app://loupe/../secret.txt',
      'app://loupe/assets/..%2f..%2fsecret.txt',
      'app://loupe/.env',
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('SECRET');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handle(new Request('app://loupe/', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await handle(new Request('app://loupe/', { method: 'HEAD' }))).status).toBe(200);
  });
});

describe('loupe-media:// handler', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

  it('streams the item image with its type, readable only by the app origin, never cached', async () => {
    const readItemImage = vi.fn(() => Promise.resolve({ contentType: 'image/png', data: png }));
    const handle = createMediaHandler({ readItemImage, allowOrigin: 'app://loupe' });
    const response = await handle(new Request('loupe-media://item/7'));
    expect(readItemImage).toHaveBeenCalledWith(7);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('access-control-allow-origin')).toBe('app://loupe');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png);
  });

  it('answers 404 for malformed ids without asking the services', async () => {
    const readItemImage = vi.fn();
    const handle = createMediaHandler({ readItemImage, allowOrigin: 'app://loupe' });
    expect((await handle(new Request('loupe-media://item/..%2f1'))).status).toBe(404);
    expect((await handle(new Request('loupe-media://item/abc'))).status).toBe(404);
    expect(readItemImage).not.toHaveBeenCalled();
  });

  it('maps not_found to 404 and any other failure to a logged 500 without details', async () => {
    const logger = { error: vi.fn() };
    const missing = createMediaHandler({
      readItemImage: () => Promise.reject(notFound('item 3')),
      allowOrigin: 'app://loupe',
      logger,
    });
    expect((await missing(new Request('loupe-media://item/3'))).status).toBe(404);
    const broken = createMediaHandler({
      readItemImage: () => Promise.reject(new Error('EACCES /data/images/ab/cd.tif')),
      allowOrigin: 'app://loupe',
      logger,
    });
    const response = await broken(new Request('loupe-media://item/3'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('EACCES');
    expect(logger.error).toHaveBeenCalledOnce();
  });
});

describe('scheme registration', () => {
  it('registers app and loupe-media as standard, secure schemes that do not bypass the CSP', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerPrivilegedSchemes({ registerSchemesAsPrivileged });
    const schemes = registerSchemesAsPrivileged.mock.calls[0]?.[0] as {
      scheme: string;
      privileges: Record<string, boolean>;
    }[];
    expect(schemes.map((s) => s.scheme)).toEqual(['app', 'loupe-media']);
    for (const { privileges } of schemes) {
      expect(privileges).toMatchObject({ standard: true, secure: true });
      expect(privileges.bypassCSP).toBeUndefined();
      expect(privileges.allowServiceWorkers).toBeUndefined();
    }
  });

  it('installs a handler for each scheme, the media one backed by the services', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
    const readItemImage = vi.fn(() => Promise.resolve({ contentType: 'image/jpeg', data: Buffer.from([1]) }));
    registerProtocols(
      { handle: (scheme, handler) => void handlers.set(scheme, handler) },
      { rendererDir: root, services: { readItemImage } },
    );
    expect([...handlers.keys()].sort()).toEqual(['app', 'loupe-media']);
    const media = await handlers.get('loupe-media')?.(new Request('loupe-media://item/5'));
    expect(media?.status).toBe(200);
    expect(readItemImage).toHaveBeenCalledWith(5);
    const page = await handlers.get('app')?.(new Request('app://loupe/index.html'));
    expect(page?.status).toBe(200);
  });
});
