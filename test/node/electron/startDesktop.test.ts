import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
// With a real binary installed, running the script would open the app: only check the offline path.
const binaryInstalled = existsSync(path.join(electronDir, 'path.txt'));

describe('scripts/start-desktop.mjs', () => {
  it.skipIf(binaryInstalled)(
    'explains a missing Electron binary, points to npm run serve, exits non-zero',
    () => {
      const cache = tempDir('loupe-electron-cache-');
      // A dead local mirror and an empty cache make the lazy download fail fast and change nothing.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !/electron_(mirror|override_dist_path|config_cache)/i.test(key),
        ),
      );
      const run = spawnSync(
        process.execPath,
        [path.join(repo, 'scripts', 'start-desktop.mjs'), '--data', cache],
        {
          cwd: repo,
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...env,
            ELECTRON_MIRROR: 'http://127.0.0.1:9/',
            npm_config_electron_mirror: 'http://127.0.0.1:9/',
            electron_config_cache: cache,
          },
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Electron binary is missing');
      expect(run.stderr).toContain('npm run serve');
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stdout).not.toContain('building');
    },
  );
});
