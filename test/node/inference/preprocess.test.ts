import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { loadManifest } from '../../../electron/services/inference/manifest.js';
import type { ModelManifest } from '../../../electron/services/inference/manifest.js';
import { letterboxGeometry, preprocess } from '../../../electron/services/inference/preprocess.js';

const base = loadManifest(path.join(MODELS_DIR, 'tile-defect-v1'));
const small = (w: number, h: number): ModelManifest => ({
  ...base,
  input: { ...base.input, width: w, height: h },
});

describe('letterboxGeometry', () => {
  it('fits the long side and centres the short side', () => {
    const g = letterboxGeometry(100, 200, small(8, 8));
    expect(g).toMatchObject({ contentWidth: 4, contentHeight: 8, offsetX: 2, offsetY: 0, scale: 0.04 });
    expect(g.scaleX).toBeCloseTo(0.04);
  });

  it('rounds half up like the recipe (floor(x + 0.5))', () => {
    // 5 * (8 / 16) = 2.5 -> 3 (Math.round agrees, Python round() would give 2)
    expect(letterboxGeometry(5, 16, small(8, 8)).contentWidth).toBe(3);
  });
});

describe('preprocess', () => {
  it('standardises the content and leaves padding at padValue', () => {
    const data = Uint8Array.from([0, 255, 0, 255]);
    const { tensor, dims, geometry } = preprocess({ data, width: 2, height: 2 }, small(8, 4));
    expect(dims).toEqual([1, 1, 4, 8]);
    expect(geometry).toMatchObject({ offsetX: 2, offsetY: 0, contentWidth: 4, contentHeight: 4 });
    const content: number[] = [];
    for (let y = 0; y < 4; y++) {
      expect(tensor[y * 8]).toBe(base.preprocessing.padValue);
      expect(tensor[y * 8 + 7]).toBe(base.preprocessing.padValue);
      for (let x = 2; x < 6; x++) content.push(tensor[y * 8 + x]!);
    }
    const mean = content.reduce((a, b) => a + b, 0) / content.length;
    const sd = Math.sqrt(content.reduce((a, b) => a + (b - mean) ** 2, 0) / content.length);
    expect(mean).toBeCloseTo(0, 6);
    expect(sd).toBeCloseTo(1, 5);
    // half-pixel bilinear 2 -> 4: columns sample source x = -0.25(clamped 0), 0.25, 0.75, 1.25(clamped 1)
    expect(content[0]! < content[1]! && content[1]! < content[2]! && content[2]! < content[3]!).toBe(true);
    expect(content[0]).toBe(content[4]);
  });

  it('does not amplify a blank frame (std floor)', () => {
    const { tensor } = preprocess({ data: new Uint8Array(16).fill(90), width: 4, height: 4 }, small(8, 8));
    expect(tensor.every((v) => v === 0)).toBe(true);
  });

  it('writes every element of a reused tensor, and gives the same tensor as a fresh one', () => {
    const manifest = small(64, 48);
    // Sizes in a row that need different plans (down- and upscaling, both orientations).
    const images = [
      [200, 90],
      [31, 77],
      [64, 48],
      [7, 5],
    ].map(([width, height], seed) => ({
      width: width!,
      height: height!,
      data: Uint8Array.from({ length: width! * height! }, (_, i) => (i * 37 + seed * 101) % 256),
    }));
    const reused = new Float32Array(64 * 48).fill(Number.NaN);
    for (const image of images) {
      const fresh = preprocess(image, manifest).tensor;
      const again = preprocess(image, manifest, reused);
      expect(again.tensor).toBe(reused);
      expect(Array.from(again.tensor)).toEqual(Array.from(fresh));
    }
    // A buffer of the wrong length is not used.
    const wrong = new Float32Array(10);
    expect(preprocess(images[0]!, manifest, wrong).tensor).not.toBe(wrong);
  });

  it('refuses pixel buffers that do not match the size', () => {
    expect(() => preprocess({ data: new Uint8Array(5), width: 2, height: 2 }, base)).toThrow(
      /expected 4 greyscale bytes/,
    );
  });
});
