import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_IMAGES_DIR } from '../../electron/cli/paths.js';
import { demoHistoryCsv } from '../node/helpers/demoHistory.js';
import { tempDir } from '../node/helpers/tmp.js';
import { useBrowser } from './harness.js';
import { startServe } from './serveProcess.js';
import { loupe } from './stationSetup.js';
import { StationPage } from './stationPage.js';

const browser = useBrowser();

describe('agreement dashboard (serve mode)', () => {
  it('shows the figures of an imported history and exports them', async () => {
    const csv = demoHistoryCsv((i) => ({
      inspector: i % 2 ? 'ana' : 'ben',
      decidedAt: `2026-05-0${1 + (i % 5)}T09:00:00Z`,
    }));
    const data = tempDir('loupe-e2e-reports-');
    loupe(['import', '--images', DEMO_IMAGES_DIR, '--labels', csv, '--data', data]);
    const expected = JSON.parse(
      (loupe(['report', '--data', data, '--format', 'json', '--out', path.join(data, 'r.json')]),
      fs.readFileSync(path.join(data, 'r.json'), 'utf8')),
    ) as { overall: { n: number; cohen_kappa: number } };

    const server = await startServe(['--data', data, '--no-demo']);
    const page = await browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await new StationPage(page).pickInspector('Auditor');
    await page.getByTestId('open-reports').click();
    await page.getByTestId('reports-screen').waitFor();
    await expect
      .poll(() => page.getByTestId('report-n').textContent())
      .toContain(expected.overall.n.toLocaleString('en'));
    await expect
      .poll(() => page.getByTestId('report-kappa').textContent())
      .toContain(expected.overall.cohen_kappa.toFixed(2));
    for (const id of [
      'report-over-time',
      'report-confusion',
      'report-per-class',
      'report-per-inspector',
      'report-calibration',
    ]) {
      await page.getByTestId(id).waitFor();
    }
    await page.getByTestId('export-html').click();
    await expect
      .poll(() => page.getByTestId('export-result').textContent(), { timeout: 60_000 })
      .toMatch(/Saved to .*\.html/);
    const exported = fs.readdirSync(path.join(data, 'exports'));
    expect(exported.some((f) => f.endsWith('.html'))).toBe(true);
    expect(exported.some((f) => f.endsWith('.csv'))).toBe(true);
  });
});
