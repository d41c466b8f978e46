import { describe, it, expect } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedIpcSender,
  safeExternalUrl,
  secureWebPreferences,
} from '../../../electron/main/policy.js';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://example.com/',
    'http://example.com/docs?q=1',
    'HTTPS://EXAMPLE.COM',
    'https://[::1]:8443/',
  ])('allows the web link %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://loupe/index.html',
    'loupe-media://item/1',
    'mailto:someone@example.com',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'vbscript:msgbox',
    'https://',
    '//example.com/path',
    'example.com',
    'not a url',
    '',
    undefined,
    42,
    { href: 'https://example.com' },
  ])('refuses %j', (url) => expect(isSafeExternalUrl(url)).toBe(false));

  it('hands back the parsed href, so what is opened is what was checked', () => {
    expect(safeExternalUrl('  https://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeExternalUrl('https://example.com\\@evil.example/')).toBe('https://example.com/@evil.example/');
  });
});

describe('isAppUrl and isTrustedIpcSender', () => {
  it('accepts only app://loupe with no port or credentials', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://loupe/assets/x.js')).toBe(true);
    for (const url of [
      'app://loupe.evil/',
      'app://loupe:1/',
      'app://a:b@loupe/',
      'https://loupe/',
      'app:loupe',
      null,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('trusts a sender only while its frame shows our page', () => {
    expect(isTrustedIpcSender({ senderFrame: { url: 'app://loupe/index.html' } })).toBe(true);
    expect(isTrustedIpcSender({ senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(isTrustedIpcSender({ senderFrame: null })).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('returns the secure defaults with the given preload', () => {
    const prefs = secureWebPreferences({ preload: '/app/dist/electron/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('leaves DevTools to the caller (on in development)', () => {
    expect(secureWebPreferences({ preload: 'p', devTools: true }).devTools).toBe(true);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy: self-only scripts, no framing, media scheme for images', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' loupe-media: data: blob:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
