import { toSource } from './postprocess.js';
import type { Geometry } from './preprocess.js';

/** The defect heatmap as stored and sent to the station: one byte per cell (heat × 255). */
export type HeatmapGrid = {
  width: number;
  height: number;
  data: Uint8Array;
  /** Where the grid lies over the source image, in source pixels (can extend past its edges). */
  box: { x: number; y: number; width: number; height: number };
};

/** Quantises heatmap plane [h×w] and places it over the source image using the letterbox geometry. */
export function heatmapGrid(plane: ArrayLike<number>, h: number, w: number, geometry: Geometry): HeatmapGrid {
  const data = new Uint8Array(h * w);
  for (let i = 0; i < h * w; i++) {
    const v = plane[i]!;
    data[i] = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
  }
  // The grid spans the whole model input, padding included.
  const topLeft = toSource(geometry, 0, 0);
  const bottomRight = toSource(geometry, geometry.inputWidth, geometry.inputHeight);
  return {
    width: w,
    height: h,
    data,
    box: { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y },
  };
}
