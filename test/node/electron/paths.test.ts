import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseDataArg, resolveAppPaths } from '../../../electron/main/paths.js';
import type { PathEnv } from '../../../electron/main/paths.js';

const root = path.resolve('/opt/loupe');

function env(overrides: { argv?: string[]; isPackaged?: boolean } = {}): PathEnv {
  const appPath = overrides.isPackaged ? path.join(root, 'resources', 'app.asar') : root;
  return {
    app: {
      getAppPath: () => appPath,
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
        return path.resolve('/home/ana/.config/Loupe');
      },
      isPackaged: overrides.isPackaged ?? false,
    },
    argv: overrides.argv ?? ['/usr/bin/electron', root],
    resourcesPath: path.join(root, 'resources'),
    cwd: path.resolve('/work/station'),
  };
}

describe('parseDataArg', () => {
  it('reads --data DIR and --data=DIR, and nothing otherwise', () => {
    expect(parseDataArg(['electron', '.', '--data', 'tmp/a'])).toBe('tmp/a');
    expect(parseDataArg(['electron', '.', '--data=/srv/loupe'])).toBe('/srv/loupe');
    expect(parseDataArg(['electron', '.', '--database', 'x'])).toBeUndefined();
    expect(parseDataArg(['electron', '.'])).toBeUndefined();
  });

  it('refuses a --data flag without a folder instead of silently using the default', () => {
    expect(() => parseDataArg(['electron', '.', '--data'])).toThrow(/--data needs a folder/);
    expect(() => parseDataArg(['electron', '.', '--data', '--inspect'])).toThrow(/--data needs a folder/);
    expect(() => parseDataArg(['electron', '.', '--data='])).toThrow(/--data needs a folder/);
  });
});

describe('resolveAppPaths', () => {
  it('uses userData by default and the checkout for models and demo images in development', () => {
    expect(resolveAppPaths(env())).toEqual({
      dataDir: path.resolve('/home/ana/.config/Loupe'),
      modelsDir: path.join(root, 'models'),
      demoImagesDir: path.join(root, 'demo', 'images'),
      rendererDir: path.join(root, 'dist', 'renderer'),
      preload: path.join(root, 'dist', 'electron', 'preload.cjs'),
      inferenceWorker: path.join(root, 'dist', 'worker', 'inference.cjs'),
    });
  });

  it('resolves a relative --data against the working directory', () => {
    expect(resolveAppPaths(env({ argv: ['electron', root, '--data', 'run1'] })).dataDir).toBe(
      path.resolve('/work/station/run1'),
    );
  });

  it('reads models and demo images from resources/ when packaged, the renderer from app.asar', () => {
    const paths = resolveAppPaths(env({ isPackaged: true, argv: ['/opt/loupe/loupe', '--data=/srv/loupe'] }));
    expect(paths.dataDir).toBe(path.resolve('/srv/loupe'));
    expect(paths.modelsDir).toBe(path.join(root, 'resources', 'models'));
    expect(paths.demoImagesDir).toBe(path.join(root, 'resources', 'demo', 'images'));
    expect(paths.rendererDir).toBe(path.join(root, 'resources', 'app.asar', 'dist', 'renderer'));
    expect(paths.preload).toBe(path.join(root, 'resources', 'app.asar', 'dist', 'electron', 'preload.cjs'));
    expect(paths.inferenceWorker).toBe(
      path.join(root, 'resources', 'app.asar', 'dist', 'worker', 'inference.cjs'),
    );
  });
});
