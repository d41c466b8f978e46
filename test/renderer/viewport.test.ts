import { describe, expect, it } from 'vitest';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { createAppStore } from '../../renderer/app/store';
import { OVERLAY_STORAGE_KEY } from '../../renderer/app/viewSlice';
import {
  clampView,
  fitScale,
  fitView,
  imageToScreen,
  layoutOf,
  panBy,
  rectToScreen,
  screenToImage,
  wheelFactor,
  zoomAt,
} from '../../renderer/lib/viewport';
import { createFakeApi } from './fakeApi';
import { memoryStorage } from './memoryStorage';

const stage = { width: 800, height: 600 };
const image = { width: 1600, height: 800 };

describe('viewport math', () => {
  it('fits the image and centres it', () => {
    expect(fitScale(stage, image)).toBe(0.5);
    const layout = layoutOf(stage, image, fitView(image));
    expect(layout).toEqual({ scale: 0.5, left: 0, top: 100 });
    expect(imageToScreen({ x: 1600, y: 800 }, layout)).toEqual({ x: 800, y: 500 });
  });

  it('maps screen and image points both ways at any zoom', () => {
    const view = zoomAt(stage, image, fitView(image), 3.7, { x: 123, y: 456 });
    const layout = layoutOf(stage, image, view);
    for (const p of [
      { x: 0, y: 0 },
      { x: 777.5, y: 321.25 },
      { x: 1600, y: 800 },
    ]) {
      const back = screenToImage(imageToScreen(p, layout), layout);
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
  });

  it('zooming at the cursor keeps the image point under it in place', () => {
    const before = layoutOf(stage, image, fitView(image));
    const cursor = { x: 300, y: 250 };
    const under = screenToImage(cursor, before);
    const view = zoomAt(stage, image, fitView(image), 2, cursor);
    const after = imageToScreen(under, layoutOf(stage, image, view));
    expect(view.zoom).toBe(2);
    expect(after.x).toBeCloseTo(cursor.x, 9);
    expect(after.y).toBeCloseTo(cursor.y, 9);
  });

  it('keeps a region outline and the heatmap box registered with the pixels they cover', () => {
    const view = zoomAt(stage, image, fitView(image), 5, { x: 600, y: 200 });
    const layout = layoutOf(stage, image, view);
    const region = { x: 1000, y: 300, width: 40, height: 20 };
    const onScreen = rectToScreen(region, layout);
    const corner = imageToScreen({ x: region.x + region.width, y: region.y + region.height }, layout);
    expect(onScreen.x + onScreen.width).toBeCloseTo(corner.x, 9);
    expect(onScreen.y + onScreen.height).toBeCloseTo(corner.y, 9);
    // A letterboxed grid box: its cell (c, r) of a 48×48 grid lands on the image pixels it covers.
    const box = { x: 0, y: -400, width: 1600, height: 1600 };
    const cell = { c: 30, r: 20 };
    const cellOnImage = {
      x: box.x + ((cell.c + 0.5) * box.width) / 48,
      y: box.y + ((cell.r + 0.5) * box.height) / 48,
    };
    const boxOnScreen = rectToScreen(box, layout);
    const cellOnScreen = {
      x: boxOnScreen.x + ((cell.c + 0.5) * boxOnScreen.width) / 48,
      y: boxOnScreen.y + ((cell.r + 0.5) * boxOnScreen.height) / 48,
    };
    const expected = imageToScreen(cellOnImage, layout);
    expect(cellOnScreen.x).toBeCloseTo(expected.x, 9);
    expect(cellOnScreen.y).toBeCloseTo(expected.y, 9);
  });

  it('does not let the image be dragged off the stage, and centres what fits', () => {
    expect(clampView(stage, image, { zoom: 1, centre: { x: 0, y: 0 } })).toEqual(fitView(image));
    const zoomed = zoomAt(stage, image, fitView(image), 4);
    const far = panBy(stage, image, zoomed, 10_000, 10_000);
    const layout = layoutOf(stage, image, far);
    expect(layout.left).toBeCloseTo(0, 9);
    expect(layout.top).toBeCloseTo(0, 9);
    expect(zoomAt(stage, image, fitView(image), 0.2).zoom).toBe(1);
    expect(zoomAt(stage, image, fitView(image), 1000).zoom).toBe(32);
  });

  it('turns wheel deltas into zoom factors', () => {
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(100)).toBeLessThan(1);
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48), 9);
  });
});

describe('view slice', () => {
  function setup(stored: Record<string, string> = {}) {
    const storage = memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana', ...stored });
    const store = createAppStore({ api: createFakeApi(), storage, prefetchImage: () => {} });
    store.getState().setStageSize(stage);
    store.getState().setViewImage(1, image);
    return { store, storage };
  }

  it('zooms with the keys, pans only while zoomed, and fits a new item', () => {
    const { store } = setup();
    store.getState().panStep(1, 0);
    expect(store.getState().viewport.view).toEqual(fitView(image));
    store.getState().zoomIn();
    store.getState().zoomIn();
    expect(store.getState().viewport.view.zoom).toBeCloseTo(1.5625, 9);
    const centre = store.getState().viewport.view.centre.x;
    store.getState().panStep(1, 0);
    expect(store.getState().viewport.view.centre.x).toBeGreaterThan(centre);
    store.getState().setViewImage(2, image);
    expect(store.getState().viewport.view).toEqual(fitView(image));
    store.getState().zoomIn();
    store.getState().fitToStage();
    expect(store.getState().viewport.view.zoom).toBe(1);
  });

  it('remembers the overlay toggle and opacity', () => {
    const { store, storage } = setup();
    expect(store.getState().overlay).toEqual({ visible: true, opacity: 0.5 });
    store.getState().toggleOverlay();
    store.getState().nudgeOverlayOpacity(1);
    store.getState().nudgeOverlayOpacity(1);
    expect(JSON.parse(storage.data.get(OVERLAY_STORAGE_KEY)!)).toEqual({ visible: false, opacity: 0.7 });
    const again = setup({ [OVERLAY_STORAGE_KEY]: storage.data.get(OVERLAY_STORAGE_KEY)! });
    expect(again.store.getState().overlay).toEqual({ visible: false, opacity: 0.7 });
    expect(setup({ [OVERLAY_STORAGE_KEY]: '{broken' }).store.getState().overlay).toEqual({
      visible: true,
      opacity: 0.5,
    });
    for (let i = 0; i < 20; i++) store.getState().nudgeOverlayOpacity(-1);
    expect(store.getState().overlay.opacity).toBe(0.1);
  });
});
