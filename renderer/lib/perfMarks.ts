/**
 * User Timing marks for the keypress → next-item-painted benchmark (bench/ reads them with a
 * PerformanceObserver). Marks cost microseconds and are harmless when nobody listens.
 */
export const DECISION_KEY_MARK = 'loupe:decision-key';
export const ITEM_PAINTED_MARK = 'loupe:item-painted';

function mark(name: string, detail?: unknown): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.mark(name, detail === undefined ? undefined : { detail });
}

export function markDecisionKey(): void {
  mark(DECISION_KEY_MARK);
}

/**
 * Called once the image has loaded and the overlay (if any) was drawn; a zero-delay task after
 * requestAnimationFrame lands after that frame's paint. A blind first read marks the item again
 * when its revealed overlay is painted (withOverlay true). Returns a cancel for a stale item.
 */
export function markItemPaintedAfterFrame(itemId: number, withOverlay: boolean): () => void {
  let cancelled = false;
  const fire = () => {
    if (!cancelled) mark(ITEM_PAINTED_MARK, { itemId, withOverlay });
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fire, 0));
  else setTimeout(fire, 0);
  return () => {
    cancelled = true;
  };
}
