import fs from 'node:fs';
import path from 'node:path';

export type LabelledImage = { file: string; trueClass: string; maskFile: string | null };

/**
 * Reads a folder in the Magnetic Tile dataset's layout: `MT_<Class>/Imgs/<name>.jpg` with the
 * pixel mask `<name>.png` beside it. `MT_Free` is the OK class; other folder names give the
 * defect class in lower case.
 */
export function readDatasetLayout(root: string, okFolder = 'Free'): LabelledImage[] {
  const out: LabelledImage[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const match = /^MT_(.+)$/.exec(entry.name);
    if (!entry.isDirectory() || !match) continue;
    const trueClass = match[1] === okFolder ? 'ok' : match[1]!.toLowerCase();
    const imgs = path.join(root, entry.name, 'Imgs');
    if (!fs.existsSync(imgs)) continue;
    for (const name of fs.readdirSync(imgs).sort()) {
      if (!/\.jpe?g$/i.test(name)) continue;
      const mask = path.join(imgs, name.replace(/\.jpe?g$/i, '.png'));
      out.push({
        file: path.posix.join(entry.name, 'Imgs', name),
        trueClass,
        maskFile: fs.existsSync(mask) ? path.relative(root, mask).split(path.sep).join('/') : null,
      });
    }
  }
  if (out.length === 0)
    throw new Error(`no images in the dataset layout (MT_<Class>/Imgs/*.jpg) under ${root}`);
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}
