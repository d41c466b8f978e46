// esbuild options and output paths shared by the build (scripts/build.mjs), the launchers
// (bin/loupe.js, scripts/start-desktop.mjs) and tests that need a bundle of their own, so all
// of them agree on what gets built and where.

/** Where each build output lands, relative to the repository root. */
export const OUTPUT = {
  cli: 'dist/node/cli.js',
  electronMain: 'dist/electron/main.cjs',
  preload: 'dist/electron/preload.cjs',
  inferenceWorker: 'dist/worker/inference.cjs',
  // Written by vite (vite.config.ts outDir), not by esbuild.
  renderer: 'dist/renderer/index.html',
};

/** Every file `node scripts/build.mjs` produces; a launcher rebuilds when any is missing. */
export const BUILD_OUTPUTS = Object.values(OUTPUT);

/** Files and folders (relative to the root) whose change makes the outputs stale. */
export const BUILD_SOURCES = [
  'electron',
  'renderer',
  'db',
  'package.json',
  'scripts/build.mjs',
  'scripts/bundles.mjs',
  'vite.config.ts',
  'tsconfig.base.json',
];

/** Options every Node-side bundle uses. */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
};

/** The inference worker thread: CommonJS, so both the ESM CLI and Electron's CJS main can start it. */
export const inferenceWorkerBundle = {
  ...nodeBundle,
  entryPoints: ['electron/services/inference/inferenceWorker.ts'],
  format: 'cjs',
  // Native modules (onnxruntime, sharp) cannot be bundled; they load from node_modules.
  packages: 'external',
};
