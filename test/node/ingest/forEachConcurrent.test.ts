import { describe, expect, it } from 'vitest';
import { forEachConcurrent } from '../../../electron/services/concurrency.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

// The pool behind folder imports, history imports and predictFiles.
describe('forEachConcurrent', () => {
  it('visits every item once, starts them in order, never exceeds the limit', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    await forEachConcurrent([10, 11, 12, 13, 14, 15, 16], 3, async (item, index) => {
      expect(item).toBe(index + 10);
      started.push(index);
      peak = Math.max(peak, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(3);
  });

  it('handles no items and limits below one', async () => {
    await forEachConcurrent([], 4, () => Promise.reject(new Error('never called')));
    const seen: string[] = [];
    await forEachConcurrent(['a', 'b'], 0, async (item) => {
      seen.push(item);
      await tick();
    });
    expect(seen).toEqual(['a', 'b']);
  });

  it('stops starting items after a failure and rejects once the calls in flight settle', async () => {
    const finished: number[] = [];
    const run = forEachConcurrent([0, 1, 2, 3, 4, 5], 2, async (item) => {
      await tick();
      if (item === 1) throw new Error('boom');
      await tick();
      finished.push(item);
    });
    await expect(run).rejects.toThrow('boom');
    // Item 0 was in flight beside the failure and finished before the rejection; none started after.
    expect(finished).toEqual([0]);
  });
});
