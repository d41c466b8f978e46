import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../../db/open.js';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { startServices } from '../../../electron/services/app.js';
import { DEFAULT_MODEL_ID } from '../../../electron/services/inference/champion.js';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import { ImageStore } from '../../../electron/services/ingest/imageStore.js';
import { scoringRepos } from '../helpers/scoredItems.js';
import { imageFolder, quietLogger, startTestServices } from '../helpers/services.js';
import { makeImage, tempDir } from '../helpers/tmp.js';

/** A data folder holding one pending item (its image stored) and one scored but unrouted item. */
async function folderWithWork(): Promise<string> {
  const dataDir = tempDir('loupe-data-');
  const db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  try {
    const image = await makeImage('jpeg', 7, 160, 120);
    const sha256 = createHash('sha256').update(image).digest('hex');
    const storedPath = await new ImageStore(dataDir).put(sha256, 'jpeg', image);
    const { items, addScoredItem } = scoringRepos(db);
    items.insertOrFind({
      sha256,
      original_path: '/camera/pending.jpg',
      stored_path: storedPath,
      source: 'import',
      station: 'test-station',
      captured_at: new Date().toISOString(),
      ingested_at: new Date().toISOString(),
      format: 'jpeg',
      byte_size: image.length,
      width: 160,
      height: 120,
      status: 'pending',
      quarantine_reason: null,
    });
    addScoredItem(1, { defectProbability: 0.5, topDefectClass: null });
  } finally {
    db.close();
  }
  return dataDir;
}

function counts(dataDir: string): Record<string, unknown> {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM items) AS items,
                (SELECT COUNT(*) FROM predictions) AS predictions,
                (SELECT COUNT(*) FROM routes) AS routes,
                (SELECT COUNT(*) FROM decisions) AS decisions,
                (SELECT COUNT(*) FROM items WHERE status = 'pending') AS pending`,
      )
      .get() as Record<string, unknown>;
  } finally {
    db.close();
  }
}

const oneShot = (dataDir: string, demoImagesDir: string | null = null) =>
  startServices({
    dataDir,
    modelsDir: MODELS_DIR,
    demoImagesDir,
    station: 'test-station',
    logger: quietLogger,
    watchHotFolder: false,
    background: false,
  });

describe('one-shot services (background: false)', () => {
  it('score, route and import nothing, yet know the model’s classes and default band', async () => {
    const dataDir = await folderWithWork();
    const before = counts(dataDir);
    expect(before).toEqual({ items: 2, predictions: 1, routes: 0, decisions: 0, pending: 1 });

    const s = await oneShot(dataDir);
    try {
      expect((await s.handlers['audit:verify']({})).ok).toBe(true);
      const manifest = loadManifest(path.join(MODELS_DIR, DEFAULT_MODEL_ID));
      expect(s.policy.current().band).toEqual({
        t_ok: manifest.thresholds.t_ok,
        t_defect: manifest.thresholds.t_defect,
      });
      expect((await s.handlers['app:info']({})).defectClasses).toEqual(
        manifest.labels.filter((l) => l !== manifest.okLabel),
      );
      await s.idle();
    } finally {
      await s.close();
    }
    expect(counts(dataDir)).toEqual(before);

    // The same folder started as a station does get scored and routed: the check above means something.
    const station = await startTestServices({ dataDir });
    await station.idle();
    await station.close();
    expect(counts(dataDir)).toMatchObject({ predictions: 2, routes: 2, pending: 0 });
  });

  it('do not import the demo images into a new data folder', async () => {
    const dataDir = tempDir('loupe-data-');
    const s = await oneShot(dataDir, await imageFolder(2));
    try {
      await s.idle();
    } finally {
      await s.close();
    }
    expect(counts(dataDir)).toMatchObject({ items: 0, predictions: 0, routes: 0 });
  });
});
