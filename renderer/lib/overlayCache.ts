import { heatmapToPixels } from './heatmap';
import type { HeatmapGrid, OverlayPixels } from './heatmap';

export type PreparedOverlay = OverlayPixels & {
  /** Ready for putImageData; null where the environment has no ImageData (tests without canvas). */
  imageData: ImageData | null;
};

/** A few queue items ahead and a few undo steps back; each entry is a few kilobytes. */
const LIMIT = 24;
const cache = new Map<string, PreparedOverlay | null>();

function keyOf(grid: HeatmapGrid): string {
  // The payload itself is the identity: a queue refresh hands in new objects for the same heatmap.
  return `${grid.width}x${grid.height}:${grid.data}`;
}

/**
 * Decodes and colours a heatmap once; the prefetch calls this for the next items so that when
 * one comes on screen its overlay is a single putImageData away.
 */
export function prepareOverlay(grid: HeatmapGrid): PreparedOverlay | null {
  const key = keyOf(grid);
  if (cache.has(key)) {
    const hit = cache.get(key) ?? null;
    // Re-insert so the map's order stays least-recently-used first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const pixels = heatmapToPixels(grid);
  const prepared = pixels && {
    ...pixels,
    imageData:
      typeof ImageData === 'undefined' ? null : new ImageData(pixels.rgba, pixels.width, pixels.height),
  };
  cache.set(key, prepared);
  for (const oldest of cache.keys()) {
    if (cache.size <= LIMIT) break;
    cache.delete(oldest);
  }
  return prepared;
}
