import fs from 'node:fs';
import path from 'node:path';
import { startServices } from '../../../electron/services/app.js';
import type { RunningServices } from '../../../electron/services/app.js';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { makeImage, tempDir } from './tmp.js';

export const quietLogger = { info: () => {}, error: () => {} };

/** A folder of `count` distinct small JPEGs. */
export async function imageFolder(count: number, startSeed = 100): Promise<string> {
  const dir = tempDir('loupe-images-');
  for (let i = 0; i < count; i++) {
    fs.writeFileSync(
      path.join(dir, `img-${String(i).padStart(3, '0')}.jpg`),
      await makeImage('jpeg', startSeed + i, 160, 120),
    );
  }
  return dir;
}

/** Real services (real SQLite file, real ONNX model) on a fresh data folder. */
export async function startTestServices(
  options: { dataDir?: string; demoImagesDir?: string | null; modelsDir?: string; modelId?: string } = {},
): Promise<RunningServices> {
  return startServices({
    dataDir: options.dataDir ?? tempDir('loupe-data-'),
    modelsDir: options.modelsDir ?? MODELS_DIR,
    demoImagesDir: options.demoImagesDir ?? null,
    modelId: options.modelId,
    station: 'test-station',
    logger: quietLogger,
  });
}
