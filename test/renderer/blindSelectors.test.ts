import { describe, expect, it } from 'vitest';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { readPhaseOf, visibleSuggestionOf, withoutHiddenSuggestion } from '../../renderer/app/readPhase';
import { createAppStore } from '../../renderer/app/store';
import { selectReadPhase, selectVisibleSuggestion } from '../../renderer/features/review/reviewSelectors';
import type { QueueItemDto, ReviewTaskDto } from '../../electron/shared/contract';
import { assisted, createFakeApi, item, suggestion } from './fakeApi';
import { memoryStorage } from './memoryStorage';

const leak = suggestion();
const blindTasks: ReviewTaskDto[] = [
  { role: 'primary', blind: true, suggestion: leak },
  { role: 'audit', blind: true, suggestion: leak },
  { role: 'second_read', blind: true, suggestion: leak },
  { role: 'first_read', blind: true, suggestion: leak },
];

async function storeWith(items: QueueItemDto[]) {
  const overlays: unknown[] = [];
  const store = createAppStore({
    api: createFakeApi(items),
    storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
    prefetchImage: () => {},
    prefetchOverlay: (h) => overlays.push(h),
  });
  await store.getState().loadQueue();
  return { store, overlays };
}

describe('blind reads expose no model output', () => {
  it.each(blindTasks)(
    'a $role task with blind=true shows no suggestion, even one sent by mistake',
    async (task) => {
      const { store, overlays } = await storeWith([item(1, { task }), item(2, { task })]);
      const state = store.getState();
      expect(selectVisibleSuggestion(state)).toBeNull();
      expect(selectReadPhase(state)).toBe(task.role === 'first_read' ? 'first-read' : 'blind');
      // Not even held in the store, and never prepared ahead.
      expect(state.review.queue.every((i) => i.task.suggestion === null)).toBe(true);
      expect(JSON.stringify(state.review)).not.toContain('defectProbability');
      expect(overlays).toEqual([]);
    },
  );

  it('an assisted task shows its suggestion and prepares the next items’ overlays', async () => {
    const { store, overlays } = await storeWith([assisted(1), assisted(2), item(3)]);
    expect(selectReadPhase(store.getState())).toBe('assisted');
    expect(selectVisibleSuggestion(store.getState())).toEqual(leak);
    expect(overlays).toEqual([leak.heatmap]);
  });

  it('the pure rules agree', () => {
    const blind = item(1, { task: { role: 'audit', blind: true, suggestion: leak } });
    expect(visibleSuggestionOf(blind, {})).toBeNull();
    expect(withoutHiddenSuggestion(blind).task.suggestion).toBeNull();
    expect(readPhaseOf(assisted(2), {})).toBe('assisted');
    expect(withoutHiddenSuggestion(assisted(2)).task.suggestion).toEqual(leak);
    const plain = item(3);
    expect(withoutHiddenSuggestion(plain)).toBe(plain);
    // An item from a server that sends no task, or a task it cannot read, is read blind.
    const { task: _none, ...noTask } = assisted(4);
    expect(withoutHiddenSuggestion(noTask as QueueItemDto).task).toEqual({
      role: 'primary',
      blind: true,
      suggestion: null,
    });
    const odd = {
      ...assisted(5),
      task: { role: 'peek', blind: 'no', suggestion: leak },
    } as unknown as QueueItemDto;
    expect(withoutHiddenSuggestion(odd).task).toEqual({ role: 'primary', blind: true, suggestion: null });
  });

  it('a policy change that makes the item on screen blind hides its suggestion at once', async () => {
    const api = createFakeApi([assisted(1)]);
    const store = createAppStore({
      api,
      storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
      prefetchImage: () => {},
    });
    await store.getState().loadQueue();
    store.getState().markImageLoaded(1);
    expect(selectVisibleSuggestion(store.getState())).not.toBeNull();
    api.handle('queue:next', () => ({ ok: true, value: { items: [item(1)] } }));
    await store.getState().loadQueue();
    expect(selectVisibleSuggestion(store.getState())).toBeNull();
    // Same item, same image: the inspector's clock and readiness are kept.
    expect(store.getState().review.loaded?.itemId).toBe(1);
  });
});
