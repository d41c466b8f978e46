/**
 * Proves the Node path (the station's decode -> preprocess -> onnxruntime-node -> postprocess) equals
 * the training recipe (PIL decode -> numpy pre-processing -> torch eval) on real dataset
 * images. Reference values come from models/tile-defect-v1/training/parity.py.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import { postprocess } from '../../../electron/services/inference/postprocess.js';
import { preprocess } from '../../../electron/services/inference/preprocess.js';
import { decodeParityImage, loadParityReference } from '../helpers/parity.js';

const modelDir = path.join(MODELS_DIR, 'tile-defect-v1');
const reference = loadParityReference('reference.json');
const manifest = loadManifest(modelDir);
const TOL = 1e-4;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function summarize(t: Float32Array): { sum: number; sumSq: number; min: number; max: number } {
  const s = { sum: 0, sumSq: 0, min: Infinity, max: -Infinity };
  for (const v of t) {
    s.sum += v;
    s.sumSq += v * v;
    s.min = Math.min(s.min, v);
    s.max = Math.max(s.max, v);
  }
  return s;
}

describe('Node inference path matches the training recipe', () => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    session = await ort.InferenceSession.create(path.join(modelDir, manifest.file), { intraOpNumThreads: 1 });
  });
  afterAll(async () => {
    await session.release();
  });

  it('was generated for the committed model', () => {
    expect(reference.modelSha256).toBe(manifest.sha256);
    expect(reference.images.length).toBeGreaterThanOrEqual(5);
    expect(new Set(reference.images.map((r) => r.label === 'ok')).size).toBe(2);
  });

  for (const ref of reference.images) {
    it(`${ref.file} (${ref.label})`, async () => {
      // The station's decoder: sharp (libvips/libjpeg-turbo) and PIL decode these baseline JPEGs
      // to identical pixels.
      const image = await decodeParityImage(ref);
      expect(image.data.length).toBe(image.width * image.height); // one channel
      expect([image.width, image.height]).toEqual([ref.width, ref.height]);
      expect(createHash('sha256').update(image.data).digest('hex')).toBe(ref.pixelSha256);

      const prepared = preprocess(image, manifest);
      expect(prepared.dims).toEqual(ref.tensor.dims);
      expect(prepared.geometry).toMatchObject({
        offsetX: ref.geometry.offsetX,
        offsetY: ref.geometry.offsetY,
        contentWidth: ref.geometry.contentWidth,
        contentHeight: ref.geometry.contentHeight,
      });
      const sampled = ref.tensor.sampleIndex.map((i) => prepared.tensor[i]!);
      expect(maxAbsDiff(sampled, ref.tensor.sampleValue)).toBeLessThanOrEqual(TOL);
      // Whole-tensor summaries catch a mismatch outside the sampled positions.
      const stats = summarize(prepared.tensor);
      expect(Math.abs(stats.sum - ref.tensor.sum)).toBeLessThanOrEqual(1e-2);
      expect(Math.abs(stats.sumSq - ref.tensor.sumSq) / ref.tensor.sumSq).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(stats.min - ref.tensor.min)).toBeLessThanOrEqual(TOL);
      expect(Math.abs(stats.max - ref.tensor.max)).toBeLessThanOrEqual(TOL);

      const feeds = { [manifest.input.name]: new ort.Tensor('float32', prepared.tensor, prepared.dims) };
      const out = await session.run(feeds);
      const p = out[manifest.outputs.defectProbability]!.data as Float32Array;
      const cls = out[manifest.outputs.classProbabilities]!.data as Float32Array;
      const heat = out[manifest.outputs.heatmap]!;
      expect(Math.abs(p[0]! - ref.outputs.defectProbability)).toBeLessThanOrEqual(TOL);
      expect(maxAbsDiff(cls, ref.outputs.classProbabilities)).toBeLessThanOrEqual(TOL);
      expect(heat.dims).toEqual(ref.outputs.heatmapDims);
      expect(maxAbsDiff(heat.data as Float32Array, ref.outputs.heatmap)).toBeLessThanOrEqual(TOL);

      const raw = Object.fromEntries(
        Object.entries(out).map(([k, t]) => [k, { data: t.data as Float32Array, dims: t.dims }]),
      );
      const pred = postprocess(raw, manifest, prepared.geometry);
      expect(pred.defectProbability).toBeCloseTo(ref.outputs.defectProbability, 4);
      expect(pred.peak).not.toBeNull();
      expect(pred.peak!.x).toBeGreaterThanOrEqual(0);
      expect(pred.peak!.x).toBeLessThan(ref.width);
      expect(pred.peak!.y).toBeLessThan(ref.height);
      for (const r of pred.regions) {
        expect(r.x + r.width).toBeLessThanOrEqual(ref.width + 1e-9);
        expect(r.y + r.height).toBeLessThanOrEqual(ref.height + 1e-9);
      }
    });
  }
});
