import { readFile, writeFile } from 'node:fs/promises';
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import type { PdfRenderer } from '../services/reports/pdf.js';

type WindowCtor = new (
  options: BrowserWindowConstructorOptions,
) => Pick<BrowserWindowType, 'loadURL' | 'destroy' | 'webContents'>;

/**
 * Electron's own printToPDF for report exports: an invisible, sandboxed window with scripts
 * off loads the (script-free) report HTML as a data URL — never file:// — and prints it.
 */
export function electronPdfRenderer(BrowserWindow: WindowCtor): PdfRenderer {
  return async (htmlFile, pdfFile) => {
    const html = await readFile(htmlFile);
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webviewTag: false,
      },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8;base64,${html.toString('base64')}`);
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      await writeFile(pdfFile, pdf);
    } finally {
      win.destroy();
    }
  };
}
