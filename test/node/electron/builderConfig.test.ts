import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it, expect } from 'vitest';

// electron-builder's own YAML parser, validator and glob matcher, resolved from app-builder-lib
// so the test reads the file exactly as packaging will. All offline.
const requireHere = createRequire(import.meta.url);
const requireBuilder = createRequire(requireHere.resolve('app-builder-lib/package.json'));
const yaml = requireBuilder('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = requireBuilder('./out/util/config/config') as {
  validateConfiguration: (config: unknown, debugLogger: { isEnabled: boolean; add(): void }) => Promise<void>;
};
const { minimatch } = requireBuilder('minimatch') as {
  minimatch: (file: string, pattern: string, options: { dot: boolean }) => boolean;
};

type BuilderConfig = {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  directories: { output: string };
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
};

const repo = path.resolve(import.meta.dirname, '../../..');
const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const noDebug = { isEnabled: false, add: () => undefined };

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(repo, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(repo, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation offline', async () => {
    await expect(validateConfiguration(config, noDebug)).resolves.toBeUndefined();
  });

  it('would be caught by the validator if a key were misspelt (the check is not a no-op)', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, noDebug)).rejects.toThrow(/electronFuses/);
  });

  it('identifies the app and ships dist/ with package.json, installers going outside dist/', () => {
    expect(config.appId).toBe('org.loupe.station');
    expect(config.productName).toBe('Loupe');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.directories.output).not.toMatch(/^dist\b/);
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files.some((pattern) => minimatch(pkg.main, pattern, { dot: true }))).toBe(true);
  });

  it('burns the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('unpacks every native binary of better-sqlite3, onnxruntime-node and sharp from the asar', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    const native = [
      'node_modules/onnxruntime-node/bin',
      'node_modules/@img',
      'node_modules/better-sqlite3/build',
    ]
      .flatMap(filesUnder)
      .filter((file) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(file));
    expect(native.length).toBeGreaterThan(2);
    const packed = native.filter(
      (file) => !config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true })),
    );
    expect(packed).toEqual([]);
  });

  it('ships models and demo images as resources and rebuilds natives for Electron only when packaging', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'models', to: 'models' }),
        expect.objectContaining({ from: 'demo/images', to: 'demo/images' }),
      ]),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('targets AppImage and deb, nsis and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });
});
