import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { stopAllServers } from './serveProcess.js';

/**
 * One browser for the test file, and every `loupe serve` a test started stopped after it, even
 * when it failed or returned early. Kept out of serveProcess.ts, which the benchmarks import
 * outside vitest. Returns a getter: the browser exists only once the before-all hook has run.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(stopAllServers);
  afterAll(async () => {
    await stopAllServers();
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running: call useBrowser() at the top of the file');
    return browser;
  };
}
