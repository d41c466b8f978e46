#!/usr/bin/env node
// The `loupe` command. Builds the app on first use when the install step did not (for example
// after `npm install --ignore-scripts`), then hands over to the bundled CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_OUTPUTS, OUTPUT } from '../scripts/bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The same list npm start checks, so neither launcher runs a half-built dist/.
if (BUILD_OUTPUTS.some((file) => !existsSync(path.join(root, file)))) {
  console.error('loupe: first start, building the app…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(path.join(root, OUTPUT.cli)).href);
