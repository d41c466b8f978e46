import type { AutomationLevel, ReviewRole } from '../../../db/repos/decisions.js';
import type { DecisionRow } from '../../../db/repos/decisions.js';
import type { RouteRow } from '../../../db/repos/routes.js';

export type ReviewRoleName = ReviewRole;
export type OpenTask = { role: ReviewRoleName; blind: boolean };

type RouteFacts = Pick<RouteRow, 'route' | 'blind_first_read' | 'audit' | 'double_review'>;

function inForce(decisions: readonly DecisionRow[], role: ReviewRoleName): DecisionRow | undefined {
  return decisions.find((d) => d.kind === 'decision' && d.review_role === role);
}

/**
 * The human read an item still needs, if any. `decisions` are the item's current rows (the
 * latest of each chain). Items scored before routing existed have no route: one blind read.
 * With `inspector` set, a second read is never offered to whoever made the first.
 */
export function openTask(
  route: RouteFacts | null,
  level: AutomationLevel,
  decisions: readonly DecisionRow[],
  inspector: string | null,
): OpenTask | null {
  if (!route) return inForce(decisions, 'primary') ? null : { role: 'primary', blind: true };
  if (route.route === 'auto') {
    return route.audit && !inForce(decisions, 'audit') ? { role: 'audit', blind: true } : null;
  }
  const primary = inForce(decisions, 'primary');
  if (!primary) {
    if (route.blind_first_read && !inForce(decisions, 'first_read'))
      return { role: 'first_read', blind: true };
    return { role: 'primary', blind: level === 'human_only' };
  }
  if (route.double_review && !inForce(decisions, 'second_read')) {
    const firstReaders = decisions
      .filter((d) => d.kind === 'decision' && d.source === 'human')
      .map((d) => d.inspector);
    if (inspector !== null && firstReaders.includes(inspector)) return null;
    return { role: 'second_read', blind: true };
  }
  return null;
}

/** True when every read the route asks for is in force. */
export function isComplete(
  route: RouteFacts | null,
  level: AutomationLevel,
  decisions: readonly DecisionRow[],
): boolean {
  return openTask(route, level, decisions, null) === null;
}
