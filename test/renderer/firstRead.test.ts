import { describe, expect, it } from 'vitest';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { createAppStore } from '../../renderer/app/store';
import {
  selectFirstRead,
  selectReadPhase,
  selectVisibleSuggestion,
} from '../../renderer/features/review/reviewSelectors';
import type { QueueItemDto, SuggestionDto } from '../../electron/shared/contract';
import { createFakeApi, firstReadItem, item, settle, suggestion } from './fakeApi';
import type { FakeOptions } from './fakeApi';
import { memoryStorage } from './memoryStorage';

function setup(items: QueueItemDto[], options: FakeOptions = {}) {
  const api = createFakeApi(items, options);
  let clock = 1000;
  const overlays: unknown[] = [];
  const store = createAppStore({
    api,
    storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
    now: () => clock,
    prefetchImage: () => {},
    prefetchOverlay: (heatmap) => overlays.push(heatmap),
  });
  const showCurrent = () => {
    const head = store.getState().review.queue[0];
    if (head) store.getState().markImageLoaded(head.id);
  };
  return {
    api,
    store,
    showCurrent,
    overlays,
    tick: (ms: number) => (clock += ms),
    headId: () => store.getState().review.queue[0]?.id,
  };
}

describe('blind first read', () => {
  it('records a provisional blind call, reveals the suggestion, then records the final call on the same item', async () => {
    const reveal = suggestion({ defectClass: 'fray', defectProbability: 0.91 });
    const { api, store, showCurrent, tick, headId } = setup([firstReadItem(1), item(2)], {
      reveals: { 1: reveal },
    });
    await store.getState().loadQueue();
    showCurrent();
    expect(selectReadPhase(store.getState())).toBe('first-read');
    expect(selectVisibleSuggestion(store.getState())).toBeNull();

    tick(800);
    const provisional = store.getState().decide({ label: 'ok' });
    // The item stays; the keys wait for the answer so a double press cannot become the final call.
    expect(headId()).toBe(1);
    expect(selectReadPhase(store.getState())).toBe('first-read-saving');
    expect(selectVisibleSuggestion(store.getState())).toBeNull();
    await store.getState().decide({ label: 'defect', defectClass: 'crack' });
    await provisional;

    expect(selectReadPhase(store.getState())).toBe('final-call');
    expect(selectFirstRead(store.getState())?.choice).toEqual({ label: 'ok' });
    expect(selectVisibleSuggestion(store.getState())).toEqual(reveal);
    expect(api.callsTo('review:decide')).toEqual([
      { itemId: 1, inspector: 'Ana', label: 'ok', defectClass: null, timeToDecideMs: 800 },
    ]);

    tick(300);
    await store.getState().decide({ label: 'defect', defectClass: 'fray' });
    expect(api.callsTo('review:decide')).toEqual([
      { itemId: 1, inspector: 'Ana', label: 'ok', defectClass: null, timeToDecideMs: 800 },
      // Time to the final call counts from the reveal.
      { itemId: 1, inspector: 'Ana', label: 'defect', defectClass: 'fray', timeToDecideMs: 300 },
    ]);
    expect(headId()).toBe(2);
    expect(store.getState().review.firstReads).toEqual({});
    expect(store.getState().review.undoStack.map((e) => e.item.id)).toEqual([1]);
  });

  it('undo takes back the final call only and asks for the final call again, suggestion shown', async () => {
    const { api, store, showCurrent, headId } = setup([firstReadItem(1), item(2)]);
    await store.getState().loadQueue();
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    await store.getState().decide({ label: 'ok' });
    expect(headId()).toBe(2);
    await store.getState().undo();
    expect(headId()).toBe(1);
    expect(api.callsTo('review:undo')).toEqual([{ decisionId: 101, inspector: 'Ana' }]);
    showCurrent();
    expect(selectReadPhase(store.getState())).toBe('final-call');
    expect(selectVisibleSuggestion(store.getState())?.defectClass).toBe('crack');
    expect(selectFirstRead(store.getState())?.choice).toEqual({ label: 'ok' });
    // Nothing further back: the provisional call is not in the undo history.
    expect(store.getState().review.undoStack).toEqual([]);
  });

  it('a reveal without a suggestion still asks for the final call', async () => {
    const { api, store, showCurrent } = setup([firstReadItem(1)], { reveals: { 1: null } });
    await store.getState().loadQueue();
    showCurrent();
    await store.getState().decide({ label: 'defect', defectClass: 'crack' });
    expect(selectReadPhase(store.getState())).toBe('final-call');
    expect(selectVisibleSuggestion(store.getState())).toBeNull();
    await store.getState().decide({ label: 'defect', defectClass: 'crack' });
    expect(api.callsTo('review:decide')).toHaveLength(2);
  });

  it('an item served unblinded as a first read (provisional call made before a reload) goes straight to the final call', async () => {
    const s: SuggestionDto = suggestion();
    const { api, store, showCurrent, headId } = setup([
      item(1, { task: { role: 'first_read', blind: false, suggestion: s } }),
    ]);
    await store.getState().loadQueue();
    showCurrent();
    expect(selectReadPhase(store.getState())).toBe('final-call');
    expect(selectFirstRead(store.getState())).toBeNull();
    await store.getState().decide({ label: 'ok' });
    expect(api.callsTo('review:decide')).toHaveLength(1);
    expect(headId()).toBeUndefined();
  });

  it('a failed provisional call is reported and the read stays blind', async () => {
    const { api, store, showCurrent, headId } = setup([firstReadItem(1)]);
    await store.getState().loadQueue();
    api.handle('review:decide', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    await settle();
    expect(store.getState().ui.errors.map((e) => e.message)).toEqual([
      'The first read on item 1 was not saved: disk full',
    ]);
    expect(headId()).toBe(1);
    expect(selectReadPhase(store.getState())).toBe('first-read');
    expect(selectVisibleSuggestion(store.getState())).toBeNull();
  });

  it('another inspector never inherits a reveal', async () => {
    const { store, showCurrent } = setup([firstReadItem(1)]);
    await store.getState().loadQueue();
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    expect(selectVisibleSuggestion(store.getState())).not.toBeNull();
    store.getState().chooseInspector('Ben');
    expect(store.getState().review.firstReads).toEqual({});
  });
});
