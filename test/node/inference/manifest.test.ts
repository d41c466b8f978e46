import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { loadManifest, modelManifestSchema } from '../../../electron/services/inference/manifest.js';
import type { ModelManifest } from '../../../electron/services/inference/manifest.js';
import { tempDir } from '../helpers/tmp.js';

const modelDir = path.join(MODELS_DIR, 'tile-defect-v1');

describe('tile-defect-v1 manifest', () => {
  let manifest: ModelManifest;

  beforeAll(() => {
    manifest = loadManifest(modelDir);
  });

  it('validates and describes the default model', () => {
    expect(manifest.id).toBe('tile-defect-v1');
    expect(manifest.file).toBe('model.onnx');
    expect(manifest.labels).toEqual(['ok', 'blowhole', 'break', 'crack', 'fray', 'uneven']);
    expect(manifest.okLabel).toBe('ok');
    expect(manifest.input).toMatchObject({ channels: 1, dtype: 'float32' });
    expect(manifest.thresholds.t_ok).toBeLessThanOrEqual(manifest.thresholds.t_defect);
    expect(manifest.dataset.citation).toContain('10.1007/s00371-018-1588-5');
  });

  it('carries the sha256 of model.onnx', () => {
    const bytes = fs.readFileSync(path.join(modelDir, manifest.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest.sha256);
  });
});

// Every shipped model must honour the same I/O contract, or the runtime could not swap them.
describe.each(['tile-defect-v1', 'tile-defect-lite'])('%s ONNX session', (modelId) => {
  let manifest: ModelManifest;
  let session: ort.InferenceSession;

  beforeAll(async () => {
    manifest = loadManifest(path.join(MODELS_DIR, modelId));
    session = await ort.InferenceSession.create(path.join(MODELS_DIR, modelId, manifest.file), {
      intraOpNumThreads: 1,
    });
  });
  afterAll(async () => {
    await session.release();
  });

  it('names the inputs and outputs the ONNX session reports', () => {
    expect(session.inputNames).toEqual([manifest.input.name]);
    expect([...session.outputNames].sort()).toEqual(Object.values(manifest.outputs).sort());
  });

  it('produces the documented output shapes (batch 1 and 2)', async () => {
    const { channels: c, height: h, width: w } = manifest.input;
    for (const n of [1, 2]) {
      const x = new ort.Tensor('float32', new Float32Array(n * c * h * w), [n, c, h, w]);
      const out = await session.run({ [manifest.input.name]: x });
      const p = out[manifest.outputs.defectProbability]!;
      const cls = out[manifest.outputs.classProbabilities]!;
      const heat = out[manifest.outputs.heatmap]!;
      expect(p.dims).toEqual([n]);
      expect(cls.dims).toEqual([n, manifest.labels.length]);
      expect(heat.dims).toEqual([n, 1, manifest.heatmap!.height, manifest.heatmap!.width]);
      expect(heat.dims[2]! * manifest.heatmap!.stride).toBe(h);
      const probs = cls.data as Float32Array;
      const sum = probs.slice(0, manifest.labels.length).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
      // Calibration is inside the graph: P(ok) = 1 - defect probability.
      expect(probs[0]! + (p.data as Float32Array)[0]!).toBeCloseTo(1, 5);
      for (const v of heat.data as Float32Array) expect(v >= 0 && v <= 1).toBe(true);
    }
  });
});

describe('loadManifest errors', () => {
  const dir = tempDir('loupe-manifest-');
  const good = JSON.parse(fs.readFileSync(path.join(modelDir, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const write = (value: unknown): void =>
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      typeof value === 'string' ? value : JSON.stringify(value),
    );

  it('names the file when it is missing', () => {
    expect(() => loadManifest(path.join(dir, 'nope'))).toThrow(/manifest\.json: file not found/);
  });

  it('names the file when it is not JSON', () => {
    write('{ not json');
    expect(() => loadManifest(dir)).toThrow(
      new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*not valid JSON`),
    );
  });

  it('names the failing field', () => {
    write({ ...good, sha256: 'abc' });
    expect(() => loadManifest(dir)).toThrow(/invalid: sha256: sha256 must be 64/);
    write({ ...good, file: '../evil.onnx' });
    expect(() => loadManifest(dir)).toThrow(/file: file must be a plain \.onnx file name/);
    write({ ...good, okLabel: 'good' });
    expect(() => loadManifest(dir)).toThrow(/okLabel "good" is not in labels/);
    write({ ...good, thresholds: { t_ok: 0.9, t_defect: 0.1, heatmapRegion: 0.5 } });
    expect(() => loadManifest(dir)).toThrow(/t_ok must not exceed t_defect/);
  });

  it('rejects pre-processing the runtime does not implement', () => {
    const pre = good.preprocessing as Record<string, unknown>;
    const bad = {
      ...good,
      preprocessing: { ...pre, resize: { ...(pre.resize as object), algorithm: 'lanczos3' } },
    };
    expect(modelManifestSchema.safeParse(bad).success).toBe(false);
  });
});
