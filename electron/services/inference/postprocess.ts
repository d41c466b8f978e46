/**
 * Turns raw model outputs into a prediction in source-image terms: calibrated defect
 * probability (calibration lives inside the ONNX graph, so nothing is re-fitted here), class
 * probabilities keyed by label, heatmap regions as boxes in source pixels, and the peak.
 * Outputs are validated against the manifest because a model file is untrusted input.
 */
import type { ModelManifest } from './manifest.js';
import type { Geometry } from './preprocess.js';

export type RawOutputs = Record<string, { data: Float32Array; dims: readonly number[] }>;
export type Region = { x: number; y: number; width: number; height: number; score: number };
export type ModelPrediction = {
  defectProbability: number;
  predictedClass: string;
  classProbabilities: Record<string, number>;
  regions: Region[];
  peak: { x: number; y: number } | null;
};

function output(
  outputs: RawOutputs,
  name: string,
  minLength: number,
): { data: Float32Array; dims: readonly number[] } {
  const out = outputs[name];
  if (!out) throw new Error(`model output "${name}" is missing`);
  if (out.data.length < minLength)
    throw new Error(`model output "${name}" has ${out.data.length} values, expected at least ${minLength}`);
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

/** Heatmap cell size in model-input pixels, derived from the real output dims. */
function cellSize(geometry: Geometry, h: number, w: number): { cw: number; ch: number } {
  return { cw: geometry.inputWidth / w, ch: geometry.inputHeight / h };
}

/** Input-pixel x/y -> source-pixel x/y (undo letterbox offset and scale). */
export function toSource(geometry: Geometry, x: number, y: number): { x: number; y: number } {
  return { x: (x - geometry.offsetX) / geometry.scaleX, y: (y - geometry.offsetY) / geometry.scaleY };
}

/**
 * Threshold the heatmap, group cells into 8-connected components, and report each component's
 * bounding box in source pixels with its maximum heat. Boxes are clipped to the image;
 * components lying only on letterbox padding vanish. Sorted by score, highest first.
 */
export function heatmapRegions(
  heat: ArrayLike<number>,
  h: number,
  w: number,
  threshold: number,
  geometry: Geometry,
): Region[] {
  const label = new Int32Array(h * w).fill(-1);
  const stack: number[] = [];
  const { cw, ch } = cellSize(geometry, h, w);
  const regions: Region[] = [];
  for (let start = 0; start < h * w; start++) {
    if (label[start] !== -1 || !(heat[start]! >= threshold)) continue;
    const box = { r0: h, r1: -1, c0: w, c1: -1, score: -Infinity };
    label[start] = start;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const r = Math.floor(i / w);
      const c = i - r * w;
      box.r0 = Math.min(box.r0, r);
      box.r1 = Math.max(box.r1, r);
      box.c0 = Math.min(box.c0, c);
      box.c1 = Math.max(box.c1, c);
      box.score = Math.max(box.score, heat[i]!);
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
          const j = rr * w + cc;
          if (label[j] === -1 && heat[j]! >= threshold) {
            label[j] = start;
            stack.push(j);
          }
        }
      }
    }
    // Cell (r, c) covers input pixels [c*cw, (c+1)*cw) x [r*ch, (r+1)*ch).
    const a = toSource(geometry, box.c0 * cw, box.r0 * ch);
    const b = toSource(geometry, (box.c1 + 1) * cw, (box.r1 + 1) * ch);
    const x0 = clamp(a.x, 0, geometry.sourceWidth);
    const x1 = clamp(b.x, 0, geometry.sourceWidth);
    const y0 = clamp(a.y, 0, geometry.sourceHeight);
    const y1 = clamp(b.y, 0, geometry.sourceHeight);
    if (x1 - x0 <= 0 || y1 - y0 <= 0) continue;
    regions.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0, score: box.score });
  }
  return regions.sort((p, q) => q.score - p.score);
}

/** Centre of the hottest cell, in source pixels (clamped into the image); null if no finite heat. */
export function heatmapPeak(
  heat: ArrayLike<number>,
  h: number,
  w: number,
  geometry: Geometry,
): { x: number; y: number } | null {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < h * w; i++) {
    const v = heat[i]!;
    if (Number.isFinite(v) && v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  if (best < 0) return null;
  const { cw, ch } = cellSize(geometry, h, w);
  const r = Math.floor(best / w);
  const c = best - r * w;
  const p = toSource(geometry, (c + 0.5) * cw, (r + 0.5) * ch);
  return { x: clamp(p.x, 0, geometry.sourceWidth - 1), y: clamp(p.y, 0, geometry.sourceHeight - 1) };
}

/** Reads item 0 of the batch (the runner feeds one image per call). */
export function postprocess(
  outputs: RawOutputs,
  manifest: ModelManifest,
  geometry: Geometry,
): ModelPrediction {
  const labels = manifest.labels;
  const defect = output(outputs, manifest.outputs.defectProbability, 1);
  const classes = output(outputs, manifest.outputs.classProbabilities, labels.length);
  const heat = output(outputs, manifest.outputs.heatmap, 1);

  if (classes.dims.at(-1) !== labels.length) {
    throw new Error(
      `model output "${manifest.outputs.classProbabilities}" has ${String(classes.dims.at(-1))} classes, manifest lists ${labels.length}`,
    );
  }
  if (heat.dims.length !== 4 || heat.dims[1] !== 1) {
    throw new Error(
      `model output "${manifest.outputs.heatmap}" must be [N,1,h,w], got [${heat.dims.join(',')}]`,
    );
  }
  const h = heat.dims[2]!;
  const w = heat.dims[3]!;
  if (heat.data.length < h * w)
    throw new Error(`model output "${manifest.outputs.heatmap}" is shorter than its dims`);

  const defectProbability = defect.data[0]!;
  if (!Number.isFinite(defectProbability)) throw new Error('model returned a non-finite defect probability');
  const classProbabilities: Record<string, number> = {};
  let predictedClass = labels[0]!;
  let best = -Infinity;
  labels.forEach((label, i) => {
    const p = classes.data[i]!;
    classProbabilities[label] = p;
    if (p > best) {
      best = p;
      predictedClass = label;
    }
  });
  const plane = heat.data.subarray(0, h * w);
  return {
    defectProbability,
    predictedClass,
    classProbabilities,
    regions: heatmapRegions(plane, h, w, manifest.thresholds.heatmapRegion, geometry),
    peak: heatmapPeak(plane, h, w, geometry),
  };
}
