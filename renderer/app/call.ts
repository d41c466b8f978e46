import type {
  ApiError,
  Channel,
  ChannelInput,
  ChannelOutput,
  Envelope,
  LoupeApi,
} from '../../electron/shared/contract';
import type { AppState, SetState } from './types';

/** A transport that throws (a broken preload, a bug) must still end in an envelope the UI can show. */
export async function call<C extends Channel>(
  api: LoupeApi,
  channel: C,
  input: ChannelInput<C>,
): Promise<Envelope<ChannelOutput<C>>> {
  try {
    return await api.invoke(channel, input);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'internal', message } };
  }
}

export function describeError(what: string, error: ApiError): string {
  return `${what}: ${error.message}`;
}

/**
 * Runs `task` at most once at a time; calls made while it runs collapse into one more run
 * afterwards, so a burst of db:changed events costs two requests, not hundreds.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const trigger = (): Promise<void> => {
    if (!current) {
      current = task().finally(() => {
        current = null;
      });
      return current;
    }
    queued ??= current.then(
      () => {
        queued = null;
        return trigger();
      },
      () => {
        queued = null;
        return trigger();
      },
    );
    return queued;
  };
  return trigger;
}

/**
 * Merges what `fn` returns into one top-level slot of the state, so a slice does not have to
 * spread its own object on every update.
 */
export function patcher<K extends keyof AppState>(set: SetState, key: K) {
  return (fn: (current: AppState[K]) => Partial<AppState[K]>): void =>
    set((s) => ({ [key]: { ...s[key], ...fn(s[key]) } }));
}

/**
 * Latest request wins: call `begin()` as a request starts; the check it returns is false once a
 * newer request has started, so a slow answer cannot overwrite a newer one.
 */
export function latestWins(): () => () => boolean {
  let seq = 0;
  return () => {
    const mine = ++seq;
    return () => mine === seq;
  };
}
