// Runs a TypeScript entry point (a benchmark or a tool) under plain Node: bundles it with
// esbuild into dist/run/, keeping npm packages external, then imports it with the given args.
// Usage: node scripts/run-ts.mjs bench/inference.ts [args...]
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBundle } from './bundles.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = path.join(root, 'dist', 'run', `${path.basename(entry, '.ts')}.mjs`);
await build({
  ...nodeBundle,
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  format: 'esm',
  packages: 'external',
  sourcemap: 'inline',
});
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
