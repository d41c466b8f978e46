#!/usr/bin/env node
/**
 * `npm start`: builds when dist/ is missing or older than the sources, then runs the desktop app
 * in Electron with this repository as the app path, forwarding arguments (e.g. `--data DIR`).
 *
 * Electron's binary is downloaded lazily on first use. Where that cannot happen (offline build
 * machines) the user gets one clear message pointing at `npm run serve` instead of a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_OUTPUTS, BUILD_SOURCES } from './bundles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// An inherited ELECTRON_RUN_AS_NODE (set inside some editors' terminals) would run our main
// bundle as a plain Node script instead of opening the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function needsBuild() {
  const built = BUILD_OUTPUTS.map((file) => path.join(root, file));
  if (!built.every((file) => existsSync(file))) return true;
  const oldestOutput = Math.min(...built.map((file) => statSync(file).mtimeMs));
  return BUILD_SOURCES.some((source) => newestMtime(path.join(root, source)) > oldestOutput);
}

/** @returns {never} */
function fail(lines) {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
}

/**
 * `require('electron')` returns the binary's path, downloading it first when missing. It runs in
 * a child process whose output we keep: when the download fails the downloader prints a stack
 * trace, and we want to show the reason in one line instead.
 */
function findElectron() {
  console.log('Locating the Electron binary (downloaded once, on first start)...');
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n@@' + require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  const binary = probe.status === 0 ? probe.stdout.split('\n@@').pop()?.trim() : undefined;
  if (binary && existsSync(binary)) return binary;
  const reason =
    `${probe.stderr ?? ''}\n${probe.error?.message ?? ''}`
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /error|failed|cannot|ENOENT|EACCES/i.test(line) && !line.startsWith('at ')) ??
    'the electron package did not report a usable binary';
  return fail([
    'Loupe cannot start the desktop app: the Electron binary is missing and could not be downloaded.',
    `  reason: ${reason}`,
    '',
    'The same app runs in your browser without Electron:',
    '  npm run serve',
    '',
    'To use the desktop app, run `npm start` again on a machine that can reach the Electron',
    'download servers; the binary is fetched once into node_modules/electron/dist.',
  ]);
}

// Electron first: on a machine that cannot get it, say so before spending time on a build.
const electron = findElectron();

if (needsBuild()) {
  console.log('dist/ is missing or older than the sources: building...');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) fail(['The build failed (see above); not starting the desktop app.']);
  const missing = BUILD_OUTPUTS.filter((file) => !existsSync(path.join(root, file)));
  if (missing.length > 0)
    fail([`The build did not produce ${missing.join(', ')}; not starting the desktop app.`]);
}

const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // Electron quits cleanly on these (closing the database); we wait for it to exit.
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (err) =>
  fail([`Could not run Electron at ${electron}: ${err.message}`, 'Try `npm run serve` instead.']),
);
child.on('exit', (code, signal) => {
  if (signal) console.error(`Electron exited on ${signal}`);
  process.exit(code ?? 1);
});
