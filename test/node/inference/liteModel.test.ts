/**
 * tile-defect-lite (the smaller shadow-challenger / fallback model) runs through the same
 * runtime as the default model with no code changes: its manifest validates and matches its ONNX
 * file (manifest.test.ts checks the session's inputs/outputs for every model), and loadModel
 * scores the parity images with outputs in range. Its outputs are also held to the torch
 * references that models/tile-defect-v1/training/parity.py wrote for it (reference-lite.json).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import { loadModel } from '../../../electron/services/inference/modelRunner.js';
import type { LoadedModel } from '../../../electron/services/inference/modelRunner.js';
import { decodeParityImage, loadParityReference } from '../helpers/parity.js';

const liteDir = path.join(MODELS_DIR, 'tile-defect-lite');
const defaultDir = path.join(MODELS_DIR, 'tile-defect-v1');
const reference = loadParityReference('reference-lite.json');
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

  for (const ref of reference.images) {
    it(`scores ${ref.file} (${ref.label}) in range and as the recipe does`, async () => {
      const image = await decodeParityImage(ref);
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
