import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness.js';
import { startServe } from './serveProcess.js';
import { demoFolder, predictedProbabilities, provisionStation, SUPERVISOR_PASSWORD } from './stationSetup.js';
import { StationPage } from './stationPage.js';

const browser = useBrowser();

function query<T>(data: string, sql: string): T[] {
  const db = new Database(path.join(data, 'loupe.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function openStation(data: string, inspector = 'Inspector E2E'): Promise<StationPage> {
  const server = await startServe(['--data', data, '--no-demo']);
  const page: Page = await browser().newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(server.url);
  const station = new StationPage(page);
  await station.pickInspector(inspector);
  return station;
}

const modelOutput =
  '[data-testid="heatmap-overlay"], [data-testid="suggestion"], [data-testid="region-outline"]';

describe('review station by automation level (serve mode, real model, real images)', () => {
  it('ai_assist shows the heatmap overlay and the suggested call, toggled with h; decisions are logged as assisted', async () => {
    const data = provisionStation(['--level', 'ai_assist', '--blind-first-read', '0'], demoFolder(4));
    const station = await openStation(data);
    const id = await station.currentItemId();
    const page = station.page;
    await page.getByTestId('heatmap-overlay').waitFor();
    await expect.poll(() => page.getByTestId('suggestion').textContent()).toMatch(/Suggests: (OK|Defect)/);
    await page.keyboard.press('h');
    await page.getByTestId('heatmap-overlay').waitFor({ state: 'hidden' });
    await page.keyboard.press('h');
    await page.getByTestId('heatmap-overlay').waitFor();
    await station.decideWithKey('o', id);
    await expect
      .poll(() =>
        query(
          data,
          "SELECT item_id, suggestion_visible, automation_level, review_role FROM decisions WHERE source = 'human'",
        ),
      )
      .toEqual([
        { item_id: id, suggestion_visible: 1, automation_level: 'ai_assist', review_role: 'primary' },
      ]);
  });

  it('ai_assist blind first read: nothing of the model before the provisional call, then the reveal, then the final call', async () => {
    const data = provisionStation(['--level', 'ai_assist', '--blind-first-read', '1'], demoFolder(3));
    const station = await openStation(data);
    const page = station.page;
    const id = await station.currentItemId();
    expect(await page.locator(modelOutput).count()).toBe(0);
    await page.keyboard.press('c');
    await page.getByTestId('suggestion').waitFor();
    expect(Number(await station.image.getAttribute('data-item-id'))).toBe(id);
    await station.decideWithKey('o', id);
    await expect
      .poll(() =>
        query(
          data,
          `SELECT review_role, label, defect_class, suggestion_visible FROM decisions WHERE item_id = ${id} ORDER BY id`,
        ),
      )
      .toEqual([
        { review_role: 'first_read', label: 'defect', defect_class: 'crack', suggestion_visible: 0 },
        { review_role: 'primary', label: 'ok', defect_class: null, suggestion_visible: 1 },
      ]);
  });

  it('partial decides confident items itself and queues only the uncertain band for humans', async () => {
    const images = demoFolder(12);
    const p = [...predictedProbabilities(images).values()].sort((a, b) => a - b);
    // Thresholds on the 0.001 grid in gaps between neighbouring scores, so each item's side is certain.
    const gapAfter = (from: number, step: 1 | -1): number => {
      for (let i = from; i > 0 && i < p.length - 1; i += step) if (p[i + 1]! - p[i]! >= 0.002) return i;
      throw new Error(`no gap of 0.002 between the scores ${p.join(', ')}`);
    };
    const lastPass = gapAfter(2, 1);
    const lastHuman = gapAfter(8, -1);
    if (lastHuman <= lastPass) throw new Error(`scores leave no human band: ${p.join(', ')}`);
    const tOk = Math.ceil(((p[lastPass]! + p[lastPass + 1]!) / 2) * 1000) / 1000;
    const tDefect = Math.ceil(((p[lastHuman]! + p[lastHuman + 1]!) / 2) * 1000) / 1000;
    const autoPass = lastPass + 1;
    const autoFail = p.length - lastHuman - 1;
    const human = p.length - autoPass - autoFail;
    const data = provisionStation(
      [
        '--level',
        'partial',
        '--t-ok',
        String(tOk),
        '--t-defect',
        String(tDefect),
        '--audit-rate',
        '0',
        '--blind-first-read',
        '0',
      ],
      images,
    );
    expect(
      query(
        data,
        "SELECT label, COUNT(*) AS n FROM decisions WHERE source = 'auto' GROUP BY label ORDER BY label",
      ),
    ).toEqual([
      { label: 'defect', n: autoFail },
      { label: 'ok', n: autoPass },
    ]);
    const station = await openStation(data);
    await expect.poll(() => station.status('pending').textContent()).toMatch(new RegExp(`\\b${human}\\b`));
    await station.page.getByTestId('suggestion').waitFor();
    await expect.poll(() => station.page.getByTestId('status-level').textContent()).toMatch(/partial/i);
  });

  it('full automation leaves only the audit sample for humans, blind', async () => {
    const data = provisionStation(['--level', 'full', '--audit-rate', '0.5'], demoFolder(12));
    const audits = query<{ n: number }>(data, 'SELECT COUNT(*) AS n FROM routes WHERE audit = 1')[0]!.n;
    expect(
      query<{ n: number }>(data, "SELECT COUNT(*) AS n FROM decisions WHERE source = 'auto'")[0]!.n,
    ).toBe(12);
    const station = await openStation(data);
    if (audits === 0) {
      await station.page.locator('[data-testid="review"][data-ready="empty"]').waitFor();
      return;
    }
    const id = await station.currentItemId();
    await expect.poll(() => station.page.locator('body').textContent()).toMatch(/Audit sample/i);
    expect(await station.page.locator(modelOutput).count()).toBe(0);
    await station.decideWithKey('o', id);
    await expect
      .poll(() =>
        query(
          data,
          `SELECT review_role, suggestion_visible FROM decisions WHERE item_id = ${id} AND source = 'human'`,
        ),
      )
      .toEqual([{ review_role: 'audit', suggestion_visible: 0 }]);
  });

  it('a supervisor moves the station to ai_assist from the UI; a wrong password is refused; the audit trail verifies', async () => {
    const data = provisionStation(['--level', 'human_only'], demoFolder(2));
    const station = await openStation(data);
    const page = station.page;
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('policy-level-ai_assist').click();
    await page.getByTestId('policy-apply').click();
    await page.getByTestId('supervisor-name').fill('supervisor');
    await page.getByTestId('supervisor-password').fill('not the password');
    await page.getByTestId('policy-reason').fill('pilot AI assist on line 2');
    await page.getByTestId('policy-confirm').click();
    await expect.poll(() => page.locator('body').textContent()).toMatch(/name or password is wrong/);
    await page.getByTestId('supervisor-password').fill(SUPERVISOR_PASSWORD);
    await page.getByTestId('policy-confirm').click();
    await expect.poll(() => page.getByTestId('status-level').textContent()).toMatch(/ai.assist/i);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toMatch(/Intact/);
    expect(
      query(data, "SELECT actor, action FROM audit_log WHERE action = 'policy.change' ORDER BY id"),
    ).toEqual([
      { actor: 'supervisor', action: 'policy.change' },
      { actor: 'supervisor', action: 'policy.change' },
    ]);
  });
});
