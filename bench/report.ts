/**
 * Agreement report speed over a generated data folder (bench/generate.ts, 1M decisions by
 * default): time for the full JSON report, and scikit-learn's time to compute κ, the confusion
 * matrices and P/R/F1 on the same decisions exported to CSV (its CSV load time reported apart).
 * The last line is one JSON object.
 *
 *   npm run bench:report -- --data DIR
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DB_FILE_NAME, openDatabase } from '../db/open.js';
import { APP_ROOT } from '../electron/cli/paths.js';
import { buildReport } from '../electron/services/reports/buildReport.js';
import { writeDecisionCsv } from '../electron/services/reports/csv.js';
import { decisionRowsQuery } from '../electron/services/reports/decisionRows.js';
import { percentile } from './stats.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, rounds: { type: 'string', default: '5' } },
});
if (!values.data)
  throw new Error('--data DIR is required (make one with npm run bench:generate -- --data DIR)');
const db = openDatabase(path.join(path.resolve(values.data), DB_FILE_NAME));
const decisions = (db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n;

const times: number[] = [];
let report = buildReport(db, { from: null, to: null, generatedBy: 'bench' });
for (let r = 0; r < Number(values.rounds); r++) {
  const t0 = performance.now();
  report = buildReport(db, { from: null, to: null, generatedBy: 'bench' });
  JSON.stringify(report);
  times.push(performance.now() - t0);
}

const csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-')), 'decisions.csv');
const t0 = performance.now();
await writeDecisionCsv(csvFile, decisionRowsQuery(db, { from: null, to: null }).iterate());
const csvSeconds = (performance.now() - t0) / 1000;
const sklearn = JSON.parse(
  execFileSync('/usr/bin/python3', [path.join(APP_ROOT, 'bench', 'sklearn_report.py'), csvFile], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
    .trim()
    .split('\n')
    .at(-1)!,
) as {
  n: number;
  cohen_kappa: number;
  load_s: number;
  compute_s: number;
};
fs.rmSync(path.dirname(csvFile), { recursive: true, force: true });

const round = (v: number, d = 3): number => Number(v.toFixed(d));
const result = {
  bench: 'report',
  decisions,
  report_ms: { p50: round(percentile(times, 50), 1), max: round(Math.max(...times), 1) },
  sklearn: {
    compute_ms: round(sklearn.compute_s * 1000, 1),
    csv_load_ms: round(sklearn.load_s * 1000, 1),
    n: sklearn.n,
  },
  loupe_csv_export_s: round(csvSeconds, 2),
  speedup_vs_sklearn_compute: round((sklearn.compute_s * 1000) / percentile(times, 50), 2),
  same_kappa:
    Math.abs((report.overall.cohen_kappa ?? NaN) - sklearn.cohen_kappa) < 1e-9 &&
    report.overall.n === sklearn.n,
  goals: { report_ms: 1000, faster_than_sklearn_compute: true },
};
console.log(
  `full JSON report p50 ${result.report_ms.p50} ms over ${decisions} decisions; scikit-learn compute ${result.sklearn.compute_ms} ms (+ ${result.sklearn.csv_load_ms} ms CSV load); κ equal: ${result.same_kappa}`,
);
console.log(JSON.stringify(result));
db.close();
