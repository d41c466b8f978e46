import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const CHROMIUM = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's chromium, headless, with no background traffic (the build machines have no network).
 * Playwright gives every launch a fresh, empty profile.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: install it with \`apt-get install -y chromium\` or set LOUPE_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
