import { REVIEW_ROLES } from '../../electron/shared/contract';
import type { QueueItemDto, ReviewTaskDto, SuggestionDto } from '../../electron/shared/contract';

export type Choice = { label: 'ok' } | { label: 'defect'; defectClass: string };

/** A blind first read recorded by this station: its call, then what the server revealed. */
export type FirstRead = { choice: Choice | null; reveal: SuggestionDto | null; pending: boolean };

/**
 * Where the item on screen stands:
 * - blind: human_only, audit, second_read (or no suggestion allowed): image only, one call.
 * - assisted: the suggestion is shown with the image, one call.
 * - first-read: blind-first-read before the provisional call: image only.
 * - first-read-saving: the provisional call is on its way; keys wait for the reveal.
 * - final-call: the provisional call is recorded; the suggestion is revealed, the next call is final.
 */
export type ReadPhase = 'blind' | 'assisted' | 'first-read' | 'first-read-saving' | 'final-call';

export function readPhaseOf(item: QueueItemDto, firstReads: Readonly<Record<number, FirstRead>>): ReadPhase {
  const firstRead = firstReads[item.id];
  if (item.task.role === 'first_read' || firstRead) {
    if (firstRead?.pending) return 'first-read-saving';
    // Served unblinded as a first read: the provisional call was recorded earlier (a reload, an undo).
    if (firstRead || !item.task.blind) return 'final-call';
    return 'first-read';
  }
  return item.task.blind ? 'blind' : 'assisted';
}

/** The only way model output reaches the screen; null whenever the read must stay blind. */
export function visibleSuggestionOf(
  item: QueueItemDto,
  firstReads: Readonly<Record<number, FirstRead>>,
): SuggestionDto | null {
  switch (readPhaseOf(item, firstReads)) {
    case 'assisted':
      return item.task.blind ? null : item.task.suggestion;
    case 'final-call':
      return firstReads[item.id]?.reveal ?? (item.task.blind ? null : item.task.suggestion);
    default:
      return null;
  }
}

/**
 * How a queue item enters the store. A blind task never keeps a suggestion, even one sent by
 * mistake: what is not held cannot leak through a selector, a devtools panel or a future
 * component. Deny by default: a task the station cannot read (an older server, a bug) is blind.
 */
export function withoutHiddenSuggestion(item: QueueItemDto): QueueItemDto {
  const task = item.task as Partial<ReviewTaskDto> | undefined;
  if (task?.blind === false && task.role && REVIEW_ROLES.includes(task.role)) return item;
  const role = task?.role && REVIEW_ROLES.includes(task.role) ? task.role : 'primary';
  if (task?.blind === true && task.role === role && task.suggestion === null) return item;
  return { ...item, task: { role, blind: true, suggestion: null } };
}
