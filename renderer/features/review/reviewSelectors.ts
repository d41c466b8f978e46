import type { SuggestionDto } from '../../../electron/shared/contract';
import { readPhaseOf, visibleSuggestionOf } from '../../app/readPhase';
import type { FirstRead, ReadPhase } from '../../app/readPhase';
import type { AppState } from '../../app/types';

export function selectCurrentItem(state: AppState) {
  return state.review.queue[0] ?? null;
}

/** Readiness for automation and people alike: "true" only once the image is on screen. */
export function selectReadiness(state: AppState): 'true' | 'false' | 'empty' {
  const { review } = state;
  const head = review.queue[0];
  if (!head) {
    const settled = review.status === 'ready' && !review.refreshing && review.saving === 0;
    return settled ? 'empty' : 'false';
  }
  return review.loaded?.itemId === head.id ? 'true' : 'false';
}

/** "1 of N pending": the server's count lags our own optimistic advance, so never show less than we hold. */
export function selectPosition(state: AppState): { index: number; total: number } | null {
  const count = state.review.queue.length;
  if (count === 0) return null;
  return { index: 1, total: Math.max(count, state.stats.summary?.pending ?? 0) };
}

export function selectDefectClasses(state: AppState): string[] {
  return state.info.value?.defectClasses ?? [];
}

export function selectReadPhase(state: AppState): ReadPhase | null {
  const item = state.review.queue[0];
  return item ? readPhaseOf(item, state.review.firstReads) : null;
}

/** What the station may show of the model for the item on screen; null on every blind read. */
export function selectVisibleSuggestion(state: AppState): SuggestionDto | null {
  const item = state.review.queue[0];
  return item ? visibleSuggestionOf(item, state.review.firstReads) : null;
}

export function selectFirstRead(state: AppState): FirstRead | null {
  const item = state.review.queue[0];
  return item ? (state.review.firstReads[item.id] ?? null) : null;
}
