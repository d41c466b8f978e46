/**
 * Threshold what-if sweep over a generated data folder (bench/generate.ts): the time to read
 * the binned unbiased labels and compute the figures for every t_ok on the 0.001 grid, against
 * a bare baseline in the same run — one SQL scan of every unbiased label with its probability.
 *
 *   node scripts/run-ts.mjs bench/whatif.ts --data DIR
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { WhatIfService } from '../electron/services/whatif/whatIfService.js';
import { DB_FILE_NAME, openDatabase } from '../db/open.js';
import { percentile, sweepThresholds } from './stats.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, rounds: { type: 'string', default: '7' } },
});
if (!values.data) throw new Error('--data DIR is required (make one with bench/generate.ts)');
const db = openDatabase(path.join(path.resolve(values.data), DB_FILE_NAME));
const service = new WhatIfService(db);
const counts = db
  .prepare(
    'SELECT (SELECT COUNT(*) FROM predictions) AS predictions, (SELECT COUNT(*) FROM decisions) AS decisions',
  )
  .get() as { predictions: number; decisions: number };

const bareScan = db
  .prepare(
    `SELECT p.defect_probability, d.label FROM decisions d JOIN predictions p ON p.id = d.prediction_id
  WHERE d.kind = 'decision' AND d.source IN ('human', 'history') AND d.suggestion_visible = 0
    AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = d.id)`,
  )
  .raw();
function bare(): number {
  let n = 0;
  for (const _row of bareScan.iterate()) n++;
  return n;
}

const sweepMs: number[] = [];
const bareMs: number[] = [];
let labels = 0;
for (let r = 0; r < Number(values.rounds); r++) {
  let t = performance.now();
  sweepThresholds(service.distribution(null));
  sweepMs.push(performance.now() - t);
  t = performance.now();
  labels = bare();
  bareMs.push(performance.now() - t);
}
const round = (v: number): number => Number(v.toFixed(2));
const result = {
  bench: 'whatif',
  predictions: counts.predictions,
  decisions: counts.decisions,
  unbiased_labels: labels,
  thresholds_per_sweep: 1001,
  sweep_ms: { p50: round(percentile(sweepMs, 50)), max: round(Math.max(...sweepMs)) },
  bare_scan_ms: { p50: round(percentile(bareMs, 50)) },
  speedup_vs_bare_scan: round(percentile(bareMs, 50) / percentile(sweepMs, 50)),
  goal_sweep_ms: 200,
};
console.log(
  `what-if sweep of 1001 thresholds: p50 ${result.sweep_ms.p50} ms (bare scan of ${labels} labels: ${result.bare_scan_ms.p50} ms)`,
);
console.log(JSON.stringify(result));
db.close();
