/**
 * Builds `window.loupe` from the contract. The renderer gets three functions and nothing else:
 * never ipcRenderer, never an IPC event object (it carries `sender`, which can send on any
 * channel). ipcRenderer is injected so the bridge is unit-tested with a fake.
 */
import { CHANNEL_NAMES, EVENT_NAMES, IPC } from '../shared/names.js';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  Envelope,
  EventName,
  LoupeApi,
} from '../shared/contract.js';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

const channelSet: ReadonlySet<string> = new Set<string>(CHANNEL_NAMES);
const eventSet: ReadonlySet<string> = new Set<string>(EVENT_NAMES);

function failure(code: 'unknown_channel' | 'internal', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

export function createBridge(
  ipc: IpcRendererLike,
  report: (message: string, err: unknown) => void = console.error,
): LoupeApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  // One IPC listener for all subscriptions, attached while anyone listens, so many components
  // subscribing never trip Node's MaxListeners warning.
  const onIpcEvent: IpcListener = (_event, name, payload) => {
    if (typeof name !== 'string' || !eventSet.has(name)) return;
    for (const listener of [...(listeners.get(name as EventName) ?? [])]) {
      try {
        listener(payload as never);
      } catch (err) {
        // One failing subscriber must not starve the others of db:changed.
        report(`listener for ${name} failed`, err);
      }
    }
  };

  const subscriberCount = (): number => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  const api: LoupeApi = {
    invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
      if (typeof channel !== 'string' || !channelSet.has(channel)) {
        return Promise.resolve(failure('unknown_channel', `unknown channel: ${String(channel)}`));
      }
      return ipc.invoke(IPC.invoke, channel, input).then(
        // Main answers every call with an envelope built by dispatch() from the same contract.
        (envelope) => envelope as Envelope<ChannelOutput<C>>,
        // Only reached if main has no handler (still starting) or the IPC pipe broke.
        (err: unknown) => failure('internal', err instanceof Error ? err.message : 'IPC failed'),
      );
    },

    on(event, listener) {
      if (typeof event !== 'string' || !eventSet.has(event))
        throw new Error(`unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new Error('listener must be a function');
      const wasEmpty = subscriberCount() === 0;
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      // Wrapped so subscribing the same function twice yields two independent unsubscribes.
      const entry = (payload: never): void => listener(payload);
      set.add(entry);
      if (wasEmpty) ipc.on(IPC.event, onIpcEvent);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(entry);
        if (subscriberCount() === 0) ipc.removeListener(IPC.event, onIpcEvent);
      };
    },

    imageUrl(itemId) {
      if (!Number.isSafeInteger(itemId) || itemId <= 0) throw new Error(`invalid item id: ${String(itemId)}`);
      return `${IPC.mediaScheme}://item/${itemId}`;
    },
  };
  return Object.freeze(api);
}
