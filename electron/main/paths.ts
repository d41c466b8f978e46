/**
 * Where the desktop app keeps its data and finds its bundled resources. Electron's `app` is
 * injected (types only) so the rules are unit-tested without Electron.
 */
import path from 'node:path';
import type { App } from 'electron';

export type AppPaths = {
  dataDir: string;
  modelsDir: string;
  demoImagesDir: string;
  /** The built renderer served over app://loupe. */
  rendererDir: string;
  preload: string;
  /** The bundled inference worker thread; Electron loads workers from inside app.asar. */
  inferenceWorker: string;
};

export type PathEnv = {
  app: Pick<App, 'getPath' | 'getAppPath' | 'isPackaged'>;
  argv: readonly string[];
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  cwd: string;
};

/**
 * Reads `--data DIR` or `--data=DIR`; undefined when absent. A flag without a value is an error
 * rather than a silent fallback to the default data dir, which would mix a test run's decisions
 * into the station's real history.
 */
export function parseDataArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data') {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new Error('--data needs a folder, e.g. --data ./station-data');
      }
      return value;
    }
    if (arg?.startsWith('--data=')) {
      const value = arg.slice('--data='.length);
      if (value === '') throw new Error('--data needs a folder, e.g. --data=./station-data');
      return value;
    }
  }
  return undefined;
}

export function resolveAppPaths({ app, argv, resourcesPath, cwd }: PathEnv): AppPaths {
  const appPath = app.getAppPath();
  const dataArg = parseDataArg(argv);
  // Packaged builds ship models and demo images beside app.asar (extraResources), not inside it:
  // onnxruntime and sharp read them with plain file APIs.
  const resourceRoot = app.isPackaged ? resourcesPath : appPath;
  return {
    dataDir: dataArg === undefined ? app.getPath('userData') : path.resolve(cwd, dataArg),
    modelsDir: path.join(resourceRoot, 'models'),
    demoImagesDir: path.join(resourceRoot, 'demo', 'images'),
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    inferenceWorker: path.join(appPath, 'dist', 'worker', 'inference.cjs'),
  };
}
