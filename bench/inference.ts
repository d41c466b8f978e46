/**
 * Inference speed. Prints per-image latency of the full path (decode → preprocess → infer →
 * post-process, through the inference worker as the station runs it) and of a bare
 * `session.run` on a prepared tensor, then folder throughput of `loupe predict`'s path against
 * a bare loop of sharp decode + session.run at the same concurrency, measured in the same run.
 * onnxruntime-node runs `session.run` synchronously on the calling thread, so the bare loop on
 * the main thread runs one inference at a time; a second bare loop on as many worker threads
 * as Loupe uses is printed beside it, the stricter baseline. The last line is one JSON object.
 * Needs the build (`npm run build`) for the worker bundle.
 *
 *   npm run bench:inference [-- --images DIR] [--model ID] [--rounds N] [--concurrency N]
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { APP_ROOT, DEMO_IMAGES_DIR, INFERENCE_WORKER, MODELS_DIR } from '../electron/cli/paths.js';
import { decodeGray } from '../electron/services/imaging/decode.js';
import { DEFAULT_MODEL_ID } from '../electron/services/inference/champion.js';
import { listImages, predictFiles } from '../electron/services/inference/folderPredictor.js';
import { defaultWorkerCount, loadModelInWorkers } from '../electron/services/inference/modelWorkers.js';
import { preprocess } from '../electron/services/inference/preprocess.js';
import { percentile } from './stats.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: DEMO_IMAGES_DIR },
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
  },
});
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const modelDir = path.join(MODELS_DIR, values.model);
const root = path.resolve(values.images);
const files = await listImages(root);
const buffers = await Promise.all(files.map((f) => fs.readFile(path.join(root, f))));
if (!existsSync(INFERENCE_WORKER))
  throw new Error(`${INFERENCE_WORKER} is missing: run \`npm run build\` first`);
const workers = defaultWorkerCount();
const model = await loadModelInWorkers(modelDir, { script: INFERENCE_WORKER, workers });
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
// The bare loop lives in one plain CommonJS file, required here and run as each worker's script.
const BARE_LOOP = path.join(APP_ROOT, 'bench', 'bareLoop.cjs');
type BareLoopArgs = {
  session: ort.InferenceSession;
  feeds: Record<string, ort.Tensor>;
  outputs: string[];
  root: string;
  files: string[];
  slots: number;
  rounds: number;
};
const { bareLoop: runBareLoop } = createRequire(import.meta.url)(BARE_LOOP) as {
  bareLoop: (args: BareLoopArgs) => Promise<void>;
};
async function bareLoop(): Promise<number> {
  const t0 = performance.now();
  await runBareLoop({ session, feeds, outputs, root, files, slots: concurrency, rounds: throughputRounds });
  return (files.length * throughputRounds) / ((performance.now() - t0) / 1000);
}

// The same bare loop on `workers` threads with the same number of images in flight: each
// thread keeps `concurrency / workers` images going, so one decodes while another runs.
const bareWorkers = await Promise.all(
  Array.from({ length: workers }, async (_, w) => {
    const worker = new Worker(BARE_LOOP, {
      workerData: {
        modelFile: path.join(modelDir, manifest.file),
        inputName: manifest.input.name,
        dims: prepared.dims,
        tensor: prepared.tensor,
        outputs,
        root,
        files: files.filter((_, i) => i % workers === w),
        slots: Math.max(1, Math.round(concurrency / workers)),
      },
    });
    await new Promise((resolve) => worker.once('message', resolve));
    return worker;
  }),
);
async function bareWorkerLoop(): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    bareWorkers.map((worker) => {
      const done = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage(throughputRounds);
      return done;
    }),
  );
  return (files.length * throughputRounds) / ((performance.now() - t0) / 1000);
}

// Interleave to share any drift in machine load between the three, after one untimed pass of
// each (the worker threads compile their code on first use). CPU time counts every thread.
type Loop = { name: string; run: () => Promise<number>; rates: number[]; cpuMs: number[] };
const loops: Loop[] = [
  { name: 'bare', run: bareLoop, rates: [], cpuMs: [] },
  { name: 'bareWorkers', run: bareWorkerLoop, rates: [], cpuMs: [] },
  { name: 'loupe', run: loupePath, rates: [], cpuMs: [] },
];
for (const loop of loops) await loop.run();
for (let pass = 0; pass < 2; pass++) {
  for (const loop of loops) {
    const cpu0 = process.cpuUsage();
    loop.rates.push(await loop.run());
    const cpu = process.cpuUsage(cpu0);
    loop.cpuMs.push((cpu.user + cpu.system) / 1000 / (files.length * throughputRounds));
  }
}
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const [bare, bareThreads, loupe] = loops.map((l) => ({ rate: mean(l.rates), cpuMs: mean(l.cpuMs) })) as [
  { rate: number; cpuMs: number },
  { rate: number; cpuMs: number },
  { rate: number; cpuMs: number },
];
await Promise.all(bareWorkers.map((w) => w.terminate()));

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
    loupe_predict_path: round(loupe.rate),
    bare_decode_and_run: round(bare.rate),
    bare_decode_and_run_on_worker_threads: round(bareThreads.rate),
    concurrency,
    inference_workers: workers,
  },
  cpu_ms_per_item: {
    loupe_predict_path: round(loupe.cpuMs),
    bare_decode_and_run: round(bare.cpuMs),
    bare_decode_and_run_on_worker_threads: round(bareThreads.cpuMs),
  },
  throughput_ratio: round(loupe.rate / bare.rate),
  throughput_ratio_vs_bare_worker_threads: round(loupe.rate / bareThreads.rate),
  goals: { full_path_p95_ms: 20, throughput_ratio: 0.9 },
};
console.log(`full path   p50 ${result.full_path_ms.p50} ms  p95 ${result.full_path_ms.p95} ms`);
console.log(`session.run p50 ${result.session_run_ms.p50} ms  p95 ${result.session_run_ms.p95} ms`);
console.log(
  `throughput  ${result.throughput_items_per_s.loupe_predict_path} items/s vs bare ${result.throughput_items_per_s.bare_decode_and_run} items/s (ratio ${result.throughput_ratio})`,
);
console.log(
  `            vs bare on ${workers} worker threads ${result.throughput_items_per_s.bare_decode_and_run_on_worker_threads} items/s (ratio ${result.throughput_ratio_vs_bare_worker_threads})`,
);
console.log(JSON.stringify(result));
await model.close();
await session.release();
