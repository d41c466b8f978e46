import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM_HEADLESS_FLAGS, findChromium } from '../../electron/services/reports/pdf.js';

/**
 * The Chromium the PDF export would use, headless with the same flags (the build machines have
 * no network). Playwright gives every launch a fresh, empty profile.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      `no usable Chromium${process.env.LOUPE_CHROMIUM ? ` at LOUPE_CHROMIUM=${process.env.LOUPE_CHROMIUM}` : ''}: install it with \`apt-get install -y chromium\` or set LOUPE_CHROMIUM`,
    );
  }
  // QUIC off as well: the page talks to the local server only, over plain HTTP.
  return chromium.launch({ executablePath, args: [...CHROMIUM_HEADLESS_FLAGS, '--disable-quic'] });
}
