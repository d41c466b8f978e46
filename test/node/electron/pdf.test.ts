import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronPdfRenderer } from '../../../electron/main/pdf.js';
import { tempDir } from '../helpers/tmp.js';

function fakeWindow(print: () => Promise<Buffer>) {
  const made: Array<{
    options: unknown;
    loadURL: ReturnType<typeof vi.fn>;
    destroy: ReturnType<typeof vi.fn>;
  }> = [];
  class FakeWindow {
    loadURL = vi.fn(() => Promise.resolve());
    destroy = vi.fn();
    webContents = { printToPDF: vi.fn(print) };
    constructor(readonly options: unknown) {
      made.push(this);
    }
  }
  return { FakeWindow, made };
}

describe('Electron PDF renderer', () => {
  it('prints the report from a data URL in a hidden window with scripts off, then closes it', async () => {
    const dir = tempDir();
    const html = path.join(dir, 'r.html');
    fs.writeFileSync(html, '<h1>report</h1>');
    const { FakeWindow, made } = fakeWindow(() => Promise.resolve(Buffer.from('%PDF-1.7 fake')));
    await electronPdfRenderer(FakeWindow as never)(html, path.join(dir, 'r.pdf'));
    expect(fs.readFileSync(path.join(dir, 'r.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
    expect(made[0]!.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, javascript: false, nodeIntegration: false },
    });
    expect(made[0]!.loadURL.mock.calls[0]![0]).toBe(
      `data:text/html;charset=utf-8;base64,${Buffer.from('<h1>report</h1>').toString('base64')}`,
    );
    expect(made[0]!.destroy).toHaveBeenCalledOnce();
  });

  it('closes the window when printing fails', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'r.html'), 'x');
    const { FakeWindow, made } = fakeWindow(() => Promise.reject(new Error('printer on fire')));
    await expect(
      electronPdfRenderer(FakeWindow as never)(path.join(dir, 'r.html'), path.join(dir, 'r.pdf')),
    ).rejects.toThrow(/printer on fire/);
    expect(made[0]!.destroy).toHaveBeenCalledOnce();
  });
});
