// esbuild options shared by the build (scripts/build.mjs) and tests that need a bundle of
// their own, so both produce the same code.

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
