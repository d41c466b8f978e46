import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChannelOutput } from '../../shared/contract.js';
import { invalid } from '../errors.js';
import { classifyFile } from './scan.js';

/** Checks a folder path typed or picked by the user and returns it normalised. */
export async function requireFolder(input: string): Promise<string> {
  if (input.includes('\0')) throw invalid('folder path contains a NUL character');
  if (!path.isAbsolute(input)) throw invalid(`folder path must be absolute: ${input}`);
  const folder = path.resolve(input);
  let stat;
  try {
    stat = await fs.stat(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw invalid(code === 'ENOENT' ? `folder not found: ${folder}` : `cannot open ${folder} (${code})`);
  }
  if (!stat.isDirectory()) throw invalid(`not a folder: ${folder}`);
  return folder;
}

/** One level of the folder browser used by "Import folder" and the hot-folder setting. */
export async function listFolders(input: string | null): Promise<ChannelOutput<'ingest:listFolders'>> {
  const folder = await requireFolder(input ?? os.homedir());
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (err) {
    throw invalid(`cannot list ${folder} (${(err as NodeJS.ErrnoException).code})`);
  }
  const folders: Array<{ name: string; path: string }> = [];
  let imageCount = 0;
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (
      e.isDirectory() ||
      (e.isSymbolicLink() && (await fs.stat(path.join(folder, e.name)).catch(() => null))?.isDirectory())
    ) {
      folders.push({ name: e.name, path: path.join(folder, e.name) });
    } else if (classifyFile(e.name) === 'candidate') imageCount++;
  }
  folders.sort((a, b) => a.name.localeCompare(b.name));
  const parent = path.dirname(folder);
  return { path: folder, parent: parent === folder ? null : parent, folders, imageCount };
}
