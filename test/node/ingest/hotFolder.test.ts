import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HotFolderWatcher } from '../../../electron/services/ingest/hotFolder.js';
import { makeImage, tempDir } from '../helpers/tmp.js';

function watcher() {
  const ingested: string[] = [];
  const w = new HotFolderWatcher({
    ingest: (file) => {
      ingested.push(path.basename(file));
      return Promise.resolve();
    },
    log: () => {},
    onStateChange: () => {},
    pollMs: 60_000,
  });
  return { w, ingested };
}

describe('hot folder', () => {
  it('ingests a file only once it has stopped changing, and only once', async () => {
    const dir = tempDir();
    const { w, ingested } = watcher();
    await w.setPath(dir);
    expect(w.current).toEqual({ path: dir, active: true, error: null });

    const img = await makeImage('jpeg', 4);
    const file = path.join(dir, 'frame-001.jpg');
    fs.writeFileSync(file, img.subarray(0, 100));
    await w.pollOnce();
    expect(ingested).toEqual([]);
    fs.appendFileSync(file, img.subarray(100));
    await w.pollOnce();
    expect(ingested).toEqual([]);
    await w.pollOnce();
    expect(ingested).toEqual(['frame-001.jpg']);
    await w.pollOnce();
    expect(ingested).toEqual(['frame-001.jpg']);
    await w.stop();
  });

  it('reports a missing folder and picks it up when it appears', async () => {
    const dir = path.join(tempDir(), 'camera');
    const { w, ingested } = watcher();
    await w.setPath(dir);
    expect(w.current).toMatchObject({ active: false, error: 'folder not found' });
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'x.png'), await makeImage('png', 5));
    await w.pollOnce();
    await w.pollOnce();
    expect(w.current).toMatchObject({ active: true, error: null });
    expect(ingested).toEqual(['x.png']);
    await w.setPath(null);
    expect(w.current.path).toBeNull();
  });
});
