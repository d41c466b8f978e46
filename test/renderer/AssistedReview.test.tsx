import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OVERLAY_STORAGE_KEY } from '../../renderer/app/viewSlice';
import type { QueueItemDto } from '../../electron/shared/contract';
import { assisted, firstReadItem, item, policy, settle, suggestion } from './fakeApi';
import { renderApp } from './renderApp';

const MODEL_OUTPUT =
  '[data-testid*="suggest"], [data-testid*="heatmap"], [data-testid*="overlay"], [data-testid="region-outline"], [data-testid="peak-marker"]';
const drawn: { width: number; height: number }[] = [];

// jsdom has no canvas: a context that records what the overlay draws.
beforeAll(() => {
  vi.stubGlobal(
    'ImageData',
    class {
      constructor(
        readonly data: Uint8ClampedArray,
        readonly width: number,
        readonly height: number,
      ) {}
    },
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () =>
      ({
        putImageData: (d: { width: number; height: number }) =>
          drawn.push({ width: d.width, height: d.height }),
      }) as never,
  );
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
afterEach(() => {
  cleanup();
  drawn.length = 0;
});

const mount = (items: QueueItemDto[]) => renderApp({ items });

const showImage = () => fireEvent.load(screen.getByTestId('review-image'));

describe('assisted review', () => {
  it('draws the heatmap over the grid box, the region outlines, the peak and the suggested call', async () => {
    await mount([assisted(1), item(2)]);
    showImage();
    expect(screen.getByTestId('suggestion').textContent).toContain('Suggests: Defect — crack, 87 %');
    const canvas = screen.getByTestId<HTMLCanvasElement>('heatmap-overlay');
    expect([canvas.width, canvas.height]).toEqual([4, 4]);
    // Placed in source-image pixels inside the image box, letterbox margin included.
    expect([canvas.style.left, canvas.style.top, canvas.style.width, canvas.style.height]).toEqual([
      '-10px',
      '0px',
      '120px',
      '100px',
    ]);
    expect(drawn).toEqual([{ width: 4, height: 4 }]);
    const outline = screen.getByTestId('region-outline');
    expect(['x', 'y', 'width', 'height'].map((a) => outline.getAttribute(a))).toEqual([
      '60',
      '60',
      '30',
      '25',
    ]);
    expect(screen.getByTestId('peak-marker')).toBeTruthy();
    expect(screen.getByTestId('review').dataset.phase).toBe('assisted');
  });

  it('h hides the model graphics and the choice is remembered', async () => {
    const { storage } = await mount([
      assisted(1, suggestion({ label: 'ok', defectClass: null, defectProbability: 0.06 })),
    ]);
    showImage();
    expect(screen.getByTestId('suggestion').textContent).toContain('Suggests: OK, 6 % defect');
    fireEvent.keyDown(document.body, { key: 'h' });
    expect(screen.queryByTestId('heatmap-overlay')).toBeNull();
    expect(screen.queryByTestId('region-outline')).toBeNull();
    expect(JSON.parse(storage.data.get(OVERLAY_STORAGE_KEY)!)).toMatchObject({ visible: false });
    fireEvent.keyDown(document.body, { key: 'h' });
    fireEvent.keyDown(document.body, { key: ']' });
    expect(screen.getByTestId<HTMLCanvasElement>('heatmap-overlay').style.opacity).toBe('0.6');
    fireEvent.change(screen.getByTestId('overlay-opacity'), { target: { value: '0.3' } });
    expect(screen.getByTestId<HTMLCanvasElement>('heatmap-overlay').style.opacity).toBe('0.3');
  });

  it('a blind item renders no model output at all, even when a suggestion is sent by mistake', async () => {
    const leaky = item(1, { task: { role: 'audit', blind: true, suggestion: suggestion() } });
    await mount([leaky]);
    showImage();
    expect(document.querySelectorAll(MODEL_OUTPUT)).toHaveLength(0);
    expect(document.body.textContent).not.toMatch(/Suggests|87 %|crack,/);
    expect(screen.getByTestId('task-kind').textContent).toBe('Audit sample — decide without the model');
  });

  it('blind first read: the call first, then "Your first read" with the revealed suggestion, then the final call', async () => {
    const { api } = await mount([firstReadItem(1), item(2)]);
    showImage();
    expect(screen.getByTestId('task-kind').textContent).toBe('Blind first read');
    expect(document.querySelectorAll(MODEL_OUTPUT)).toHaveLength(0);
    fireEvent.keyDown(document.body, { key: 'o' });
    await act(settle);
    expect(screen.getByTestId('review-image').dataset.itemId).toBe('1');
    expect(screen.getByTestId('first-read').textContent).toBe('Your first read: OK');
    expect(screen.getByTestId('suggestion').textContent).toContain('Suggests: Defect — crack, 87 %');
    expect(screen.getByTestId('heatmap-overlay')).toBeTruthy();
    expect(screen.getByTestId('review').dataset.phase).toBe('final-call');
    fireEvent.keyDown(document.body, { key: 'd' });
    fireEvent.keyDown(document.body, { key: 'c' });
    await act(settle);
    expect(api.callsTo('review:decide').map((c) => [c.itemId, c.label, c.defectClass])).toEqual([
      [1, 'ok', null],
      [1, 'defect', 'crack'],
    ]);
    expect(screen.getByTestId('review-image').dataset.itemId).toBe('2');
    expect(document.querySelectorAll(MODEL_OUTPUT)).toHaveLength(0);
  });

  it('zoom keys change the view and a new item starts at fit', async () => {
    await mount([assisted(1), item(2)]);
    showImage();
    const stage = screen.getByTestId('image-stage');
    fireEvent.keyDown(document.body, { key: '+' });
    fireEvent.keyDown(document.body, { key: '=' });
    expect(stage.dataset.zoom).toBe('1.56');
    fireEvent.keyDown(document.body, { key: '-' });
    expect(stage.dataset.zoom).toBe('1.25');
    fireEvent.keyDown(document.body, { key: 'o' });
    expect(screen.getByTestId('image-stage').dataset.zoom).toBe('1.00');
  });

  it('marks the decision key and the painted item for the latency benchmark', async () => {
    const marks: { name: string; detail: unknown }[] = [];
    const spy = vi
      .spyOn(performance, 'mark')
      .mockImplementation((name: string, options?: PerformanceMarkOptions) => {
        marks.push({ name, detail: options?.detail });
        return undefined as never;
      });
    try {
      await mount([assisted(1), item(2)]);
      showImage();
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      fireEvent.keyDown(document.body, { key: 'o' });
      showImage();
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(marks).toEqual([
        { name: 'loupe:item-painted', detail: { itemId: 1, withOverlay: true } },
        { name: 'loupe:decision-key', detail: undefined },
        { name: 'loupe:item-painted', detail: { itemId: 2, withOverlay: false } },
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('shows the automation level in force and follows policy:changed', async () => {
    const { api } = await mount([item(1)]);
    expect(screen.getByTestId('status-level').textContent).toBe('Human only');
    act(() => api.emit('policy:changed', policy({ id: 2, version: 2, level: 'ai_assist' })));
    expect(screen.getByTestId('status-level').textContent).toBe('AI assist');
    expect(screen.getByTestId('status-level').dataset.level).toBe('ai_assist');
  });
});
