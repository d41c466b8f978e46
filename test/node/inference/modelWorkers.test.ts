/**
 * The model on worker threads: the real default model and real demo images through the
 * bundled worker, compared with the same model in-thread; the pool's lifecycle (load errors,
 * a worker dying mid-request, close) with a scripted stand-in worker.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IMAGES_DIR, MODELS_DIR } from '../../../electron/cli/paths.js';
import { ImageError } from '../../../electron/services/imaging/imageError.js';
import { DEFAULT_MODEL_ID } from '../../../electron/services/inference/champion.js';
import { listImages } from '../../../electron/services/inference/folderPredictor.js';
import { loadModel, ModelLoadError } from '../../../electron/services/inference/modelRunner.js';
import type { LoadedModel, TimedPrediction } from '../../../electron/services/inference/modelRunner.js';
import {
  InferenceWorkerError,
  loadModelInWorkers,
} from '../../../electron/services/inference/modelWorkers.js';
import { buildInferenceWorker } from '../helpers/inferenceWorker.js';
import { makeImage, tempDir } from '../helpers/tmp.js';
import fs from 'node:fs';

const modelDir = path.join(MODELS_DIR, DEFAULT_MODEL_ID);
const scripted = fileURLToPath(new URL('../../fixtures/workers/scriptedWorker.cjs', import.meta.url));

/** The parts of a prediction that must not depend on where it ran. */
const outcome = (p: TimedPrediction) => ({
  defectProbability: p.defectProbability,
  predictedClass: p.predictedClass,
  classProbabilities: p.classProbabilities,
  regions: p.regions,
  peak: p.peak,
  topDefectClass: p.topDefectClass,
  heatmap: { ...p.heatmap, data: Array.from(p.heatmap.data) },
});

describe('the default model on worker threads', () => {
  let script: string;
  let inThread: LoadedModel;
  let workers: LoadedModel;
  let files: string[];

  beforeAll(async () => {
    script = await buildInferenceWorker();
    inThread = await loadModel(modelDir);
    workers = await loadModelInWorkers(modelDir, { script, workers: 2 });
    files = (await listImages(DEMO_IMAGES_DIR)).map((f) => path.join(DEMO_IMAGES_DIR, f));
  }, 60_000);
  afterAll(async () => {
    await workers?.close();
    await inThread?.close();
  });

  it('loads the same verified model', () => {
    expect(workers.manifest).toEqual(inThread.manifest);
    expect(workers.sha256).toBe(inThread.sha256);
  });

  it('scores every demo image exactly as the in-thread model does, with all of them in flight at once', async () => {
    const [fromWorkers, local] = await Promise.all([
      Promise.all(files.map((f) => workers.predictFile(f))),
      Promise.all(files.map((f) => inThread.predictFile(f))),
    ]);
    expect(fromWorkers).toHaveLength(40);
    fromWorkers.forEach((p, i) => expect(outcome(p)).toEqual(outcome(local[i]!)));
    // Both outcomes occur, so a mix-up between in-flight images would show.
    expect(new Set(fromWorkers.map((p) => p.defectProbability > 0.5)).size).toBe(2);
  });

  it('scores decoded pixels too', async () => {
    const image = { width: 3, height: 2, data: new Uint8Array([0, 50, 100, 150, 200, 250]) };
    expect(outcome(await workers.predict(image))).toEqual(outcome(await inThread.predict(image)));
  });

  it('keeps the event loop free while a folder is scored', async () => {
    const before = performance.eventLoopUtilization();
    await Promise.all([...files, ...files].map((f) => workers.predictFile(f)));
    const busy = performance.eventLoopUtilization(before).utilization;
    // In-thread, preprocessing and session.run (~5 ms an image) hold the loop nearly all the time.
    expect(busy).toBeLessThan(0.35);
  });

  it('rejects an unreadable file with the same ImageError and goes on scoring', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'truncated.jpg');
    fs.writeFileSync(bad, (await makeImage('jpeg', 1, 200, 150)).subarray(0, 300));
    const local = await inThread.predictFile(bad).catch((err: unknown) => err);
    const remote = await workers.predictFile(bad).catch((err: unknown) => err);
    expect(local).toBeInstanceOf(ImageError);
    expect(remote).toBeInstanceOf(ImageError);
    expect((remote as Error).message).toBe((local as Error).message);
    await expect(workers.predictFile(files[0]!)).resolves.toMatchObject({
      predictedClass: expect.any(String),
    });
  });

  it('refuses a model that fails verification with the in-thread message, leaving no workers behind', async () => {
    const dir = tempDir();
    for (const f of ['manifest.json', 'model.onnx'])
      fs.copyFileSync(path.join(modelDir, f), path.join(dir, f));
    fs.appendFileSync(path.join(dir, 'model.onnx'), Buffer.from([0]));
    const local = await loadModel(dir).catch((err: unknown) => err);
    const remote = await loadModelInWorkers(dir, { script, workers: 2 }).catch((err: unknown) => err);
    expect(remote).toBeInstanceOf(ModelLoadError);
    expect((remote as Error).message).toBe((local as Error).message);
    expect((remote as Error).message).toMatch(/does not match its manifest/);
  });
});

describe('worker pool lifecycle', () => {
  it('reports a worker that cannot load the model', async () => {
    await expect(loadModelInWorkers('fail-load', { script: scripted, workers: 2 })).rejects.toThrow(
      new ModelLoadError('manifest.json is missing'),
    );
  });

  it('fails the image a dying worker held, replaces the worker and goes on', async () => {
    const model = await loadModelInWorkers('ok', { script: scripted, workers: 1 });
    try {
      const first = await model.predictFile('a');
      await expect(model.predictFile('exit')).rejects.toThrow(InferenceWorkerError);
      const after = await model.predictFile('b');
      expect(after.predictedClass).toBe('b');
      // The scripted worker reports its thread id as latency: a new thread answered.
      expect(after.latencyMs).not.toBe(first.latencyMs);
    } finally {
      await model.close();
    }
  });

  it('spreads images over the workers and answers each with its own result', async () => {
    const model = await loadModelInWorkers('ok', { script: scripted, workers: 3 });
    try {
      const names = Array.from({ length: 30 }, (_, i) => `img-${i}`);
      const results = await Promise.all(names.map((n) => model.predictFile(n)));
      expect(results.map((r) => r.predictedClass)).toEqual(names);
      expect(new Set(results.map((r) => r.latencyMs)).size).toBe(3);
      await expect(model.predictFile('bad')).rejects.toBeInstanceOf(ImageError);
    } finally {
      await model.close();
    }
  });

  it('rejects work after close', async () => {
    const model = await loadModelInWorkers('ok', { script: scripted, workers: 1 });
    await model.close();
    await expect(model.predictFile('a')).rejects.toThrow(/model closed/);
  });
});
