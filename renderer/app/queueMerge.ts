import type { ItemDto } from '../../electron/shared/contract';

/**
 * Combines the server's view of the queue with what this station knows and the server may not
 * have seen yet: items whose decision is in flight stay out, items brought back by an undo stay in
 * front, and the item on screen keeps its place so the image never swaps under the inspector.
 */
export function mergeQueue(
  local: readonly ItemDto[],
  server: readonly ItemDto[],
  pinned: ReadonlySet<number>,
  decided: ReadonlySet<number>,
  keepHead = true,
): ItemDto[] {
  const out: ItemDto[] = [];
  const seen = new Set<number>();
  const push = (item: ItemDto) => {
    if (seen.has(item.id) || decided.has(item.id)) return;
    seen.add(item.id);
    out.push(item);
  };
  for (const item of local) if (pinned.has(item.id)) push(item);
  const head = local[0];
  if (keepHead && head && server.some((item) => item.id === head.id)) push(head);
  for (const item of server) push(item);
  return out;
}
