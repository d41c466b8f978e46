#!/usr/bin/env node
// The `loupe` command. Builds the app on first use when the install step did not (for example
// after `npm install --ignore-scripts`), then hands over to the bundled CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = new URL('../dist/node/cli.js', import.meta.url);
const built = ['../dist/node/cli.js', '../dist/worker/inference.cjs', '../dist/renderer/index.html'];
if (built.some((file) => !existsSync(fileURLToPath(new URL(file, import.meta.url))))) {
  console.error('loupe: first start, building the app…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(cli.href);
