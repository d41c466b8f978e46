import { useEffect, useLayoutEffect, useRef } from 'react';
import type { PointerEvent, RefObject } from 'react';
import type { Point, Size } from '../../lib/viewport';
import { wheelFactor } from '../../lib/viewport';

/** Keeps the store told of the stage's size; measured before the first paint, then on every resize. */
export function useStageSize(ref: RefObject<HTMLElement | null>, onSize: (size: Size) => void): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const rect = element.getBoundingClientRect();
    onSize({ width: rect.width, height: rect.height });
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) onSize({ width: box.width, height: box.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, onSize]);
}

/** Wheel zooms at the cursor. A native listener: React's wheel handlers are passive and cannot stop the page scrolling. */
export function useWheelZoom(
  ref: RefObject<HTMLElement | null>,
  zoomBy: (factor: number, at: Point) => void,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      zoomBy(wheelFactor(event.deltaY, event.deltaMode), {
        x: event.clientX - rect.left,
        y: event.clientY - rect.top,
      });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [ref, zoomBy]);
}

/** Drag to pan while zoomed in; pointer capture keeps the drag when the cursor leaves the stage. */
export function useDragPan(enabled: boolean, panView: (dx: number, dy: number) => void) {
  const last = useRef<{ id: number; x: number; y: number } | null>(null);
  return {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (!enabled || event.button !== 0) return;
      event.currentTarget.setPointerCapture?.(event.pointerId);
      last.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const from = last.current;
      if (!from || from.id !== event.pointerId) return;
      last.current = { id: from.id, x: event.clientX, y: event.clientY };
      panView(event.clientX - from.x, event.clientY - from.y);
    },
    onPointerUp: () => {
      last.current = null;
    },
    onPointerCancel: () => {
      last.current = null;
    },
  };
}
