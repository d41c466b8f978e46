/**
 * Registers the two custom schemes with Electron. The handlers themselves live in
 * protocolHandlers.ts; Electron's protocol module is injected so this file has no runtime
 * dependency on 'electron'.
 */
import type { Protocol } from 'electron';
import type { AppServices } from '../services/app.types.js';
import type { Logger } from '../services/dispatch.js';
import { APP_ORIGIN, APP_SCHEME, MEDIA_SCHEME } from './policy.js';
import { createAppFileHandler, createMediaHandler } from './protocolHandlers.js';

/**
 * Must run before `app` is ready. `standard` gives the schemes real hosts and relative URL
 * resolution, `secure` makes app://loupe a secure context, `supportFetchAPI` + `corsEnabled`
 * let Vite's `<script type="module" crossorigin>` and `fetch` work, and `codeCache` keeps V8's
 * compiled-code cache for our bundle. No `bypassCSP`: both schemes obey the CSP.
 */
export function registerPrivilegedSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

export type ProtocolOptions = {
  /** The built renderer folder (dist/renderer). */
  rendererDir: string;
  services: Pick<AppServices, 'readItemImage'>;
  logger?: Logger;
};

/** Call after `app.whenReady()`, before the window loads. */
export function registerProtocols(protocol: Pick<Protocol, 'handle'>, options: ProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppFileHandler(options.rendererDir));
  protocol.handle(
    MEDIA_SCHEME,
    createMediaHandler({
      readItemImage: (itemId) => options.services.readItemImage(itemId),
      allowOrigin: APP_ORIGIN,
      logger: options.logger,
    }),
  );
}
