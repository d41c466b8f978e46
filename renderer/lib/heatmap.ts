/**
 * The model's heatmap (base64 of width×height bytes, heat × 255, row-major) as RGBA pixels for
 * a canvas. Pure, so it can run ahead for the next items and be tested without a DOM. The
 * payload is untrusted: a wrong length or bad base64 yields null and nothing is drawn.
 */
export type HeatmapGrid = { width: number; height: number; data: string };
export type OverlayPixels = { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> };

/** Heat below this shows nothing, so clean areas of the image are not tinted. */
export const HEAT_FLOOR = 0.05;
/** Heat at or above this is drawn fully opaque (the opacity slider still applies on top). */
export const HEAT_FULL = 0.5;
/** Blue → cyan → green → yellow → red: hue alone tells low from high on grey parts. */
const STOPS: readonly [number, number, number, number][] = [
  [0, 48, 18, 160],
  [0.25, 0, 160, 230],
  [0.5, 40, 200, 80],
  [0.75, 250, 220, 30],
  [1, 235, 30, 30],
];

function colourAt(t: number): [number, number, number] {
  for (let i = 1; i < STOPS.length; i++) {
    const [t1, r1, g1, b1] = STOPS[i]!;
    if (t > t1) continue;
    const [t0, r0, g0, b0] = STOPS[i - 1]!;
    const f = (t - t0) / (t1 - t0);
    return [Math.round(r0 + (r1 - r0) * f), Math.round(g0 + (g1 - g0) * f), Math.round(b0 + (b1 - b0) * f)];
  }
  const [, r, g, b] = STOPS.at(-1)!;
  return [r, g, b];
}

/** 256 entries × RGBA, built once: the per-pixel work is then a table lookup. */
export const COLORMAP: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const t = v / 255;
    const [r, g, b] = colourAt(t);
    lut.set(
      [r, g, b, Math.round(255 * Math.min(1, Math.max(0, (t - HEAT_FLOOR) / (HEAT_FULL - HEAT_FLOOR))))],
      v * 4,
    );
  }
  return lut;
})();

export function decodeBase64(data: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function heatToRgba(
  heat: ArrayLike<number>,
  width: number,
  height: number,
  lut: Uint8ClampedArray = COLORMAP,
): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = heat[i]! & 255;
    rgba[i * 4] = lut[v * 4]!;
    rgba[i * 4 + 1] = lut[v * 4 + 1]!;
    rgba[i * 4 + 2] = lut[v * 4 + 2]!;
    rgba[i * 4 + 3] = lut[v * 4 + 3]!;
  }
  return rgba;
}

/** Refuses sizes a real model never produces, so a hostile payload cannot allocate gigabytes. */
const MAX_CELLS = 1024 * 1024;

export function heatmapToPixels(grid: HeatmapGrid): OverlayPixels | null {
  const { width, height } = grid;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width <= 0 ||
    height <= 0 ||
    width * height > MAX_CELLS
  )
    return null;
  const bytes = decodeBase64(grid.data);
  if (!bytes || bytes.length !== width * height) return null;
  return { width, height, rgba: heatToRgba(bytes, width, height) };
}
