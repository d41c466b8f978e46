/**
 * Zoom and pan as pure math. The image, the heatmap, the region outlines and the peak marker all
 * live in one box measured in source-image pixels, placed on screen by a single translate+scale;
 * so anything mapped with these functions stays registered with the image at every zoom.
 */
export type Size = { width: number; height: number };
export type Point = { x: number; y: number };
export type Rect = { x: number; y: number; width: number; height: number };
/** zoom: a multiple of the fit scale (1 = the whole image fits). centre: the image point shown at the stage's middle. */
export type View = { zoom: number; centre: Point };
/** Screen position of image pixel (x, y) is (left + x·scale, top + y·scale), relative to the stage. */
export type Layout = { scale: number; left: number; top: number };

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 32;
/** One + or − press; five presses roughly triple the magnification. */
export const ZOOM_STEP = 1.25;
/** One arrow press moves the view by this share of the stage. */
export const PAN_STEP = 0.1;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
const positive = (s: Size) => s.width > 0 && s.height > 0;

export function fitScale(stage: Size, image: Size): number {
  // Before the stage is measured (or in a DOM without layout) show the image 1:1.
  if (!positive(stage) || !positive(image)) return 1;
  return Math.min(stage.width / image.width, stage.height / image.height);
}

export function fitView(image: Size): View {
  return { zoom: MIN_ZOOM, centre: { x: image.width / 2, y: image.height / 2 } };
}

export function layoutOf(stage: Size, image: Size, view: View): Layout {
  const scale = fitScale(stage, image) * view.zoom;
  return {
    scale,
    left: stage.width / 2 - view.centre.x * scale,
    top: stage.height / 2 - view.centre.y * scale,
  };
}

export function imageToScreen(p: Point, layout: Layout): Point {
  return { x: layout.left + p.x * layout.scale, y: layout.top + p.y * layout.scale };
}

export function screenToImage(p: Point, layout: Layout): Point {
  return { x: (p.x - layout.left) / layout.scale, y: (p.y - layout.top) / layout.scale };
}

export function rectToScreen(r: Rect, layout: Layout): Rect {
  const topLeft = imageToScreen(r, layout);
  return { x: topLeft.x, y: topLeft.y, width: r.width * layout.scale, height: r.height * layout.scale };
}

/** An image smaller than the stage stays centred; a larger one may not be dragged past its edges. */
function clampAxis(centre: number, imageLength: number, stageLength: number, scale: number): number {
  if (imageLength * scale <= stageLength) return imageLength / 2;
  const half = stageLength / (2 * scale);
  return clamp(centre, half, imageLength - half);
}

export function clampView(stage: Size, image: Size, view: View): View {
  const zoom = clamp(view.zoom, MIN_ZOOM, MAX_ZOOM);
  if (!positive(stage) || !positive(image)) return { zoom, centre: view.centre };
  const scale = fitScale(stage, image) * zoom;
  return {
    zoom,
    centre: {
      x: clampAxis(view.centre.x, image.width, stage.width, scale),
      y: clampAxis(view.centre.y, image.height, stage.height, scale),
    },
  };
}

/** Zooms by `factor` keeping the image point under `at` (stage coordinates; default the middle) where it is. */
export function zoomAt(stage: Size, image: Size, view: View, factor: number, at?: Point): View {
  const anchor = at ?? { x: stage.width / 2, y: stage.height / 2 };
  const under = screenToImage(anchor, layoutOf(stage, image, view));
  const zoom = clamp(view.zoom * factor, MIN_ZOOM, MAX_ZOOM);
  const scale = fitScale(stage, image) * zoom;
  const centre = {
    x: under.x - (anchor.x - stage.width / 2) / scale,
    y: under.y - (anchor.y - stage.height / 2) / scale,
  };
  return clampView(stage, image, { zoom, centre });
}

/** Moves the picture by (dx, dy) screen pixels, as a drag does. */
export function panBy(stage: Size, image: Size, view: View, dx: number, dy: number): View {
  const { scale } = layoutOf(stage, image, view);
  return clampView(stage, image, {
    zoom: view.zoom,
    centre: { x: view.centre.x - dx / scale, y: view.centre.y - dy / scale },
  });
}

/** Wheel delta to a zoom factor; line- and page-based deltas (Firefox, some mice) are scaled to pixels. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-clamp(pixels, -400, 400) * 0.0015);
}

/** CSS transform for the image box (transform-origin 0 0). */
export function transformOf(layout: Layout): string {
  return `translate(${layout.left}px, ${layout.top}px) scale(${layout.scale})`;
}
