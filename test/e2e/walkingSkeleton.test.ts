import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO_IMAGES_DIR } from '../../electron/cli/paths.js';
import { tempDir } from '../node/helpers/tmp.js';
import { useBrowser } from './harness.js';
import { startServe } from './serveProcess.js';
import type { ServeHandle } from './serveProcess.js';
import { StationPage } from './stationPage.js';

const INSPECTOR = 'Inspector E2E';
// o = OK; b, r, c, f, u = defect of class blowhole, break, crack, fray, uneven.
const KEYS = ['o', 'o', 'c', 'o', 'b', 'o', 'r', 'o', 'f', 'u'];

const browser = useBrowser();
let server: ServeHandle | null = null;

/** A camera folder of real tile images (nested) with one truncated JPEG among them. */
function cameraFolder(): { folder: string; corrupt: string } {
  const folder = tempDir('loupe-camera-');
  const names = fs
    .readdirSync(DEMO_IMAGES_DIR)
    .filter((n) => n.endsWith('.jpg'))
    .sort()
    .slice(0, 14);
  names.forEach((name, i) => {
    const sub = path.join(folder, i % 2 ? 'shift-a' : 'shift-b');
    fs.mkdirSync(sub, { recursive: true });
    fs.copyFileSync(path.join(DEMO_IMAGES_DIR, name), path.join(sub, name));
  });
  const corrupt = path.join(folder, 'shift-a', 'frame-cut-off.jpg');
  const whole = fs.readFileSync(path.join(DEMO_IMAGES_DIR, names[0]!));
  fs.writeFileSync(corrupt, whole.subarray(0, Math.floor(whole.length * 0.4)));
  return { folder, corrupt };
}

describe('walking skeleton in serve mode', () => {
  it('imports, reviews 10 items by keyboard, undoes one, and keeps it all across a restart', async () => {
    const dataDir = tempDir('loupe-e2e-data-');
    const { folder, corrupt } = cameraFolder();
    server = await startServe(['--data', dataDir, '--no-demo']);
    const page = await browser().newPage();
    const station = new StationPage(page);
    await page.goto(server.url);
    expect(new URL(page.url()).hash).toBe('');

    await station.pickInspector(INSPECTOR);
    await station.importFolder(folder);
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toMatch(/14 new.*1 quarantined/s);
    await station.closeDialog();

    const decided: number[] = [];
    let current = await station.currentItemId();
    for (const key of KEYS) {
      decided.push(current);
      await station.decideWithKey(key, current);
      current = await station.currentItemId();
    }
    await expect.poll(() => station.status('decided-today').textContent()).toMatch(/\b10\b/);
    await expect.poll(() => station.status('agreement').textContent()).toMatch(/n\s*=\s*10/);
    // The shadow model's output is never shown at the human_only level.
    expect(
      await page
        .locator('[data-testid*="suggest"], [data-testid*="heatmap"], [data-testid*="overlay"]')
        .count(),
    ).toBe(0);

    await page.keyboard.press('z');
    await expect.poll(() => station.currentItemId()).toBe(decided.at(-1));
    await expect.poll(() => station.status('decided-today').textContent()).toMatch(/\b9\b/);

    await page
      .getByRole('button', { name: /quarantined/i })
      .first()
      .click();
    await expect
      .poll(() => page.getByTestId('quarantine-row').allTextContents())
      .toEqual([expect.stringMatching(/frame-cut-off\.jpg.*truncated/s)]);
    await page.close();

    await server.stop();
    server = await startServe(['--data', dataDir, '--no-demo']);
    const again = new StationPage(await browser().newPage());
    await again.page.goto(server.url);
    await again.pickInspector(INSPECTOR);
    expect(await again.currentItemId()).toBe(decided.at(-1));
    await expect.poll(() => again.status('decided-today').textContent()).toMatch(/\b9\b/);
    await server.stop();
    server = null;

    const db = new Database(path.join(dataDir, 'loupe.db'), { readonly: true });
    const rows = db
      .prepare(
        `SELECT d.id, d.item_id, d.kind, d.label, d.defect_class, d.inspector, d.corrects, d.suggestion_visible,
                d.automation_level, d.source, d.time_to_decide_ms, p.role, p.defect_probability, p.latency_ms
         FROM decisions d LEFT JOIN predictions p ON p.id = d.prediction_id ORDER BY d.id`,
      )
      .all() as Array<Record<string, unknown>>;
    const quarantined = db
      .prepare("SELECT original_path, quarantine_reason FROM items WHERE status = 'quarantined'")
      .all();
    db.close();

    const decisions = rows.filter((r) => r.kind === 'decision');
    expect(decisions.map((r) => r.item_id)).toEqual(decided);
    expect(decisions.map((r) => r.defect_class)).toEqual([
      null,
      null,
      'crack',
      null,
      'blowhole',
      null,
      'break',
      null,
      'fray',
      'uneven',
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({
        inspector: INSPECTOR,
        suggestion_visible: 0,
        automation_level: 'human_only',
        source: 'human',
        role: 'champion',
      });
      expect(r.defect_probability).toEqual(expect.any(Number));
      expect(r.latency_ms).toBeGreaterThan(0);
    }
    for (const r of decisions) expect(r.time_to_decide_ms).toBeGreaterThanOrEqual(0);
    const corrections = rows.filter((r) => r.kind === 'retraction');
    expect(corrections).toEqual([
      expect.objectContaining({ corrects: decisions[9]!.id, item_id: decided[9] }),
    ]);
    expect(rows).toHaveLength(11);
    expect(quarantined).toEqual([
      { original_path: corrupt, quarantine_reason: expect.stringMatching(/corrupt or truncated JPEG/) },
    ]);
  });

  it('imports the demo images on first start and refuses requests without the token', async () => {
    const dataDir = tempDir('loupe-e2e-demo-');
    server = await startServe(['--data', dataDir]);
    const denied = await fetch(`${server.origin}/api/stats:summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(denied.status).toBe(401);
    const page = await browser().newPage();
    await page.goto(server.url);
    const station = new StationPage(page);
    await station.pickInspector('Newcomer');
    expect(await station.currentItemId()).toBeGreaterThan(0);
    const demoCount = fs.readdirSync(DEMO_IMAGES_DIR).filter((n) => n.endsWith('.jpg')).length;
    await expect
      .poll(() => station.status('pending').textContent(), { timeout: 60_000 })
      .toMatch(new RegExp(`\\b${demoCount}\\b`));
    await page.close();
    await server.stop();
    server = null;
  });
});
