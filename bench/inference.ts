/**
 * Inference speed. Prints per-image latency of the full path (decode → preprocess → infer →
 * post-process) and of a bare `session.run` on a prepared tensor, then folder throughput of
 * `loupe predict`'s path against a bare loop of sharp decode + session.run at the same
 * concurrency, measured in the same run. The last line is one JSON object.
 *
 *   npm run bench:inference [-- --images DIR] [--model ID] [--rounds N] [--concurrency N]
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { DEMO_IMAGES_DIR, MODELS_DIR } from '../electron/cli/paths.js';
import { decodeGray } from '../electron/services/imaging/decode.js';
import { DEFAULT_MODEL_ID } from '../electron/services/inference/champion.js';
import { listImages, predictFiles } from '../electron/services/inference/folderPredictor.js';
import { loadModel } from '../electron/services/inference/modelRunner.js';
import { preprocess } from '../electron/services/inference/preprocess.js';
import { percentile } from './stats.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: DEMO_IMAGES_DIR },
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '2' },
  },
});
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const modelDir = path.join(MODELS_DIR, values.model);
const root = path.resolve(values.images);
const files = await listImages(root);
const buffers = await Promise.all(files.map((f) => fs.readFile(path.join(root, f))));
const model = await loadModel(modelDir);
const manifest = model.manifest;
const session = await ort.InferenceSession.create(path.join(modelDir, manifest.file), {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
});
const outputs = Object.values(manifest.outputs);

// Warm-up: first runs allocate and JIT.
for (const buf of buffers.slice(0, 5)) await model.predict(await decodeGray(buf));

// 1. Per-image latency, one at a time.
const full: number[] = [];
const raw: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const buf of buffers) {
    const t0 = performance.now();
    await model.predict(await decodeGray(buf));
    full.push(performance.now() - t0);
  }
}
const prepared = preprocess(await decodeGray(buffers[0]!), manifest);
const feeds = { [manifest.input.name]: new ort.Tensor('float32', prepared.tensor, prepared.dims) };
for (let i = 0; i < rounds * buffers.length; i++) {
  const t0 = performance.now();
  await session.run(feeds, outputs);
  raw.push(performance.now() - t0);
}

// 2. Folder throughput at the same concurrency: Loupe's path vs a bare decode + run loop.
const throughputRounds = Math.max(1, Math.ceil(rounds / 2));
async function loupePath(): Promise<number> {
  const t0 = performance.now();
  for (let r = 0; r < throughputRounds; r++)
    await predictFiles(model, root, files, { concurrency, onResult: () => {} });
  return (files.length * throughputRounds) / ((performance.now() - t0) / 1000);
}
async function bareLoop(): Promise<number> {
  const t0 = performance.now();
  for (let r = 0; r < throughputRounds; r++) {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < files.length) {
          const file = files[next++]!;
          await sharp(await fs.readFile(path.join(root, file)))
            .greyscale()
            .raw()
            .toBuffer();
          await session.run(feeds, outputs);
        }
      }),
    );
  }
  return (files.length * throughputRounds) / ((performance.now() - t0) / 1000);
}
// Interleave to share any drift in machine load between the two.
const bare1 = await bareLoop();
const ours1 = await loupePath();
const bare2 = await bareLoop();
const ours2 = await loupePath();
const oursRate = (ours1 + ours2) / 2;
const bareRate = (bare1 + bare2) / 2;

const round = (v: number): number => Number(v.toFixed(3));
const result = {
  bench: 'inference',
  model: `${manifest.id}@${manifest.version}`,
  input: `${manifest.input.width}x${manifest.input.height}`,
  images: files.length,
  cpus: os.cpus().length,
  full_path_ms: { p50: round(percentile(full, 50)), p95: round(percentile(full, 95)), n: full.length },
  session_run_ms: { p50: round(percentile(raw, 50)), p95: round(percentile(raw, 95)), n: raw.length },
  throughput_items_per_s: {
    loupe_predict_path: round(oursRate),
    bare_decode_and_run: round(bareRate),
    concurrency,
  },
  throughput_ratio: round(oursRate / bareRate),
  goals: { full_path_p95_ms: 20, throughput_ratio: 0.9 },
};
console.log(`full path   p50 ${result.full_path_ms.p50} ms  p95 ${result.full_path_ms.p95} ms`);
console.log(`session.run p50 ${result.session_run_ms.p50} ms  p95 ${result.session_run_ms.p95} ms`);
console.log(
  `throughput  ${result.throughput_items_per_s.loupe_predict_path} items/s vs bare ${result.throughput_items_per_s.bare_decode_and_run} items/s (ratio ${result.throughput_ratio})`,
);
console.log(JSON.stringify(result));
await model.close();
await session.release();
