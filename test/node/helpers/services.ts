import fs from 'node:fs';
import path from 'node:path';
import { startServices } from '../../../electron/services/app.js';
import type { RunningServices } from '../../../electron/services/app.js';
import { afterAll, onTestFinished } from 'vitest';
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

const suiteLevel: RunningServices[] = [];

/**
 * Real services (real SQLite file, real ONNX model) on a fresh data folder, closed after the
 * current test (or the file, from a before-all hook). Closing is idempotent, so a test may
 * close them itself, e.g. to restart on the same data folder.
 */
export async function startTestServices(
  options: { dataDir?: string; demoImagesDir?: string | null; modelsDir?: string; modelId?: string } = {},
): Promise<RunningServices> {
  const services = await startServices({
    dataDir: options.dataDir ?? tempDir('loupe-data-'),
    modelsDir: options.modelsDir ?? MODELS_DIR,
    demoImagesDir: options.demoImagesDir ?? null,
    modelId: options.modelId,
    station: 'test-station',
    logger: quietLogger,
  });
  const close = services.close.bind(services);
  let closed: Promise<void> | undefined;
  services.close = () => (closed ??= close());
  // Registered after tempDir's removal of the data folder, so it runs before it (hooks unwind).
  try {
    onTestFinished(() => services.close());
  } catch {
    suiteLevel.push(services);
  }
  return services;
}

// Registered after tmp.ts's own afterAll (it is imported first), so services close before
// their folders are removed, and after a test file's own afterAll that closes them itself.
afterAll(async () => {
  await Promise.all(suiteLevel.splice(0).map((s) => s.close()));
});
