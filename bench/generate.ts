/**
 * Fills a data folder with a large, realistic history for the benchmarks: items that reuse the
 * bundled demo images, champion predictions (with the real model's heatmaps for those images),
 * and decisions (blind and assisted, with undos), routed under an ai_assist policy. The last
 * `--pending` items are left in the queue for the review benchmark.
 *
 *   node scripts/run-ts.mjs bench/generate.ts --data DIR [--items 1000000] [--pending 2000]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_IMAGES_DIR, MODELS_DIR } from '../electron/cli/paths.js';
import { decodeGray } from '../electron/services/imaging/decode.js';
import { DEFAULT_MODEL_ID } from '../electron/services/inference/champion.js';
import { loadModel } from '../electron/services/inference/modelRunner.js';
import type { TimedPrediction } from '../electron/services/inference/modelRunner.js';
import { ImageStore } from '../electron/services/ingest/imageStore.js';
import { DB_FILE_NAME, openDatabase } from '../db/open.js';
import { DecisionsRepo } from '../db/repos/decisions.js';
import { ModelsRepo } from '../db/repos/models.js';
import { encodeHeatmap } from '../db/repos/predictions.js';
import { PoliciesRepo } from '../db/repos/policies.js';
import { SettingsRepo } from '../db/repos/settings.js';
import { lcg } from '../test/node/helpers/lcg.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    items: { type: 'string', default: '1000000' },
    pending: { type: 'string', default: '2000' },
  },
});
if (!values.data) throw new Error('--data DIR is required');
const total = Number(values.items);
const pending = Math.min(total, Number(values.pending));
const dataDir = path.resolve(values.data);
if (fs.existsSync(path.join(dataDir, DB_FILE_NAME)))
  throw new Error(`${dataDir} already has a database; use an empty folder`);

const started = Date.now();
const model = await loadModel(path.join(MODELS_DIR, DEFAULT_MODEL_ID));
const store = new ImageStore(dataDir);
const images: Array<{
  stored: string;
  width: number;
  height: number;
  format: string;
  prediction: TimedPrediction;
}> = [];
for (const name of fs
  .readdirSync(DEMO_IMAGES_DIR)
  .filter((n) => n.endsWith('.jpg'))
  .sort()) {
  const bytes = fs.readFileSync(path.join(DEMO_IMAGES_DIR, name));
  const pixels = await decodeGray(bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  images.push({
    stored: await store.put(sha, pixels.format, bytes),
    width: pixels.width,
    height: pixels.height,
    format: pixels.format,
    prediction: await model.predict(pixels),
  });
}

const db = openDatabase(path.join(dataDir, DB_FILE_NAME));
db.pragma('synchronous = OFF'); // a throwaway benchmark folder: speed over durability
const mv = new ModelsRepo(db).register({
  modelId: model.manifest.id,
  version: model.manifest.version,
  sha256: model.sha256,
  manifest: model.manifest,
});
// The station name the server will use for this folder, so the policy below is the one in force.
new SettingsRepo(db).set('station', 'bench');
const policy = new PoliciesRepo(db).add(
  'bench',
  {
    level: 'ai_assist',
    band: { t_ok: 0.2, t_defect: 0.8 },
    classBands: {},
    auditRate: 0.05,
    blindFirstReadShare: 0.1,
    doubleReviewShare: 0,
  },
  { samplingSeed: 'bench', createdBy: 'bench', reason: 'benchmark data' },
);

const insertItem =
  db.prepare(`INSERT INTO items (sha256, original_path, stored_path, source, station, captured_at, ingested_at, format, byte_size, width, height, status, quarantine_reason)
  VALUES (?, ?, ?, 'import', 'bench', ?, ?, ?, 1000, ?, ?, ?, NULL) RETURNING id`);
const insertPrediction =
  db.prepare(`INSERT INTO predictions (item_id, model_version_id, role, defect_probability, predicted_class, class_probabilities, regions, peak, latency_ms, created_at, top_defect_class, heatmap, heatmap_meta)
  VALUES (?, ?, 'champion', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`);
const insertRoute = db.prepare(
  `INSERT INTO routes (item_id, policy_id, prediction_id, route, blind_first_read, audit, double_review, routed_at) VALUES (?, ?, ?, 'human', ?, 0, 0, ?)`,
);
const decisions = new DecisionsRepo(db);

const rand = lcg(12345);
const inspectors = ['ana', 'ben', 'chen', 'dana', 'eli', 'fatima'];
const classes = ['blowhole', 'break', 'crack', 'fray', 'uneven'];
const t0 = Date.parse('2026-01-01T00:00:00Z');
const BATCH = 20_000;
for (let start = 0; start < total; start += BATCH) {
  db.transaction(() => {
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const img = images[i % images.length]!;
      const isPending = i >= total - pending;
      const defect = rand() < 0.05;
      // A reasonably good model: defects mostly high, good items mostly low.
      const p = defect
        ? Math.min(1, Math.max(0, 0.75 + (rand() - 0.5) * 0.6))
        : Math.min(1, Math.max(0, 0.08 + (rand() - 0.3) * 0.3));
      const topClass = classes[Math.floor(rand() * classes.length)]!;
      const at = new Date(t0 + i * 3_000).toISOString();
      const { id: itemId } = insertItem.get(
        createHash('sha256').update(`bench-${i}`).digest('hex'),
        `/camera/${i}.jpg`,
        img.stored,
        at,
        at,
        img.format,
        img.width,
        img.height,
        isPending ? 'predicted' : 'decided',
      ) as { id: number };
      const pr = img.prediction;
      const { id: predictionId } = insertPrediction.get(
        itemId,
        mv.id,
        p,
        p >= 0.5 ? topClass : 'ok',
        JSON.stringify(pr.classProbabilities),
        JSON.stringify(pr.regions),
        pr.peak ? JSON.stringify(pr.peak) : null,
        pr.latencyMs,
        at,
        topClass,
        encodeHeatmap(pr.heatmap.data),
        JSON.stringify({ width: pr.heatmap.width, height: pr.heatmap.height, box: pr.heatmap.box }),
      ) as { id: number };
      const blindFirst = rand() < 0.1;
      insertRoute.run(itemId, policy.id, predictionId, blindFirst ? 1 : 0, at);
      if (isPending) continue;
      const inspector = inspectors[i % inspectors.length]!;
      const humanSaysDefect = defect ? rand() < 0.95 : rand() < 0.01;
      const call = {
        itemId,
        predictionId,
        kind: 'decision' as const,
        inspector,
        label: humanSaysDefect ? ('defect' as const) : ('ok' as const),
        defectClass: humanSaysDefect ? topClass : null,
        note: null,
        decidedAt: at,
        timeToDecideMs: 1500,
        automationLevel: 'ai_assist' as const,
        suggestionVisible: true,
        source: 'human' as const,
        corrects: null,
        reviewRole: 'primary' as const,
        policyId: policy.id,
        modelVersionId: mv.id,
      };
      if (blindFirst)
        decisions.insert({
          ...call,
          timeToDecideMs: 2000,
          suggestionVisible: false,
          reviewRole: 'first_read',
        });
      const id = decisions.insert(call);
      if (rand() < 0.002) {
        const undo = decisions.insert({
          ...call,
          kind: 'retraction',
          label: null,
          defectClass: null,
          timeToDecideMs: null,
          corrects: id,
        });
        decisions.insert({ ...call, timeToDecideMs: 900, corrects: undo });
      }
    }
  })();
  process.stderr.write(`\rgenerated ${Math.min(total, start + BATCH)}/${total}`);
}
db.pragma('synchronous = FULL');
db.exec('ANALYZE');
db.close();
await model.close();
process.stderr.write('\n');
console.log(JSON.stringify({ generated: total, pending, dataDir, seconds: (Date.now() - started) / 1000 }));
