/**
 * Runs electron/main/index.ts against a fake 'electron' module and fake services: the whole
 * lifecycle (scheme registration before ready, sandbox, services, protocols, IPC, window,
 * events, clean quit) without launching Electron.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, describe, it, expect, vi } from 'vitest';
import type { AppServices, EventListener } from '../../../electron/services/app.types.js';

const appPath = path.resolve('/opt/loupe-checkout');

function fakeElectron() {
  const order: string[] = [];
  const appEvents = new EventEmitter();
  const windows: {
    options: Record<string, unknown>;
    loadURL: ReturnType<typeof vi.fn>;
    send: ReturnType<typeof vi.fn>;
  }[] = [];
  const app = {
    on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => {
      order.push('whenReady');
      return Promise.resolve();
    }),
    getPath: vi.fn(() => path.resolve('/home/ana/.config/Loupe')),
    getAppPath: () => appPath,
    isPackaged: false,
    quit: vi.fn(() => {
      appEvents.emit('before-quit', { preventDefault: () => undefined });
    }),
    exit: vi.fn(),
  };
  class BrowserWindow {
    readonly webContents = { send: vi.fn() };
    readonly loadURL = vi.fn(() => Promise.resolve());
    constructor(readonly options: Record<string, unknown>) {
      windows.push({ options, loadURL: this.loadURL, send: this.webContents.send });
    }
    once = vi.fn();
    on = vi.fn();
    isDestroyed = () => false;
  }
  const electron = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    ipcMain: { handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
  };
  return { electron, appEvents, windows, order };
}

function fakeServices() {
  let emit: EventListener | undefined;
  const services = {
    handlers: {} as AppServices['handlers'],
    onEvent: vi.fn((listener: EventListener) => {
      emit = listener;
      return () => undefined;
    }),
    readItemImage: vi.fn(),
    close: vi.fn(() => Promise.resolve()),
  } satisfies AppServices;
  return { services, emit: (...args: Parameters<EventListener>) => emit?.(...args) };
}

async function boot(startServices: (...args: unknown[]) => Promise<AppServices>) {
  const fake = fakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  vi.doMock('../../../electron/services/app.js', () => ({ startServices }));
  await import('../../../electron/main/index.js');
  return fake;
}

const signalListeners = () => ({
  SIGINT: process.listeners('SIGINT'),
  SIGTERM: process.listeners('SIGTERM'),
});
const before = signalListeners();
afterEach(() => {
  // index.ts quits on SIGINT/SIGTERM; do not leave those hooks in the test worker.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  vi.doUnmock('electron');
  vi.doUnmock('../../../electron/services/app.js');
});

describe('electron/main/index.ts', () => {
  it('starts services, registers protocols and IPC, and loads app://loupe in a sandboxed window', async () => {
    const { services, emit } = fakeServices();
    const startServices = vi.fn(() => Promise.resolve(services));
    const { electron, windows, order } = await boot(startServices);
    await vi.waitFor(() => expect(windows[0]?.loadURL).toHaveBeenCalled());

    expect(order.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'whenReady']);
    expect(startServices).toHaveBeenCalledExactlyOnceWith({
      dataDir: path.resolve('/home/ana/.config/Loupe'),
      modelsDir: path.join(appPath, 'models'),
      demoImagesDir: null,
      logger: console,
      pdfRenderer: expect.any(Function),
      // The model runs on worker threads, off the main process's event loop.
      inferenceWorker: path.join(appPath, 'dist', 'worker', 'inference.cjs'),
    });
    expect(electron.protocol.handle.mock.calls.map(([scheme]) => scheme as string).sort()).toEqual([
      'app',
      'loupe-media',
    ]);
    expect(electron.ipcMain.handle).toHaveBeenCalledExactlyOnceWith('loupe:invoke', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();

    const [win] = windows;
    expect(win?.options.webPreferences).toMatchObject({
      preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://loupe/index.html');

    emit('db:changed', { tables: ['items'] });
    expect(win?.send).toHaveBeenCalledWith('loupe:event', 'db:changed', { tables: ['items'] });
  });

  it('closes the services before letting the app quit', async () => {
    const { services } = fakeServices();
    const { electron, windows, appEvents } = await boot(() => Promise.resolve(services));
    await vi.waitFor(() => expect(windows[0]?.loadURL).toHaveBeenCalled());

    const quitEvent = { preventDefault: vi.fn() };
    appEvents.emit('before-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce());
    expect(services.close).toHaveBeenCalledOnce();

    // The quit that follows the close goes through untouched.
    const second = { preventDefault: vi.fn() };
    appEvents.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(services.close).toHaveBeenCalledOnce();
  });

  it('shows the reason and exits non-zero when the services cannot start', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { electron, windows } = await boot(() =>
      Promise.reject(new Error('database is newer than this Loupe')),
    );
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Loupe could not start',
      'database is newer than this Loupe',
    );
    expect(windows).toHaveLength(0);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
