import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServiceError } from '../errors.js';

/** Turns a self-contained HTML file into a PDF. The desktop app passes Electron's printToPDF. */
export type PdfRenderer = (htmlFile: string, pdfFile: string) => Promise<void>;

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * Headless, no sandbox (containers), and no background traffic (plant networks are often
 * offline). The e2e browser (test/e2e/browser.ts) launches with the same flags.
 */
export const CHROMIUM_HEADLESS_FLAGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** LOUPE_CHROMIUM if it exists, else the first installed of the usual locations, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const wanted = env.LOUPE_CHROMIUM;
  if (wanted) return fs.existsSync(wanted) ? wanted : null;
  return CANDIDATES.find((c) => fs.existsSync(c)) ?? null;
}

/** Headless Chromium's own print-to-PDF: serve mode and the CLI, where there is no Electron. */
export const chromiumPdf: PdfRenderer = async (htmlFile, pdfFile) => {
  const chromium = findChromium();
  if (!chromium)
    throw new ServiceError(
      'internal',
      'PDF export needs Chromium (install it, or set LOUPE_CHROMIUM); the HTML export has the same content',
    );
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-pdf-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          ...CHROMIUM_HEADLESS_FLAGS,
          '--no-pdf-header-footer',
          `--user-data-dir=${profile}`,
          `--print-to-pdf=${pdfFile}`,
          pathToFileURL(htmlFile).href,
        ],
        { timeout: 120_000 },
        (err, _stdout, stderr) =>
          err
            ? reject(
                new Error(
                  `chromium could not print the report: ${String(stderr).split('\n').slice(-3).join(' ')}`,
                ),
              )
            : resolve(),
      );
    });
    if (!fs.existsSync(pdfFile)) throw new Error('chromium finished without writing the PDF');
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
};
