/**
 * Calls `fn` on every item with at most `limit` calls in flight, starting them in input order.
 * Completion order is not kept; callers that need it (predictFiles) reorder themselves.
 *
 * When a call throws, no further items are started and the returned promise rejects with the
 * first error, but only once the calls already in flight have settled, so a caller never moves on
 * while work it started is still running.
 */
export async function forEachConcurrent<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async (): Promise<void> => {
    while (errors.length === 0 && next < items.length) {
      const index = next++;
      try {
        await fn(items[index]!, index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (errors.length > 0) throw errors[0];
}
