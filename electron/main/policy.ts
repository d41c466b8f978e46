/**
 * Security policy of the desktop shell as plain data and pure functions: the app origin, the
 * CSP, which URLs may be opened or may call IPC, and the window's webPreferences. Nothing here
 * imports 'electron' at runtime, so the whole policy is unit-tested under plain Node.
 */
import type { WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../server/staticFiles.js';
import { IPC } from '../shared/contract.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'loupe';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const MEDIA_SCHEME = IPC.mediaScheme;
export const MEDIA_HOST = 'item';

/** Sent as a header on every app:// and loupe-media:// response; images also come from the media scheme. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([`${MEDIA_SCHEME}:`]);

/** Parses an untrusted URL; null for anything that is not a non-empty, well-formed URL string. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * True when `url` is exactly `<scheme>://<host>`, with no port or credentials. Compared field by
 * field because Node's URL reports the origin of a non-special scheme such as app: as "null",
 * and credentials or a port would make `app://x@loupe` or `app://loupe:1` look like ours to a
 * prefix check.
 */
export function isPlainUrl(url: URL, scheme: string, host: string): boolean {
  return (
    url.protocol === `${scheme}:` &&
    url.hostname === host &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** True only for URLs of our own renderer. */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return url !== null && isPlainUrl(url, APP_SCHEME, APP_HOST);
}

/**
 * Only web links leave the app, and only after parsing: no file:, javascript:, custom schemes.
 * Returns the parsed, normalised href so what is opened is exactly what was checked.
 */
export function safeExternalUrl(raw: unknown): string | null {
  const url = parseUrl(raw);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
    return null;
  return url.href;
}

export function isSafeExternalUrl(raw: unknown): boolean {
  return safeExternalUrl(raw) !== null;
}

/** The part of an IPC event the sender check needs; Electron's IpcMainInvokeEvent satisfies it. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** A frame that navigated away or was destroyed (senderFrame null) is not trusted either. */
export function isTrustedIpcSender(event: IpcSenderEvent): boolean {
  return isAppUrl(event.senderFrame?.url);
}

export type WindowPolicyOptions = {
  preload: string;
  /** DevTools stay available in development; a packaged station has no use for them. */
  devTools: boolean;
};

export function secureWebPreferences({ preload, devTools }: WindowPolicyOptions): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Dropping an image on the window would otherwise navigate it to file://.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}
