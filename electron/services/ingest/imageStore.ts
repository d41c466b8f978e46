import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const EXTENSION: Record<string, string> = { jpeg: 'jpg', png: 'png', bmp: 'bmp', tiff: 'tif' };

/**
 * Content-addressed copy of every accepted image inside the data folder. The station keeps the
 * exact bytes an inspector decided on, so a report can always be traced to its image even
 * after the camera folder is cleaned up.
 */
export class ImageStore {
  constructor(private readonly dataDir: string) {}

  relativePath(sha256: string, format: string): string {
    return path.posix.join('images', sha256.slice(0, 2), `${sha256}.${EXTENSION[format] ?? 'bin'}`);
  }

  absolute(relative: string): string {
    const full = path.resolve(this.dataDir, relative);
    if (!full.startsWith(path.resolve(this.dataDir) + path.sep))
      throw new Error(`path escapes the data folder: ${relative}`);
    return full;
  }

  /** Writes atomically (temp file + rename) so a crash never leaves a half image under its final name. */
  async put(sha256: string, format: string, data: Buffer): Promise<string> {
    const relative = this.relativePath(sha256, format);
    const target = this.absolute(relative);
    try {
      const existing = await fs.stat(target);
      if (existing.size === data.length) return relative;
    } catch {
      // not stored yet
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    return relative;
  }

  read(relative: string): Promise<Buffer> {
    return fs.readFile(this.absolute(relative));
  }
}
