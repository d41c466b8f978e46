/**
 * tile-defect-lite (the smaller shadow-challenger / fallback model) runs through the same
 * runtime as the default model with no code changes: its manifest validates, matches its ONNX
 * file and the session's inputs/outputs, and loadModel scores the parity images with outputs in
 * range. Its outputs are also held to the torch references that
 * models/tile-defect-v1/training/parity.py wrote for it (reference-lite.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGray } from '../../../electron/services/imaging/decode.js';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import { loadModel } from '../../../electron/services/inference/modelRunner.js';
import type { LoadedModel } from '../../../electron/services/inference/modelRunner.js';

type Ref = {
  file: string;
  label: string;
  width: number;
  height: number;
  outputs: {
    defectProbability: number;
    classProbabilities: number[];
    heatmapDims: number[];
    heatmap: number[];
  };
};

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const liteDir = path.join(repo, 'models', 'tile-defect-lite');
const defaultDir = path.join(repo, 'models', 'tile-defect-v1');
const fixtures = path.join(repo, 'test', 'fixtures', 'parity');
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, 'reference-lite.json'), 'utf8')) as {
  modelId: string;
  modelSha256: string;
  images: Ref[];
};
const TOL = 1e-4;

describe('tile-defect-lite through the station runtime', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await loadModel(liteDir);
  });
  afterAll(async () => {
    await model.close();
  });

  it('has its own id and version and the default model I/O contract', () => {
    const lite = model.manifest;
    const main = loadManifest(defaultDir);
    expect(lite.id).toBe('tile-defect-lite');
    expect(lite.version).toBe('1.0.0');
    expect(lite.id).not.toBe(main.id);
    // Same contract as the default model: labels, I/O names, pre-processing kind, calibration in graph.
    expect(lite.labels).toEqual(main.labels);
    expect(lite.okLabel).toBe(main.okLabel);
    expect(lite.input.name).toBe(main.input.name);
    expect(lite.outputs).toEqual(main.outputs);
    expect(lite.preprocessing.normalization).toEqual(main.preprocessing.normalization);
    expect(lite.calibration.appliedInGraph).toBe(true);
    expect(lite.dataset.citation).toContain('10.1007/s00371-018-1588-5');
    // ...but a really different network: a smaller canvas, so a coarser heatmap.
    expect(lite.input.width).toBeLessThan(main.input.width);
    expect(lite.heatmap!.width * lite.heatmap!.stride).toBe(lite.input.width);
    expect(lite.heatmap!.height * lite.heatmap!.stride).toBe(lite.input.height);
    expect(lite.thresholds.t_ok).toBeLessThanOrEqual(lite.thresholds.t_defect);
  });

  it('loads only the file its manifest names (sha256 checked by loadModel)', () => {
    expect(model.sha256).toBe(model.manifest.sha256);
    expect(model.sha256).not.toBe(loadManifest(defaultDir).sha256);
    expect(reference.modelId).toBe('tile-defect-lite');
    expect(reference.modelSha256).toBe(model.sha256);
  });

  it("names the inputs and outputs the ONNX session reports, with the manifest's shapes", async () => {
    const m = model.manifest;
    const session = await ort.InferenceSession.create(path.join(liteDir, m.file), { intraOpNumThreads: 1 });
    try {
      expect(session.inputNames).toEqual([m.input.name]);
      expect([...session.outputNames].sort()).toEqual(Object.values(m.outputs).sort());
      const { channels: c, height: h, width: w } = m.input;
      const x = new ort.Tensor('float32', new Float32Array(2 * c * h * w), [2, c, h, w]);
      const out = await session.run({ [m.input.name]: x });
      expect(out[m.outputs.defectProbability]!.dims).toEqual([2]);
      expect(out[m.outputs.classProbabilities]!.dims).toEqual([2, m.labels.length]);
      expect(out[m.outputs.heatmap]!.dims).toEqual([2, 1, m.heatmap!.height, m.heatmap!.width]);
    } finally {
      await session.release();
    }
  });

  for (const ref of reference.images) {
    it(`scores ${ref.file} (${ref.label}) in range and as the recipe does`, async () => {
      const image = await decodeGray(fs.readFileSync(path.join(fixtures, ref.file)));
      expect([image.width, image.height]).toEqual([ref.width, ref.height]);
      const pred = await model.predict(image);

      expect(pred.defectProbability).toBeGreaterThanOrEqual(0);
      expect(pred.defectProbability).toBeLessThanOrEqual(1);
      const probs = model.manifest.labels.map((l) => pred.classProbabilities[l]!);
      for (const p of probs) expect(p >= 0 && p <= 1).toBe(true);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(pred.classProbabilities.ok! + pred.defectProbability).toBeCloseTo(1, 5);
      expect(model.manifest.labels).toContain(pred.predictedClass);
      expect(pred.topDefectClass).not.toBe('ok');

      expect([pred.heatmap.height, pred.heatmap.width]).toEqual(ref.outputs.heatmapDims.slice(2));
      expect(pred.peak).not.toBeNull();
      expect(pred.peak!.x).toBeGreaterThanOrEqual(0);
      expect(pred.peak!.x).toBeLessThan(ref.width);
      expect(pred.peak!.y).toBeGreaterThanOrEqual(0);
      expect(pred.peak!.y).toBeLessThan(ref.height);
      for (const r of pred.regions) {
        expect(r.score).toBeGreaterThanOrEqual(model.manifest.thresholds.heatmapRegion);
        expect(r.x + r.width).toBeLessThanOrEqual(ref.width + 1e-9);
        expect(r.y + r.height).toBeLessThanOrEqual(ref.height + 1e-9);
      }

      // Parity with the training recipe (torch eval mode, same weights and calibration).
      expect(Math.abs(pred.defectProbability - ref.outputs.defectProbability)).toBeLessThanOrEqual(TOL);
      probs.forEach((p, i) =>
        expect(Math.abs(p - ref.outputs.classProbabilities[i]!)).toBeLessThanOrEqual(TOL),
      );
      // The stored heatmap is quantised to bytes (heat x 255): allow one step for rounding.
      ref.outputs.heatmap.forEach((v, i) =>
        expect(Math.abs(pred.heatmap.data[i]! - Math.round(v * 255))).toBeLessThanOrEqual(1),
      );
    });
  }
});
