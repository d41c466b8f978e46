import { describe, expect, it, vi } from 'vitest';
import { TOKEN_STORAGE_KEY, createApi, createHttpApi, readToken } from '../../renderer/lib/api';
import type { EventSourceLike } from '../../renderer/lib/api';
import { memoryStorage } from './memoryStorage';

function env(hash: string, stored: Record<string, string> = {}) {
  const storage = memoryStorage(stored);
  const location = { hash, pathname: '/', search: '?x=1' };
  const replaceState = vi.fn();
  return { storage, location, history: { replaceState }, replaceState };
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

class FakeEventSource implements EventSourceLike {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, Set<(event: MessageEvent<string>) => void>>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }
  removeEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  close() {
    this.closed = true;
  }
  dispatch(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }));
  }
}

describe('readToken', () => {
  it('takes the token from the fragment, stores it and strips it from the address bar', () => {
    const e = env('#token=s3cr%2Bt');
    expect(readToken(e)).toBe('s3cr+t');
    expect(e.storage.data.get(TOKEN_STORAGE_KEY)).toBe('s3cr+t');
    expect(e.replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
  });

  it('keeps other fragment parts', () => {
    const e = env('#token=abc&view=review');
    readToken(e);
    expect(e.replaceState).toHaveBeenCalledWith(null, '', '/?x=1#view=review');
  });

  it('falls back to sessionStorage after a reload, and a new fragment token wins over it', () => {
    expect(readToken(env('', { [TOKEN_STORAGE_KEY]: 'old' }))).toBe('old');
    expect(readToken(env('#token=new', { [TOKEN_STORAGE_KEY]: 'old' }))).toBe('new');
  });

  it('returns null without a token anywhere', () => {
    const e = env('');
    expect(readToken(e)).toBeNull();
    expect(e.replaceState).not.toHaveBeenCalled();
  });
});

describe('createHttpApi', () => {
  it('posts the input as JSON to /api/<channel> with the Bearer token and passes the envelope through', async () => {
    const fetch = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(jsonResponse(200, { ok: true, value: { decisionId: 7 } })),
    );
    const api = createHttpApi('tok', { fetch, EventSource: FakeEventSource });
    const input = {
      itemId: 3,
      inspector: 'Ana',
      label: 'ok' as const,
      defectClass: null,
      timeToDecideMs: 900,
    };
    await expect(api.invoke('review:decide', input)).resolves.toEqual({ ok: true, value: { decisionId: 7 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/review:decide');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(input);
  });

  it('passes an error envelope from a 4xx answer through unchanged', async () => {
    const error = { ok: false, error: { code: 'invalid_input', message: 'limit: too big' } };
    const api = createHttpApi('tok', {
      fetch: () => Promise.resolve(jsonResponse(400, error)),
      EventSource: FakeEventSource,
    });
    await expect(api.invoke('queue:next', { limit: 5 })).resolves.toEqual(error);
  });

  it('maps a network failure to "cannot reach the Loupe server"', async () => {
    const api = createHttpApi('tok', {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      EventSource: FakeEventSource,
    });
    await expect(api.invoke('app:info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'cannot reach the Loupe server' },
    });
  });

  it('maps an answer that is not an envelope to an error in words', async () => {
    const api = createHttpApi('tok', {
      fetch: () => Promise.resolve(new Response('<html>proxy error</html>', { status: 502 })),
      EventSource: FakeEventSource,
    });
    const res = await api.invoke('app:info', {});
    expect(res).toEqual({
      ok: false,
      error: { code: 'internal', message: 'unexpected answer from the Loupe server (HTTP 502)' },
    });
  });

  it('listens to server-sent events by name on one connection carrying the token', () => {
    const api = createHttpApi('t k', { fetch: vi.fn(), EventSource: FakeEventSource });
    const changed = vi.fn();
    const progress = vi.fn();
    const offChanged = api.on('db:changed', changed);
    const offProgress = api.on('ingest:progress', progress);
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events?token=t%20k');
    source.dispatch('db:changed', JSON.stringify({ tables: ['decisions'] }));
    source.dispatch('db:changed', 'not json');
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed).toHaveBeenCalledWith({ tables: ['decisions'] });
    expect(progress).not.toHaveBeenCalled();
    offChanged();
    offChanged();
    expect(source.closed).toBe(false);
    offProgress();
    expect(source.closed).toBe(true);
  });

  it('builds image URLs under /media/items with the token as a query parameter', () => {
    const api = createHttpApi('a/b', { fetch: vi.fn(), EventSource: FakeEventSource });
    expect(api.imageUrl(12)).toBe('/media/items/12?token=a%2Fb');
  });
});

describe('createApi', () => {
  it('uses the Electron bridge when the preload exposed one', () => {
    const bridge = { invoke: vi.fn(), on: vi.fn(), imageUrl: (id: number) => `loupe-media://item/${id}` };
    window.loupe = bridge;
    try {
      expect(createApi()).toBe(bridge);
    } finally {
      delete window.loupe;
    }
  });

  it('returns null in a browser that was opened without the token', () => {
    window.sessionStorage.clear();
    expect(createApi()).toBeNull();
  });
});
