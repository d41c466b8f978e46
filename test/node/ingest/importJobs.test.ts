import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgressDto } from '../../../electron/shared/contract.js';
import { ImageStore } from '../../../electron/services/ingest/imageStore.js';
import { ImportJobs } from '../../../electron/services/ingest/importJobs.js';
import { openDatabase } from '../../../db/open.js';
import { ItemsRepo } from '../../../db/repos/items.js';
import { makeBmp8, makeImage, pngHeaderOnly, tempDir } from '../helpers/tmp.js';

async function mixedFolder(): Promise<string> {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'line1', 'shift2'), { recursive: true });
  const jpeg = await makeImage('jpeg', 1, 120, 90);
  fs.writeFileSync(path.join(dir, 'a.jpg'), jpeg);
  fs.writeFileSync(path.join(dir, 'line1', 'copy-of-a.JPG'), jpeg);
  fs.writeFileSync(path.join(dir, 'line1', 'b.png'), await makeImage('png', 2));
  fs.writeFileSync(path.join(dir, 'line1', 'shift2', 'c.tif'), await makeImage('tiff', 3));
  fs.writeFileSync(
    path.join(dir, 'line1', 'shift2', 'd.bmp'),
    makeBmp8(30, 20, (x, y) => x + y),
  );
  fs.writeFileSync(path.join(dir, 'empty.jpg'), Buffer.alloc(0));
  fs.writeFileSync(path.join(dir, 'truncated.jpg'), jpeg.subarray(0, jpeg.length >> 1));
  fs.writeFileSync(path.join(dir, 'text.png'), 'this is not a png');
  fs.writeFileSync(path.join(dir, 'anim.gif'), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'));
  fs.writeFileSync(path.join(dir, 'huge.png'), pngHeaderOnly(9000, 9000));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
  fs.writeFileSync(path.join(dir, '.hidden.jpg'), await makeImage('jpeg', 9));
  return dir;
}

function setup() {
  const dataDir = tempDir();
  const db = openDatabase(path.join(dataDir, 'loupe.db'));
  const items = new ItemsRepo(db);
  const accepted: number[] = [];
  const progress: ImportProgressDto[] = [];
  const jobs = new ImportJobs({
    items,
    store: new ImageStore(dataDir),
    station: 'line-1',
    onAccepted: (id) => accepted.push(id),
    onProgress: (p) => progress.push(p),
    onItemsChanged: () => {},
    waitForCapacity: () => Promise.resolve(),
    log: () => {},
  });
  return { dataDir, db, items, accepted, progress, jobs };
}

describe('folder import', () => {
  it('adds images recursively, dedupes by content and quarantines bad files with reasons', async () => {
    const { items, accepted, progress, jobs, dataDir } = setup();
    const folder = await mixedFolder();
    const result = await jobs.start(folder).done;
    expect(result).toMatchObject({
      state: 'done',
      total: 10,
      processed: 10,
      added: 4,
      duplicates: 1,
      quarantined: 5,
    });
    expect(accepted).toHaveLength(4);
    expect([items.count('pending'), items.count('quarantined')]).toEqual([4, 5]);

    const reasons = Object.fromEntries(
      items.quarantined(50, 0).map((r) => [path.basename(r.original_path), r.quarantine_reason]),
    );
    expect(reasons['empty.jpg']).toMatch(/empty file/);
    expect(reasons['truncated.jpg']).toMatch(/corrupt or truncated JPEG/);
    expect(reasons['text.png']).toMatch(/not an image/);
    expect(reasons['anim.gif']).toMatch(/unsupported format/);
    expect(reasons['huge.png']).toMatch(/oversized image: 9000×9000/);

    for (const row of items.withStatus('pending')) {
      expect(fs.existsSync(path.join(dataDir, row.stored_path!))).toBe(true);
      expect(row.station).toBe('line-1');
      expect(row.width).toBeGreaterThan(0);
    }
    expect(progress.at(-1)).toMatchObject({ state: 'done', processed: 10 });
    expect(progress.some((p) => p.state === 'scanning')).toBe(true);
  });

  it('treats a second import of the same folder as all duplicates', async () => {
    const { items, jobs } = setup();
    const folder = await mixedFolder();
    await jobs.start(folder).done;
    const again = await jobs.start(folder).done;
    expect(again).toMatchObject({ added: 0, quarantined: 0, duplicates: 10 });
    expect([items.count('pending'), items.count('quarantined')]).toEqual([4, 5]);
  });

  it('reports a folder that vanished as a failed job, not a crash', async () => {
    const { jobs } = setup();
    const result = await jobs.start(path.join(tempDir(), 'gone')).done;
    expect(result).toMatchObject({ state: 'failed', total: 0 });
    expect(result.error).toMatch(/cannot read folder .*gone \(ENOENT\)/);
  });
});
