/**
 * Review latency in a real browser: keypress → next image and its overlay painted, on a data
 * folder filled by bench/generate.ts (1M predictions and decisions by default), read from the
 * station's own performance marks. A bare baseline in the same browser swaps a prefetched
 * <img> on keypress. Also prints the what-if sweep time over the same folder, through the API.
 * The last line is one JSON object.
 *
 *   npm run bench:review -- --data DIR [--decisions 100]
 */
/// <reference lib="dom" />
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { WhatIfDistributionDto } from '../electron/shared/contract.js';
import { launchBrowser } from '../test/e2e/browser.js';
import { startServe } from '../test/e2e/serveProcess.js';
import { StationPage } from '../test/e2e/stationPage.js';
import { percentile, sweepThresholds } from './stats.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, decisions: { type: 'string', default: '100' } },
});
if (!values.data)
  throw new Error('--data DIR is required (make one with npm run bench:generate -- --data DIR)');
const decisions = Number(values.decisions);
const server = await startServe(['--data', path.resolve(values.data), '--no-demo']);
const token = new URL(server.url).hash.replace('#token=', '');
const browser = await launchBrowser();

try {
  // 1. The station: decide by key, read the marks the station sets.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  await new StationPage(page).pickInspector('bench');
  await page.locator('[data-testid="review"][data-ready="true"]').waitFor({ timeout: 60_000 });
  const latencies: number[] = [];
  for (let i = 0; i < decisions; i++) {
    // A blind first read keeps the item on screen for the final call: make the provisional call
    // first, then time the final call, which is the one that moves to the next item.
    if ((await page.getByTestId('review').getAttribute('data-phase')) === 'first-read') {
      await page.keyboard.press('o');
      await page.locator('[data-testid="review"][data-phase="final-call"]').waitFor();
    }
    const before = await page.getByTestId('review-image').getAttribute('data-item-id');
    await page.evaluate(() => performance.clearMarks());
    await page.keyboard.press('o');
    await page.waitForFunction((prev) => {
      const marks = performance.getEntriesByName('loupe:item-painted') as PerformanceMark[];
      return marks.some((m) => String((m.detail as { itemId?: number } | null)?.itemId) !== prev);
    }, before);
    const ms = await page.evaluate(() => {
      const key = performance.getEntriesByName('loupe:decision-key')[0];
      const painted = performance.getEntriesByName('loupe:item-painted').at(-1);
      return key && painted ? painted.startTime - key.startTime : NaN;
    });
    latencies.push(ms);
  }

  // 2. Bare baseline: swap a prefetched image on keypress, paint on the next frame.
  const ids = (
    (await await fetch(`${server.origin}/api/queue:next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ limit: 20 }),
    }).then((r) => r.json())) as { value: { items: Array<{ id: number }> } }
  ).value.items.map((i) => i.id);
  const bare = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await bare.goto(`${server.origin}/`);
  const urls = ids.map((id) => `${server.origin}/media/items/${id}?token=${token}`);
  const bareLatencies = await bare.evaluate(
    async ({ urls, n }) => {
      const imgs = await Promise.all(
        urls.map(async (u) => {
          const im = new Image();
          im.src = u;
          await im.decode();
          return im;
        }),
      );
      document.body.innerHTML = '';
      const shown = document.createElement('img');
      shown.style.cssText = 'max-width:100%;max-height:100vh';
      document.body.append(shown);
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        shown.src = imgs[i % imgs.length]!.src;
        await shown.decode();
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        out.push(performance.now() - t0);
      }
      return out;
    },
    { urls, n: decisions },
  );

  // 3. What-if sweep through the API: fetch the distribution, compute 1001 thresholds.
  const sweeps: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const res = (await fetch(`${server.origin}/api/whatif:distribution`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    }).then((x) => x.json())) as { value: WhatIfDistributionDto };
    sweepThresholds(res.value);
    sweeps.push(performance.now() - t0);
  }

  const round = (v: number): number => Number(v.toFixed(2));
  const result = {
    bench: 'review',
    decisions,
    keypress_to_painted_ms: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) },
    bare_img_swap_ms: {
      p50: round(percentile(bareLatencies, 50)),
      p95: round(percentile(bareLatencies, 95)),
    },
    ratio_p95_vs_bare: round(percentile(latencies, 95) / percentile(bareLatencies, 95)),
    whatif_sweep_via_api_ms: { p50: round(percentile(sweeps, 50)), max: round(Math.max(...sweeps)) },
    goals: { keypress_to_painted_p95_ms: 50, whatif_sweep_ms: 200 },
  };
  console.log(
    `keypress → painted p50 ${result.keypress_to_painted_ms.p50} ms, p95 ${result.keypress_to_painted_ms.p95} ms (bare swap p95 ${result.bare_img_swap_ms.p95} ms)`,
  );
  console.log(`what-if sweep via API p50 ${result.whatif_sweep_via_api_ms.p50} ms`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.stop();
}
