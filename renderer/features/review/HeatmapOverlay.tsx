import { useLayoutEffect, useRef } from 'react';
import type { SuggestionDto } from '../../../electron/shared/contract';
import { prepareOverlay } from '../../lib/overlayCache';

type Heatmap = NonNullable<SuggestionDto['heatmap']>;

/**
 * The heatmap grid as a canvas of one pixel per cell, stretched by CSS over the box where the
 * grid lies on the image (source-image pixels, inside the zoomed image box): the browser's
 * bilinear scaling keeps every cell centre on its place at any zoom. The part of the box that
 * lies on letterbox padding is clipped by the image box.
 */
export function HeatmapOverlay({ heatmap, opacity }: { heatmap: Heatmap; opacity: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // Layout effect: drawn before the browser paints the frame that shows the canvas.
  useLayoutEffect(() => {
    const prepared = prepareOverlay(heatmap);
    const context = ref.current?.getContext('2d');
    if (!prepared?.imageData || !context) return;
    context.putImageData(prepared.imageData, 0, 0);
  }, [heatmap]);
  const { box } = heatmap;
  return (
    <canvas
      ref={ref}
      className="heatmap-overlay"
      data-testid="heatmap-overlay"
      aria-hidden="true"
      width={heatmap.width}
      height={heatmap.height}
      style={{ left: box.x, top: box.y, width: box.width, height: box.height, opacity }}
    />
  );
}
