import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { APP_ROOT } from '../../../electron/cli/paths.js';

export type LoupeRunOptions = {
  /** Added to (or overriding) this process's environment. */
  env?: Record<string, string>;
  /** Milliseconds before the command is killed; 120 s unless given. */
  timeout?: number;
  /** Written to the command's stdin. */
  input?: string;
};

/**
 * Runs the real `loupe` command (bin/loupe.js, as a user would) from the app root. No vitest
 * import, so it works from the e2e setup and outside tests too.
 */
export function runLoupe(args: readonly string[], options: LoupeRunOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'loupe.js'), ...args], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    env: { ...process.env, ...options.env },
    input: options.input,
  });
}

/** Runs `loupe` for setup; throws with its output when it fails, else returns its stdout. */
export function loupeOk(args: readonly string[], options: LoupeRunOptions = {}): string {
  const run = runLoupe(args, options);
  if (run.status !== 0) {
    const why = run.error ? ` ${run.error.message}` : '';
    throw new Error(`loupe ${args.join(' ')} failed (${run.status}${why}):\n${run.stdout}\n${run.stderr}`);
  }
  return run.stdout;
}
