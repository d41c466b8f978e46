import { describe, expect, it } from 'vitest';
import { COLORMAP, decodeBase64, heatToRgba, heatmapToPixels } from '../../renderer/lib/heatmap';

const encode = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

describe('heatmap to RGBA', () => {
  it('decodes base64 bytes', () => {
    expect(Array.from(decodeBase64(encode([0, 1, 128, 255]))!)).toEqual([0, 1, 128, 255]);
    expect(decodeBase64('not base64!')).toBeNull();
  });

  it('leaves cold cells transparent and draws hot cells opaque red, row-major', () => {
    const rgba = heatToRgba([0, 255, 64, 128], 2, 2);
    expect(rgba).toHaveLength(16);
    expect(Array.from(rgba.slice(0, 4))).toEqual([48, 18, 160, 0]);
    expect(Array.from(rgba.slice(4, 8))).toEqual([235, 30, 30, 255]);
    // Heat 64/255 ≈ 0.25: cyan-ish, partly transparent.
    expect(Array.from(rgba.slice(8, 12))).toEqual(Array.from(COLORMAP.slice(64 * 4, 64 * 4 + 4)));
    expect(rgba[11]).toBeGreaterThan(0);
    expect(rgba[11]).toBeLessThan(255);
    // Heat ≥ 0.5 is fully opaque.
    expect(rgba[15]).toBe(255);
  });

  it('the colour map rises monotonically in opacity', () => {
    for (let v = 1; v < 256; v++)
      expect(COLORMAP[v * 4 + 3]!).toBeGreaterThanOrEqual(COLORMAP[(v - 1) * 4 + 3]!);
  });

  it('refuses a payload whose size does not match its grid', () => {
    expect(heatmapToPixels({ width: 2, height: 2, data: encode([1, 2, 3, 4]) })?.rgba).toHaveLength(16);
    expect(heatmapToPixels({ width: 2, height: 2, data: encode([1, 2, 3]) })).toBeNull();
    expect(heatmapToPixels({ width: 0, height: 2, data: '' })).toBeNull();
    expect(heatmapToPixels({ width: 100_000, height: 100_000, data: '' })).toBeNull();
    expect(heatmapToPixels({ width: 1, height: 1, data: '%%' })).toBeNull();
  });
});
