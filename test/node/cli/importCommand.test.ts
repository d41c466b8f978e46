import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runLoupe } from '../helpers/cli.js';
import { imageFolder } from '../helpers/services.js';
import { tempDir } from '../helpers/tmp.js';

const loupe = (...args: string[]) => runLoupe(args);

describe('loupe import', () => {
  it('imports a folder, scores it, and prints each quarantined file with its reason', async () => {
    const folder = await imageFolder(4);
    fs.writeFileSync(path.join(folder, 'zero.jpg'), '');
    fs.writeFileSync(path.join(folder, 'readme.png'), 'not an image');
    const dataDir = path.join(tempDir(), 'fresh');
    const run = loupe('import', '--images', folder, '--data', dataDir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported 6 files .*: 4 added, 0 already known, 2 quarantined/);
    expect(run.stdout).toMatch(/quarantined: .*zero\.jpg: empty file/);
    expect(run.stdout).toMatch(/quarantined: .*readme\.png: not an image/);
    expect(run.stderr).toMatch(/importing \d+\/6/);

    const db = new Database(path.join(dataDir, 'loupe.db'), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM items WHERE status = 'predicted'").get()).toEqual({ n: 4 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM predictions').get()).toEqual({ n: 4 });
    db.close();

    const again = loupe('import', '--images', folder, '--data', dataDir);
    expect(again.stdout).toMatch(/0 added, 6 already known, 0 quarantined/);
  });

  it('explains bad usage and a missing folder', () => {
    const missing = loupe('import', '--images', '/no/such/folder', '--data', tempDir());
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/folder not found: \/no\/such\/folder/);
    const noArg = loupe('import');
    expect(noArg.status).toBe(2);
    expect(noArg.stderr).toMatch(/import needs --images DIR/);
    expect(loupe('frobnicate').stderr).toMatch(/unknown command "frobnicate"/);
    expect(loupe('serve', '--port', 'abc').stderr).toMatch(/--port must be/);
  });
});
