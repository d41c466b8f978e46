import { describe, it, expect, vi } from 'vitest';
import { forwardEvents, registerIpc } from '../../../electron/main/ipc.js';
import type { IpcLike } from '../../../electron/main/ipc.js';
import { isTrustedIpcSender } from '../../../electron/main/policy.js';
import type { IpcSenderEvent } from '../../../electron/main/policy.js';
import { notFound } from '../../../electron/services/errors.js';
import type { EventListener } from '../../../electron/services/app.types.js';
import { CHANNEL_NAMES, IPC } from '../../../electron/shared/contract.js';
import type { Handlers } from '../../../electron/shared/contract.js';

type Listener = (event: IpcSenderEvent, ...args: unknown[]) => unknown;

function setup() {
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [channel, vi.fn(() => Promise.reject(new Error(`${channel} not faked`)))]),
  ) as unknown as Handlers;
  const queueNext = vi.fn((input: { limit: number }) => ({ items: [], limit: input.limit }));
  handlers['queue:next'] = queueNext;
  const registered = new Map<string, Listener>();
  const ipc: IpcLike = { handle: (channel, listener) => void registered.set(channel, listener) };
  const logger = { info: vi.fn(), error: vi.fn<(message: string, err?: unknown) => void>() };
  registerIpc(ipc, handlers, isTrustedIpcSender, logger);
  const call = (frameUrl: string | null, ...args: unknown[]) => {
    const listener = registered.get(IPC.invoke);
    if (!listener) throw new Error('nothing registered on the invoke channel');
    return listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  };
  return { handlers, queueNext, registered, call, logger };
}

const OURS = 'app://loupe/index.html';

describe('registerIpc', () => {
  it('registers exactly one channel, the contract invoke channel', () => {
    const { registered } = setup();
    expect([...registered.keys()]).toEqual([IPC.invoke]);
  });

  it('returns the handler result in an ok envelope, with schema defaults applied', async () => {
    const { call, queueNext } = setup();
    await expect(call(OURS, 'queue:next', { limit: 3 })).resolves.toEqual({
      ok: true,
      value: { items: [], limit: 3 },
    });
    await expect(call(OURS, 'queue:next', {})).resolves.toEqual({ ok: true, value: { items: [], limit: 5 } });
    expect(queueNext).toHaveBeenCalledTimes(2);
  });

  it('answers invalid input with invalid_input and never calls the handler', async () => {
    const { call, queueNext } = setup();
    for (const input of [{ limit: 0 }, { limit: 'all' }, { limit: 2, extra: true }, 'text']) {
      const envelope = (await call(OURS, 'queue:next', input)) as { ok: boolean; error?: { code: string } };
      expect(envelope.ok).toBe(false);
      expect(envelope.error?.code).toBe('invalid_input');
    }
    expect(queueNext).not.toHaveBeenCalled();
  });

  it('answers unknown or non-string channels with unknown_channel', async () => {
    const { call } = setup();
    await expect(call(OURS, 'fs:readFile', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    await expect(call(OURS, '__proto__', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    await expect(call(OURS, 42, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

  it.each([
    'https://evil.example/',
    'file:///home/user/index.html',
    'app://other/index.html',
    'app://loupe.evil.example/',
    'app://loupe:8080/index.html',
    'app://x@loupe/index.html',
    'loupe-media://item/1',
    'about:blank',
    '',
  ])('rejects a sender frame at %j as unauthorized without calling the handler', async (url) => {
    const { call, queueNext } = setup();
    await expect(call(url, 'queue:next', { limit: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(queueNext).not.toHaveBeenCalled();
  });

  it('rejects a destroyed sender frame (senderFrame null) before looking at the channel', async () => {
    const { call } = setup();
    await expect(call(null, 'no:such', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('maps a ServiceError to its code and hides unexpected errors behind internal', async () => {
    const { call, handlers, logger } = setup();
    handlers['review:undo'] = () => {
      throw notFound('decision 9');
    };
    await expect(call(OURS, 'review:undo', { decisionId: 9, inspector: 'ana' })).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'decision 9 not found' },
    });
    const envelope = (await call(OURS, 'stats:summary', {})) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(envelope.error.code).toBe('internal');
    expect(envelope.error.message).not.toContain('not faked');
    expect(logger.error).toHaveBeenCalledOnce();
  });
});

describe('forwardEvents', () => {
  it('sends every service event over the IPC event channel and returns the unsubscribe', () => {
    let emit: EventListener | undefined;
    const unsubscribe = vi.fn();
    const services = {
      onEvent: (listener: EventListener) => {
        emit = listener;
        return unsubscribe;
      },
    };
    const send = vi.fn();
    const stop = forwardEvents(services, send);
    emit?.('db:changed', { tables: ['decisions'] });
    expect(send).toHaveBeenCalledWith(IPC.event, 'db:changed', { tables: ['decisions'] });
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});
