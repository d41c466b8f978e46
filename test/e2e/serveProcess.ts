import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { APP_ROOT } from '../../electron/cli/paths.js';

const running = new Set<ChildProcess>();

/** Stops every server this test file started, also those a failed test left behind. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      return done();
    }
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      running.delete(child);
      done();
    });
    child.kill('SIGTERM');
  });
}

export type ServeHandle = {
  url: string;
  origin: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

/** Starts `loupe serve` as a user would (the real bin script) and waits for its address. */
export function startServe(args: string[]): Promise<ServeHandle> {
  const child = spawn(
    process.execPath,
    [path.join(APP_ROOT, 'bin', 'loupe.js'), 'serve', '--port', '0', ...args],
    {
      cwd: APP_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`loupe serve printed no address within 60 s:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Loupe is serving at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1]!;
      resolve({
        url,
        origin: new URL(url).origin,
        process: child,
        output: () => output,
        stop: () => stopChild(child),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loupe serve exited with ${code}:\n${output}`));
    });
  });
}
