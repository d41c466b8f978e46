/**
 * Combines the server's view of the queue with what this station knows and the server may not
 * have seen yet: items whose decision is in flight stay out, items brought back by an undo stay in
 * front, and the item on screen keeps its place so the image never swaps under the inspector.
 * The item on screen takes the server's copy: its task (blind or not) follows the policy in force.
 */
export function mergeQueue<T extends { id: number }>(
  local: readonly T[],
  server: readonly T[],
  pinned: ReadonlySet<number>,
  decided: ReadonlySet<number>,
  keepHead = true,
): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  const push = (item: T) => {
    if (seen.has(item.id) || decided.has(item.id)) return;
    seen.add(item.id);
    out.push(item);
  };
  for (const item of local) if (pinned.has(item.id)) push(item);
  const head = local[0];
  const fresh = head && server.find((item) => item.id === head.id);
  if (keepHead && fresh) push(fresh);
  for (const item of server) push(item);
  return out;
}
