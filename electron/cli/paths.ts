import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout or install root: both this source file and its bundle (dist/node/cli.js) sit
 * two folders below it.
 */
export const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MODELS_DIR = path.join(APP_ROOT, 'models');
export const DEMO_IMAGES_DIR = path.join(APP_ROOT, 'demo', 'images');
export const RENDERER_DIR = path.join(APP_ROOT, 'dist', 'renderer');
/** The bundled inference worker thread (scripts/build.mjs). */
export const INFERENCE_WORKER = path.join(APP_ROOT, 'dist', 'worker', 'inference.cjs');

/** The per-user data folder, the same one Electron's `userData` gives the desktop app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Loupe');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Loupe');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Loupe');
}
