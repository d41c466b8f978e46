import { EventEmitter } from 'node:events';
import { describe, it, expect, vi } from 'vitest';
import { createBridge } from '../../../electron/preload/bridge.js';
import type { IpcRendererLike } from '../../../electron/preload/bridge.js';
import { IPC } from '../../../electron/shared/contract.js';
import type { Channel, EventName } from '../../../electron/shared/contract.js';

/** An ipcRenderer stand-in: invoke is a spy, events go through a real EventEmitter. */
function fakeIpcRenderer(invokeResult: unknown = { ok: true, value: { names: [] } }) {
  const emitter = new EventEmitter();
  const ipc = {
    invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve(invokeResult)),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener),
    ),
  } satisfies IpcRendererLike;
  // What Electron passes as the first listener argument; it must never reach the renderer.
  const ipcEvent = { sender: { send: vi.fn() }, senderId: 0 };
  const push = (name: string, payload: unknown) => emitter.emit(IPC.event, ipcEvent, name, payload);
  return { ipc, emitter, push, ipcEvent };
}

describe('createBridge', () => {
  it('exposes exactly invoke, on and imageUrl, frozen, with no reference to ipcRenderer', () => {
    const { ipc } = fakeIpcRenderer();
    const api = createBridge(ipc);
    expect(Object.keys(api).sort()).toEqual(['imageUrl', 'invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('forwards a contract channel over the single invoke channel and returns main’s envelope', async () => {
    const { ipc } = fakeIpcRenderer({ ok: true, value: { names: ['ana'] } });
    const api = createBridge(ipc);
    await expect(api.invoke('inspectors:list', {})).resolves.toEqual({ ok: true, value: { names: ['ana'] } });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC.invoke, 'inspectors:list', {});
  });

  it.each(['fs:readFile', 'loupe:invoke', '__proto__', 'constructor', 42, undefined])(
    'refuses channel %j without touching IPC',
    async (channel) => {
      const { ipc } = fakeIpcRenderer();
      const api = createBridge(ipc);
      await expect(api.invoke(channel as Channel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns an IPC failure (no handler yet) into an internal envelope instead of a rejection', async () => {
    const { ipc } = fakeIpcRenderer();
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'loupe:invoke'"));
    const api = createBridge(ipc);
    await expect(api.invoke('stats:summary', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('delivers only the payload to a listener, never the IPC event object', () => {
    const { ipc, push, ipcEvent } = fakeIpcRenderer();
    const api = createBridge(ipc);
    const listener = vi.fn();
    api.on('db:changed', listener);
    push('db:changed', { tables: ['items'] });
    expect(listener).toHaveBeenCalledOnce();
    expect(listener.mock.calls[0]).toEqual([{ tables: ['items'] }]);
    expect(listener.mock.calls.flat()).not.toContain(ipcEvent);
  });

  it('routes events by name and ignores names outside the contract', () => {
    const { ipc, push } = fakeIpcRenderer();
    const api = createBridge(ipc);
    const changed = vi.fn();
    const progress = vi.fn();
    api.on('db:changed', changed);
    api.on('ingest:progress', progress);
    push('ingest:progress', { jobId: 'j1' });
    push('shell:exec', { cmd: 'rm -rf /' });
    push('__proto__', {});
    expect(progress).toHaveBeenCalledExactlyOnceWith({ jobId: 'j1' });
    expect(changed).not.toHaveBeenCalled();
  });

  it('refuses to subscribe to events outside the contract', () => {
    const { ipc } = fakeIpcRenderer();
    const api = createBridge(ipc);
    expect(() => api.on('loupe:invoke' as EventName, vi.fn())).toThrow(/unknown event/);
    expect(() => api.on('db:changed', 'not a function' as never)).toThrow(/function/);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('unsubscribes, is idempotent, and detaches from IPC once the last listener leaves', () => {
    const { ipc, push, emitter } = fakeIpcRenderer();
    const api = createBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.on('db:changed', first);
    const offSecond = api.on('db:changed', second);
    expect(emitter.listenerCount(IPC.event)).toBe(1);

    offFirst();
    offFirst();
    push('db:changed', { tables: [] });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(emitter.listenerCount(IPC.event)).toBe(1);

    offSecond();
    expect(emitter.listenerCount(IPC.event)).toBe(0);
    push('db:changed', { tables: [] });
    expect(second).toHaveBeenCalledOnce();

    const third = vi.fn();
    api.on('db:changed', third);
    push('db:changed', { tables: ['x'] });
    expect(third).toHaveBeenCalledOnce();
  });

  it('gives the same function subscribed twice two independent unsubscribes', () => {
    const { ipc, push } = fakeIpcRenderer();
    const api = createBridge(ipc);
    const listener = vi.fn();
    const off1 = api.on('db:changed', listener);
    api.on('db:changed', listener);
    off1();
    push('db:changed', { tables: [] });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { ipc, push } = fakeIpcRenderer();
    const report = vi.fn();
    const api = createBridge(ipc, report);
    const good = vi.fn();
    api.on('db:changed', () => {
      throw new Error('boom');
    });
    api.on('db:changed', good);
    push('db:changed', { tables: [] });
    expect(good).toHaveBeenCalledOnce();
    expect(report).toHaveBeenCalledOnce();
  });

  it('builds media URLs only for positive integer ids', () => {
    const api = createBridge(fakeIpcRenderer().ipc);
    expect(api.imageUrl(42)).toBe('loupe-media://item/42');
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, '7' as unknown as number]) {
      expect(() => api.imageUrl(bad)).toThrow(/invalid item id/);
    }
  });
});

describe('preload entry', () => {
  it('exposes one object, window.loupe, built by the bridge and not ipcRenderer itself', async () => {
    const exposeInMainWorld = vi.fn();
    const { ipc } = fakeIpcRenderer();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: ipc }));
    try {
      await import('../../../electron/preload/index.js');
    } finally {
      vi.doUnmock('electron');
    }
    expect(exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('loupe');
    expect(api).not.toBe(ipc);
    expect(Object.keys(api).sort()).toEqual(['imageUrl', 'invoke', 'on']);
  });
});
