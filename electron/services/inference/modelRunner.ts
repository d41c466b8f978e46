import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { decodeGray } from '../imaging/decode.js';
import type { GrayPixels } from '../imaging/decode.js';
import { heatmapGrid } from './heatmapGrid.js';
import type { HeatmapGrid } from './heatmapGrid.js';
import { loadManifest } from './manifest.js';
import type { ModelManifest } from './manifest.js';
import { postprocess } from './postprocess.js';
import type { ModelPrediction, RawOutputs } from './postprocess.js';
import { preprocess } from './preprocess.js';

export type TimedPrediction = ModelPrediction & {
  latencyMs: number;
  heatmap: HeatmapGrid;
  topDefectClass: string | null;
};

export type LoadedModel = {
  manifest: ModelManifest;
  sha256: string;
  predict(image: GrayPixels): Promise<TimedPrediction>;
  /** Reads, decodes and scores one file; an unreadable image rejects with an ImageError. */
  predictFile(absolutePath: string): Promise<TimedPrediction>;
  close(): Promise<void>;
};

/** Input tensors kept for reuse per model: enough for the images a worker has in flight. */
const MAX_SPARE_TENSORS = 4;

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/**
 * Loads one model version from its folder. The manifest is the whole description of the
 * model; the file's hash must match it so a swapped or half-copied model.onnx is refused.
 * One session per model version, created once. onnxruntime-node runs `session.run`
 * synchronously on the calling thread: the station loads its model on worker threads
 * (modelWorkers.ts) so its event loop stays free; this in-thread form serves those workers,
 * tests and tools.
 */
export async function loadModel(
  modelDir: string,
  options: { intraOpThreads?: number } = {},
): Promise<LoadedModel> {
  let manifest: ModelManifest;
  try {
    manifest = loadManifest(modelDir);
  } catch (err) {
    throw new ModelLoadError(err instanceof Error ? err.message : String(err));
  }
  const file = path.join(modelDir, manifest.file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new ModelLoadError(`model file not found: ${file}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== manifest.sha256) {
    throw new ModelLoadError(
      `${file} does not match its manifest (sha256 ${sha256.slice(0, 12)}…, manifest says ${manifest.sha256.slice(0, 12)}…)`,
    );
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: options.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (err) {
    throw new ModelLoadError(`${file} is not a loadable ONNX model: ${String(err).split('\n')[0]}`);
  }
  const wantedOutputs = Object.values(manifest.outputs);
  const missing = [manifest.input.name, ...wantedOutputs].filter(
    (name) => !session.inputNames.includes(name) && !session.outputNames.includes(name),
  );
  if (missing.length) {
    await session.release();
    throw new ModelLoadError(`${file} lacks the inputs/outputs its manifest names: ${missing.join(', ')}`);
  }

  // Input tensors come back here after their run, for the next images to reuse.
  const spareTensors: Float32Array[] = [];
  const predict = async (image: GrayPixels): Promise<TimedPrediction> => {
    const started = performance.now();
    const prepared = preprocess(image, manifest, spareTensors.pop());
    const feeds = { [manifest.input.name]: new ort.Tensor('float32', prepared.tensor, prepared.dims) };
    let results: ort.InferenceSession.ReturnType;
    try {
      results = await session.run(feeds, wantedOutputs);
    } finally {
      // The run has read the input; the next image may overwrite it.
      if (spareTensors.length < MAX_SPARE_TENSORS) spareTensors.push(prepared.tensor);
    }
    const raw: RawOutputs = {};
    for (const name of wantedOutputs) {
      const t = results[name]!;
      raw[name] = { data: t.data as Float32Array, dims: t.dims };
    }
    const prediction = postprocess(raw, manifest, prepared.geometry);
    const heat = raw[manifest.outputs.heatmap]!;
    const [h, w] = [heat.dims[2]!, heat.dims[3]!];
    return {
      ...prediction,
      heatmap: heatmapGrid(heat.data, h, w, prepared.geometry),
      topDefectClass: topDefectClass(prediction.classProbabilities, manifest.okLabel),
      latencyMs: performance.now() - started,
    };
  };
  return {
    manifest,
    sha256,
    predict,
    predictFile: async (absolutePath) => predict(await decodeGray(await fs.readFile(absolutePath))),
    close: () => session.release(),
  };
}

/** The most likely defect class, ignoring the OK label; it selects a per-class band. */
export function topDefectClass(classProbabilities: Record<string, number>, okLabel: string): string | null {
  let best: string | null = null;
  let bestP = -Infinity;
  for (const [label, p] of Object.entries(classProbabilities)) {
    if (label !== okLabel && p > bestP) {
      best = label;
      bestP = p;
    }
  }
  return best;
}
