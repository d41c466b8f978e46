/**
 * Desktop entry point (bundled to dist/electron/main.cjs): lifecycle only. Everything that
 * decides something lives in the services or in the small, tested modules beside this one.
 */
import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { startServices } from '../services/app.js';
import type { AppServices } from '../services/app.types.js';
import { forwardEvents, registerIpc } from './ipc.js';
import { resolveAppPaths } from './paths.js';
import { electronPdfRenderer } from './pdf.js';
import { isTrustedIpcSender } from './policy.js';
import { registerPrivilegedSchemes, registerProtocols } from './protocol.js';
import { installSecurity } from './security.js';
import { createMainWindow, loadRenderer } from './window.js';

/** Closing flushes SQLite and stops the hot folder; a hung close must not keep a zombie app. */
const CLOSE_TIMEOUT_MS = 10_000;

// Both must happen before `ready`: scheme privileges are fixed at startup, and the sandbox then
// applies to every renderer, including any the app might create later.
registerPrivilegedSchemes(protocol);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let starting: Promise<AppServices> | null = null;
let shutdown: Promise<void> | null = null;
let shutdownDone = false;

function closeServices(): Promise<void> {
  if (starting === null) return Promise.resolve();
  const pending = starting;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      console.error(`services did not close within ${CLOSE_TIMEOUT_MS} ms; quitting anyway`);
      resolve();
    }, CLOSE_TIMEOUT_MS);
    pending
      // A start that failed left nothing open; its error was reported by fail().
      .then(
        (services) => services.close(),
        () => undefined,
      )
      .catch((err: unknown) => console.error('closing services failed', err))
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error('Loupe could not start', err);
  dialog.showErrorBox('Loupe could not start', message);
  void closeServices().finally(() => app.exit(1));
}

async function main(): Promise<void> {
  const paths = resolveAppPaths({
    app,
    argv: process.argv,
    resourcesPath: process.resourcesPath,
    cwd: process.cwd(),
  });
  await app.whenReady();
  installSecurity({ app, session: session.defaultSession, shell });

  const pending: Promise<AppServices> = startServices({
    dataDir: paths.dataDir,
    modelsDir: paths.modelsDir,
    // A checkout without demo images simply starts empty.
    demoImagesDir: existsSync(paths.demoImagesDir) ? paths.demoImagesDir : null,
    logger: console,
    pdfRenderer: electronPdfRenderer(BrowserWindow),
    inferenceWorker: paths.inferenceWorker,
  });
  starting = pending;
  const services = await pending;
  if (shutdown !== null) return;

  registerProtocols(protocol, { rendererDir: paths.rendererDir, services, logger: console });
  registerIpc(ipcMain, services.handlers, isTrustedIpcSender, console);

  const win = createMainWindow({ preload: paths.preload, devTools: !app.isPackaged });
  mainWindow = win;
  const stopEvents = forwardEvents(services, (channel, event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, event, payload);
  });
  win.on('closed', () => {
    stopEvents();
    mainWindow = null;
  });
  await loadRenderer(win);
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one database would import the hot folder twice; hand over to the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // One station window: closing it ends the session on every platform, so the database closes.
  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (shutdownDone || starting === null) return;
    event.preventDefault();
    shutdown ??= closeServices().finally(() => {
      shutdownDone = true;
      app.quit();
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  main().catch(fail);
}
