// Builds everything the app runs from: the CLI/server bundle, the inference worker, the Electron
// main and preload bundles, and the renderer. Runs on `npm install` (prepare), `npm test` and first start.
// Usage: node scripts/build.mjs [--skip-renderer]
import { build as esbuild } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTPUT, inferenceWorkerBundle, nodeBundle } from './bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const skipRenderer = process.argv.includes('--skip-renderer');
const started = Date.now();

const common = { ...nodeBundle, absWorkingDir: root, sourcemap: 'linked' };

rmSync(new URL('../dist/node', import.meta.url), { recursive: true, force: true });
rmSync(new URL('../dist/electron', import.meta.url), { recursive: true, force: true });
rmSync(new URL('../dist/worker', import.meta.url), { recursive: true, force: true });

await Promise.all([
  // Dependencies stay in node_modules: native modules (better-sqlite3, onnxruntime, sharp) cannot be bundled.
  esbuild({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: OUTPUT.cli,
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: OUTPUT.electronMain,
    format: 'cjs',
    packages: 'external',
  }),
  // Inference worker threads, started by both the CLI/server and the Electron main process.
  esbuild({ ...common, ...inferenceWorkerBundle, outfile: OUTPUT.inferenceWorker }),
  // A sandboxed preload cannot require npm packages: everything but electron is bundled in.
  esbuild({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: OUTPUT.preload,
    format: 'cjs',
    external: ['electron'],
    minify: true,
  }),
]);

if (!skipRenderer) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
console.error(`loupe: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
