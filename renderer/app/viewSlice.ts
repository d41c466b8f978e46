import { PAN_STEP, ZOOM_STEP, clampView, fitView, panBy, zoomAt } from '../lib/viewport';
import type { Point, Size, View } from '../lib/viewport';
import type { KeyValueStorage, SliceCreator } from './types';

export const OVERLAY_STORAGE_KEY = 'loupe.overlay';
export const DEFAULT_OVERLAY = { visible: true, opacity: 0.5 } as const;
const OPACITY_STEP = 0.1;
const MIN_OPACITY = 0.1;

export type OverlayPrefs = { visible: boolean; opacity: number };

export interface ViewSlice {
  viewport: {
    /** The item the view belongs to: a new item starts at fit so no part of it goes unseen. */
    itemId: number | null;
    stage: Size;
    image: Size | null;
    view: View;
  };
  overlay: OverlayPrefs;
  setStageSize: (stage: Size) => void;
  setViewImage: (itemId: number, image: Size) => void;
  zoomBy: (factor: number, at?: Point) => void;
  zoomIn: () => void;
  zoomOut: () => void;
  fitToStage: () => void;
  /** Moves the picture by screen pixels (a drag). */
  panView: (dx: number, dy: number) => void;
  /** Arrow keys: a step of the stage size, only while zoomed in. */
  panStep: (dirX: -1 | 0 | 1, dirY: -1 | 0 | 1) => void;
  toggleOverlay: () => void;
  setOverlayOpacity: (opacity: number) => void;
  nudgeOverlayOpacity: (direction: -1 | 1) => void;
}

const clampOpacity = (v: number) => Math.round(Math.min(1, Math.max(MIN_OPACITY, v)) * 100) / 100;

export function readOverlayPrefs(storage: KeyValueStorage | null): OverlayPrefs {
  try {
    const raw = storage?.getItem(OVERLAY_STORAGE_KEY);
    if (!raw) return { ...DEFAULT_OVERLAY };
    const parsed = JSON.parse(raw) as Partial<OverlayPrefs>;
    return {
      visible: typeof parsed.visible === 'boolean' ? parsed.visible : DEFAULT_OVERLAY.visible,
      opacity:
        typeof parsed.opacity === 'number' && Number.isFinite(parsed.opacity)
          ? clampOpacity(parsed.opacity)
          : DEFAULT_OVERLAY.opacity,
    };
  } catch {
    return { ...DEFAULT_OVERLAY };
  }
}

export const createViewSlice: SliceCreator<ViewSlice> = (set, get, { storage }) => {
  type Viewport = ViewSlice['viewport'];
  const move = (fn: (v: Viewport, image: Size) => View) =>
    set((s) =>
      s.viewport.image ? { viewport: { ...s.viewport, view: fn(s.viewport, s.viewport.image) } } : {},
    );
  const saveOverlay = (overlay: OverlayPrefs) => {
    set({ overlay });
    try {
      storage?.setItem(OVERLAY_STORAGE_KEY, JSON.stringify(overlay));
    } catch {
      // Only the preference is lost; the overlay still works for this session.
    }
  };
  return {
    viewport: {
      itemId: null,
      stage: { width: 0, height: 0 },
      image: null,
      view: { zoom: 1, centre: { x: 0, y: 0 } },
    },
    overlay: readOverlayPrefs(storage),
    setStageSize: (stage) =>
      set((s) => ({
        viewport: {
          ...s.viewport,
          stage,
          view: s.viewport.image ? clampView(stage, s.viewport.image, s.viewport.view) : s.viewport.view,
        },
      })),
    setViewImage: (itemId, image) =>
      set((s) => {
        const v = s.viewport;
        if (v.itemId === itemId && v.image?.width === image.width && v.image.height === image.height)
          return {};
        return {
          viewport: {
            ...v,
            itemId,
            image,
            view: v.itemId === itemId ? clampView(v.stage, image, v.view) : fitView(image),
          },
        };
      }),
    zoomBy: (factor, at) => move((v, image) => zoomAt(v.stage, image, v.view, factor, at)),
    zoomIn: () => get().zoomBy(ZOOM_STEP),
    zoomOut: () => get().zoomBy(1 / ZOOM_STEP),
    fitToStage: () => move((_v, image) => fitView(image)),
    panView: (dx, dy) => move((v, image) => panBy(v.stage, image, v.view, dx, dy)),
    panStep: (dirX, dirY) =>
      move((v, image) =>
        v.view.zoom > 1
          ? panBy(v.stage, image, v.view, -dirX * v.stage.width * PAN_STEP, -dirY * v.stage.height * PAN_STEP)
          : v.view,
      ),
    toggleOverlay: () => saveOverlay({ ...get().overlay, visible: !get().overlay.visible }),
    setOverlayOpacity: (opacity) => saveOverlay({ ...get().overlay, opacity: clampOpacity(opacity) }),
    nudgeOverlayOpacity: (direction) =>
      saveOverlay({
        ...get().overlay,
        opacity: clampOpacity(get().overlay.opacity + direction * OPACITY_STEP),
      }),
  };
};
