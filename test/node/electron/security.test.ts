import { describe, it, expect, vi } from 'vitest';
import { installSecurity } from '../../../electron/main/security.js';
import type { SecurityDeps } from '../../../electron/main/security.js';

type Handler = (...args: unknown[]) => unknown;

/** Fakes for app, session, shell and one web contents, recording what the hooks registered. */
function setup(openExternal = vi.fn(() => Promise.resolve())) {
  const appListeners = new Map<string, Handler>();
  const sessionHandlers: Record<string, Handler> = {};
  const contentsListeners = new Map<string, Handler>();
  let windowOpenHandler: Handler | undefined;
  const contents = {
    on: (event: string, listener: Handler) => {
      contentsListeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: Handler) => {
      windowOpenHandler = handler;
    },
  };
  const logger = { warn: vi.fn(), error: vi.fn() };
  const deps = {
    app: { on: (event: string, listener: Handler) => void appListeners.set(event, listener) },
    session: {
      setPermissionRequestHandler: (h: Handler) => void (sessionHandlers.request = h),
      setPermissionCheckHandler: (h: Handler) => void (sessionHandlers.check = h),
      setDevicePermissionHandler: (h: Handler) => void (sessionHandlers.device = h),
    },
    shell: { openExternal },
    logger,
  } as unknown as SecurityDeps;
  installSecurity(deps);
  appListeners.get('web-contents-created')?.({}, contents);

  const navigate = (event: string, url: string) => {
    const details = { url, preventDefault: vi.fn() };
    contentsListeners.get(event)?.(details);
    return details.preventDefault;
  };
  const openWindow = (url: string) => windowOpenHandler?.({ url, frameName: '', features: '' });
  return { sessionHandlers, contentsListeners, navigate, openWindow, openExternal, logger };
}

describe('installSecurity', () => {
  it('hooks every web contents as it is created', () => {
    const { contentsListeners, openWindow } = setup();
    expect([...contentsListeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-redirect',
    ]);
    expect(openWindow('app://loupe/index.html')).toEqual({ action: 'deny' });
  });

  it('lets the page reload itself but blocks navigation anywhere else', () => {
    const { navigate, openExternal } = setup();
    expect(navigate('will-frame-navigate', 'app://loupe/index.html')).not.toHaveBeenCalled();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/',
      'javascript:alert(1)',
    ]) {
      expect(navigate('will-frame-navigate', url), url).toHaveBeenCalledOnce();
    }
    // A plain web link the user clicked opens in the browser; nothing else is handed to the OS.
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://evil.example/');
    expect(navigate('will-redirect', 'https://evil.example/')).toHaveBeenCalledOnce();
  });

  it('denies every new window, opening only http(s) links externally', () => {
    const { openWindow, openExternal, logger } = setup();
    expect(openWindow('https://example.com/help')).toEqual({ action: 'deny' });
    expect(openWindow('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(openWindow('smb://attacker/share')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/help');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('reports a failing openExternal instead of leaving an unhandled rejection', async () => {
    const { openWindow, logger } = setup(vi.fn(() => Promise.reject(new Error('no browser'))));
    openWindow('https://example.com/');
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledOnce());
  });

  it('refuses to attach webviews', () => {
    const { contentsListeners } = setup();
    const preventDefault = vi.fn();
    contentsListeners.get('will-attach-webview')?.({ preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every permission request, check and device', () => {
    const { sessionHandlers } = setup();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      sessionHandlers.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(sessionHandlers.check?.(null, permission, 'app://loupe', {})).toBe(false);
    }
    expect(sessionHandlers.device?.({ deviceType: 'usb', origin: 'app://loupe' })).toBe(false);
  });
});
