/**
 * Proves the Node path (sharp decode -> preprocess -> onnxruntime-node -> postprocess) equals
 * the training recipe (PIL decode -> numpy pre-processing -> torch eval) on real dataset
 * images. Reference values come from models/tile-defect-v1/training/parity.py.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import { postprocess } from '../../../electron/services/inference/postprocess.js';
import { preprocess } from '../../../electron/services/inference/preprocess.js';

type Ref = {
  file: string;
  label: string;
  width: number;
  height: number;
  pixelSha256: string;
  geometry: { offsetX: number; offsetY: number; contentWidth: number; contentHeight: number; scale: number };
  tensor: {
    dims: number[];
    sum: number;
    sumSq: number;
    min: number;
    max: number;
    sampleIndex: number[];
    sampleValue: number[];
  };
  outputs: {
    defectProbability: number;
    classProbabilities: number[];
    heatmapDims: number[];
    heatmap: number[];
  };
};

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const modelDir = path.join(repo, 'models', 'tile-defect-v1');
const fixtures = path.join(repo, 'test', 'fixtures', 'parity');
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, 'reference.json'), 'utf8')) as {
  modelSha256: string;
  images: Ref[];
};
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

async function decode(file: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(fs.readFileSync(file))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
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
      const image = await decode(path.join(fixtures, ref.file));
      // sharp (libvips/libjpeg-turbo) and PIL decode these baseline JPEGs to identical pixels.
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
