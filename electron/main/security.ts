/**
 * Deny-by-default hooks for every web contents and the session: no navigation away from the
 * app, no new windows, no webviews, no permissions. Electron objects are injected (types only)
 * so the hooks are exercised by unit tests with fakes.
 */
import type { App, Session, Shell, WebContents } from 'electron';
import { isAppUrl, safeExternalUrl } from './policy.js';

type Logger = { warn(message: string): void; error(message: string, err?: unknown): void };

export type SecurityDeps = {
  app: Pick<App, 'on'>;
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >;
  shell: Pick<Shell, 'openExternal'>;
  logger?: Logger;
};

/** A link to documentation or a vendor page opens in the user's browser, never inside the app. */
function openExternally(shell: SecurityDeps['shell'], url: string, logger: Logger): void {
  const href = safeExternalUrl(url);
  if (href === null) {
    logger.warn(`blocked opening ${JSON.stringify(url.slice(0, 200))}`);
    return;
  }
  shell.openExternal(href).catch((err: unknown) => logger.error('could not open external link', err));
}

export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  shell: SecurityDeps['shell'],
  logger: Logger = console,
): void {
  // Covers the main frame and subframes: the page may reload itself, but never leave app://loupe.
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternally(shell, event.url, logger);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(shell, url, logger);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once, before any window exists, so no web contents escapes the hooks. */
export function installSecurity({ app, session, shell, logger = console }: SecurityDeps): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, logger));
  // The station needs no camera, microphone, notifications, geolocation, HID, USB or serial.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
