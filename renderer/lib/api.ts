/**
 * The renderer's only door to the Loupe services. Electron exposes `window.loupe` through the
 * preload bridge; a browser in serve mode talks HTTP + Server-Sent Events to the loopback server.
 */
import { HTTP } from '../../electron/shared/contract';
import type {
  ApiError,
  Channel,
  ChannelInput,
  ChannelOutput,
  Envelope,
  EventName,
  LoupeApi,
} from '../../electron/shared/contract';

export const TOKEN_STORAGE_KEY = 'loupe.token';

/** The slice of EventSource the client uses, so tests can hand in a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  removeEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  EventSource: new (url: string) => EventSourceLike;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

const unreachable: ApiError = { code: 'internal', message: 'cannot reach the Loupe server' };

/**
 * The token arrives once in the fragment (fragments never reach server logs or Referer headers),
 * then lives in sessionStorage so a reload keeps working, and leaves the address bar so it is not
 * shoulder-surfed, bookmarked or pasted into a ticket.
 */
export function readToken(deps: Pick<HttpDeps, 'location' | 'history' | 'storage'>): string | null {
  const fragment = new URLSearchParams(deps.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    deps.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    deps.history.replaceState(
      null,
      '',
      `${deps.location.pathname}${deps.location.search}${rest ? `#${rest}` : ''}`,
    );
    return fromUrl;
  }
  const stored = deps.storage.getItem(TOKEN_STORAGE_KEY);
  return stored ? stored : null;
}

function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** `/api/` + `/events` joined without a double slash. */
export const eventsPath = `${HTTP.apiPrefix}${HTTP.eventsPath.replace(/^\//, '')}`;

export function createHttpApi(token: string, deps: Pick<HttpDeps, 'fetch' | 'EventSource'>): LoupeApi {
  let source: EventSourceLike | null = null;
  let listenerCount = 0;

  async function invoke<C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Envelope<ChannelOutput<C>>> {
    let response: Response;
    try {
      response = await deps.fetch(`${HTTP.apiPrefix}${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
    } catch {
      return { ok: false, error: unreachable };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    // The server answers 4xx with an envelope too; only a body that is not one is our problem.
    if (isEnvelope(body)) return body as Envelope<ChannelOutput<C>>;
    return {
      ok: false,
      error: {
        code: response.status === 401 ? 'unauthorized' : 'internal',
        message: `unexpected answer from the Loupe server (HTTP ${response.status})`,
      },
    };
  }

  const on: LoupeApi['on'] = (event: EventName, listener) => {
    // One connection per tab, opened lazily: browsers cap connections per host and SSE holds one.
    source ??= new deps.EventSource(`${eventsPath}?${HTTP.tokenQuery}=${encodeURIComponent(token)}`);
    const current = source;
    const handler = (message: MessageEvent<string>) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        return;
      }
      (listener as (payload: unknown) => void)(payload);
    };
    current.addEventListener(event, handler);
    listenerCount += 1;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      current.removeEventListener(event, handler);
      listenerCount -= 1;
      if (listenerCount === 0 && source === current) {
        current.close();
        source = null;
      }
    };
  };

  return {
    invoke,
    on,
    imageUrl: (itemId) => `${HTTP.mediaPrefix}${itemId}?${HTTP.tokenQuery}=${encodeURIComponent(token)}`,
  };
}

/**
 * Picks the transport: the preload bridge when running in Electron, HTTP otherwise.
 * Returns null in a browser that has no token, so the caller can explain how to get one.
 */
export function createApi(): LoupeApi | null {
  if (window.loupe) return window.loupe;
  const token = readToken({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
  });
  if (!token) return null;
  return createHttpApi(token, {
    fetch: (url, init) => window.fetch(url, init),
    EventSource: window.EventSource,
  });
}
