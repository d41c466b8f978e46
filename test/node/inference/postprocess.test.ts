import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import { postprocess } from '../../../electron/services/inference/postprocess.js';
import type { RawOutputs } from '../../../electron/services/inference/postprocess.js';
import { letterboxGeometry } from '../../../electron/services/inference/preprocess.js';

const manifest = loadManifest(path.join(MODELS_DIR, 'tile-defect-v1'));
const S = manifest.input.width; // 384 for tile-defect-v1
const G = 48; // heatmap cells per side; stride 8

function outputs(heat: Float32Array, classes = [0.7, 0.1, 0.05, 0.05, 0.05, 0.05]): RawOutputs {
  return {
    [manifest.outputs.defectProbability]: { data: Float32Array.of(1 - classes[0]!), dims: [1] },
    [manifest.outputs.classProbabilities]: { data: Float32Array.from(classes), dims: [1, 6] },
    [manifest.outputs.heatmap]: { data: heat, dims: [1, 1, G, G] },
  };
}

function heatWith(cells: Array<[row: number, col: number, value: number]>): Float32Array {
  const h = new Float32Array(G * G);
  for (const [r, c, v] of cells) h[r * G + c] = v;
  return h;
}

describe('postprocess', () => {
  it('maps probabilities to labels and picks the argmax class', () => {
    const p = postprocess(
      outputs(new Float32Array(G * G), [0.2, 0.1, 0.5, 0.1, 0.05, 0.05]),
      manifest,
      letterboxGeometry(S, S, manifest),
    );
    expect(p.defectProbability).toBeCloseTo(0.8);
    expect(p.predictedClass).toBe('break');
    expect(p.classProbabilities.break).toBeCloseTo(0.5);
    expect(Object.keys(p.classProbabilities)).toEqual(manifest.labels);
  });

  it('returns no regions for an empty heatmap', () => {
    const p = postprocess(outputs(new Float32Array(G * G)), manifest, letterboxGeometry(200, 300, manifest));
    expect(p.regions).toEqual([]);
  });

  it('maps boxes back to source pixels at scale 1 with no letterbox', () => {
    const g = letterboxGeometry(S, S, manifest);
    const p = postprocess(
      outputs(
        heatWith([
          [2, 3, 0.9],
          [2, 4, 0.8],
          [3, 4, 0.7],
        ]),
      ),
      manifest,
      g,
    );
    expect(p.regions).toEqual([{ x: 24, y: 16, width: 16, height: 16, score: expect.closeTo(0.9, 6) }]);
    expect(p.peak).toEqual({ x: 28, y: 20 });
  });

  it('undoes the letterbox offset and scale (tall 192x768 source)', () => {
    const g = letterboxGeometry(192, 768, manifest); // scale 0.5, content 96x384, offsetX 144
    expect(g).toMatchObject({ offsetX: 144, offsetY: 0, contentWidth: 96 });
    const p = postprocess(outputs(heatWith([[10, 20, 0.95]])), manifest, g);
    // cell (10,20) covers input x 160..168, y 80..88 -> source x (160-144)/0.5 = 32..48, y 160..176
    expect(p.regions).toEqual([{ x: 32, y: 160, width: 16, height: 16, score: expect.closeTo(0.95, 6) }]);
    expect(p.peak).toEqual({ x: 40, y: 168 });
  });

  it('clips boxes to the image and drops components that lie only on padding', () => {
    const g = letterboxGeometry(192, 768, manifest); // content spans input x 144..240
    const p = postprocess(
      outputs(
        heatWith([
          [0, 0, 0.9],
          [5, 17, 0.6],
          [5, 18, 0.6],
        ]),
      ),
      manifest,
      g,
    );
    // cells 17-18 cover input x 136..152: the part left of 144 is padding
    expect(p.regions).toHaveLength(1);
    expect(p.regions[0]).toEqual({ x: 0, y: 80, width: 16, height: 16, score: expect.closeTo(0.6, 6) });
  });

  it('separates components, uses 8-connectivity and sorts by score', () => {
    const g = letterboxGeometry(S, S, manifest);
    const heat = heatWith([
      [1, 1, 0.6],
      [2, 2, 0.65],
      [30, 30, 0.99],
      [40, 5, 0.4],
    ]);
    const p = postprocess(outputs(heat), manifest, g);
    expect(p.regions.map((r) => r.score)).toEqual([expect.closeTo(0.99, 6), expect.closeTo(0.65, 6)]);
    expect(p.regions[1]).toMatchObject({ x: 8, y: 8, width: 16, height: 16 });
    expect(p.peak).toEqual({ x: 244, y: 244 });
  });

  it('rejects outputs that disagree with the manifest', () => {
    const g = letterboxGeometry(S, S, manifest);
    const bad = outputs(new Float32Array(G * G));
    bad[manifest.outputs.classProbabilities] = { data: new Float32Array(5), dims: [1, 5] };
    expect(() => postprocess(bad, manifest, g)).toThrow(/expected at least 6|manifest lists 6/);
    const missing = outputs(new Float32Array(G * G));
    delete missing[manifest.outputs.heatmap];
    expect(() => postprocess(missing, manifest, g)).toThrow(/"heatmap" is missing/);
  });
});
