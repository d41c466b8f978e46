import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SUPPORTED_EXTENSIONS } from '../imaging/decode.js';

/** Image formats a camera might write that Loupe does not read: quarantined, not ignored. */
const UNSUPPORTED_IMAGE_EXTENSIONS = new Set([
  '.gif',
  '.webp',
  '.heic',
  '.heif',
  '.avif',
  '.jp2',
  '.j2k',
  '.jxl',
  '.pgm',
  '.ppm',
  '.pnm',
  '.pbm',
  '.raw',
  '.dng',
  '.ico',
  '.svg',
  '.psd',
  '.exr',
  '.hdr',
]);

/** Quarantine reason for an image format Loupe does not read. */
export const UNSUPPORTED_REASON = 'unsupported format; supported: JPEG, PNG, BMP, TIFF';

export type ScannedFile = { path: string; kind: 'candidate' | 'unsupported' };

export function classifyFile(name: string): ScannedFile['kind'] | null {
  const ext = path.extname(name).toLowerCase();
  if ((SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) return 'candidate';
  if (UNSUPPORTED_IMAGE_EXTENSIONS.has(ext)) return 'unsupported';
  return null;
}

/**
 * Lists image files under `root`, recursively, in a stable order. Hidden entries are skipped,
 * symlinked folders are followed once (a link back up the tree cannot loop), and a folder
 * that cannot be read is reported rather than aborting the whole scan.
 */
export async function scanFolder(
  root: string,
  onUnreadable: (folder: string, reason: string) => void = () => {},
): Promise<ScannedFile[]> {
  const out: ScannedFile[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await fs.realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      if (dir === root) throw new Error(`cannot read folder ${root} (${code})`);
      onUnreadable(dir, code);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => null);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await walk(full);
      else if (isFile) {
        const kind = classifyFile(entry.name);
        if (kind) out.push({ path: full, kind });
      }
    }
  };
  await walk(root);
  return out;
}
