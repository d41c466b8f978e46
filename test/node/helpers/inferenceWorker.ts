import path from 'node:path';
import { build } from 'esbuild';
import { APP_ROOT } from '../../../electron/cli/paths.js';
import { inferenceWorkerBundle } from '../../../scripts/bundles.mjs';

/**
 * Bundles the inference worker from the current sources, as the build does, into
 * node_modules/.cache so its npm imports resolve; returns the script path.
 */
export async function buildInferenceWorker(): Promise<string> {
  const outfile = path.join(APP_ROOT, 'node_modules', '.cache', 'loupe-test', `inference-${process.pid}.cjs`);
  await build({ ...inferenceWorkerBundle, absWorkingDir: APP_ROOT, outfile });
  return outfile;
}
