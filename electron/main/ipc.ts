/**
 * The Electron transport of the contract: one invoke channel carrying `(channel, input)` and one
 * event channel. Validation and error mapping are `dispatch`'s, shared with the HTTP server, so
 * both transports answer the same input with the same envelope.
 */
import { IPC } from '../shared/contract.js';
import type { Envelope, EventName, Handlers } from '../shared/contract.js';
import type { AppServices } from '../services/app.types.js';
import { dispatch } from '../services/dispatch.js';
import type { Logger } from '../services/dispatch.js';
import type { IpcSenderEvent } from './policy.js';

/** The one method of ipcMain this module needs; tests pass a fake. */
export interface IpcLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
}

export type SenderCheck = (event: IpcSenderEvent) => boolean;

const unauthorized: Envelope<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'IPC is accepted only from the Loupe window' },
};

export function registerIpc(
  ipc: IpcLike,
  handlers: Handlers,
  isTrustedSender: SenderCheck,
  logger: Logger = console,
): void {
  ipc.handle(IPC.invoke, async (event, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    // Checked before anything else so a foreign frame learns nothing, not even channel names.
    if (!isTrustedSender(event)) return unauthorized;
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'unknown_channel', message: 'channel must be a string' } };
    }
    return dispatch(handlers, channel, input, logger);
  });
}

export type EventSender = (ipcChannel: typeof IPC.event, event: EventName, payload: unknown) => void;

/** Pushes every service event to the window; returns the unsubscribe for shutdown. */
export function forwardEvents(services: Pick<AppServices, 'onEvent'>, send: EventSender): () => void {
  return services.onEvent((event, payload) => send(IPC.event, event, payload));
}
