import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/app/store';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { selectReadiness } from '../../renderer/features/review/reviewSelectors';
import { createFakeApi, item, settle } from './fakeApi';
import { memoryStorage } from './memoryStorage';

function setup(count = 8) {
  const api = createFakeApi(Array.from({ length: count }, (_, i) => item(i + 1)));
  let clock = 1000;
  const prefetched: string[] = [];
  const store = createAppStore({
    api,
    storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
    now: () => clock,
    prefetchImage: (url) => prefetched.push(url),
  });
  const tick = (ms: number) => (clock += ms);
  const showCurrent = () => {
    const head = store.getState().review.queue[0];
    if (head) store.getState().markImageLoaded(head.id);
  };
  const headId = () => store.getState().review.queue[0]?.id;
  return { api, store, tick, showCurrent, headId, prefetched };
}

describe('review slice', () => {
  it('loads five items and prefetches the ones after the current', async () => {
    const { api, store, prefetched } = setup();
    await store.getState().loadQueue();
    expect(api.callsTo('queue:next')).toEqual([{ limit: 5, inspector: 'Ana' }]);
    expect(store.getState().review.queue.map((i) => i.id)).toEqual([1, 2, 3, 4, 5]);
    expect(prefetched).toEqual(['img://2', 'img://3', 'img://4', 'img://5']);
  });

  it('is ready only once the current image has loaded', async () => {
    const { store, showCurrent } = setup();
    await store.getState().loadQueue();
    expect(selectReadiness(store.getState())).toBe('false');
    showCurrent();
    expect(selectReadiness(store.getState())).toBe('true');
  });

  it('ignores a decision before the image is on screen', async () => {
    const { api, store } = setup();
    await store.getState().loadQueue();
    await store.getState().decide({ label: 'ok' });
    expect(api.callsTo('review:decide')).toEqual([]);
  });

  it('decide advances at once and sends the payload with the time since the image loaded', async () => {
    const { api, store, tick, showCurrent, headId } = setup();
    await store.getState().loadQueue();
    showCurrent();
    tick(1234.4);
    const done = store.getState().decide({ label: 'defect', defectClass: 'crack' });
    // Optimistic: the next item is on screen before the services answered.
    expect(headId()).toBe(2);
    expect(store.getState().review.saving).toBe(1);
    await done;
    expect(api.callsTo('review:decide')).toEqual([
      { itemId: 1, inspector: 'Ana', label: 'defect', defectClass: 'crack', timeToDecideMs: 1234 },
    ]);
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    expect(api.callsTo('review:decide')[1]).toMatchObject({
      itemId: 2,
      label: 'ok',
      defectClass: null,
      timeToDecideMs: 0,
    });
    expect(store.getState().review.saving).toBe(0);
  });

  it('undo sends the last decision id and brings the item back in front; repeated undo walks back', async () => {
    const { api, store, showCurrent, headId } = setup();
    await store.getState().loadQueue();
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    showCurrent();
    await store.getState().decide({ label: 'defect', defectClass: 'fray' });
    expect(headId()).toBe(3);

    const first = store.getState().undo();
    expect(headId()).toBe(2);
    expect(selectReadiness(store.getState())).toBe('false');
    await first;
    expect(api.callsTo('review:undo')).toEqual([{ decisionId: 101, inspector: 'Ana' }]);

    await store.getState().undo();
    expect(api.callsTo('review:undo')[1]).toEqual({ decisionId: 100, inspector: 'Ana' });
    expect(
      store
        .getState()
        .review.queue.map((i) => i.id)
        .slice(0, 3),
    ).toEqual([1, 2, 3]);
    expect(store.getState().review.undoStack).toEqual([]);
  });

  it('undo pressed before the decision was saved waits for its id', async () => {
    const { api, store, showCurrent, headId } = setup();
    await store.getState().loadQueue();
    showCurrent();
    const decided = store.getState().decide({ label: 'ok' });
    const undone = store.getState().undo();
    expect(headId()).toBe(1);
    await Promise.all([decided, undone]);
    expect(api.callsTo('review:undo')).toEqual([{ decisionId: 100, inspector: 'Ana' }]);
  });

  it('a refresh answered from before a decision landed does not bring the item back', async () => {
    const { api, store, showCurrent, headId } = setup();
    await store.getState().loadQueue();
    const stale = (await api.invoke('queue:next', { limit: 5, inspector: 'Ana' })) as {
      ok: true;
      value: { items: ReturnType<typeof item>[] };
    };
    api.handle('queue:next', () => stale);
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    await store.getState().loadQueue();
    expect(headId()).toBe(2);
    expect(store.getState().review.queue.map((i) => i.id)).not.toContain(1);
  });

  it('an API error is shown, the decision is dropped from undo, and the queue is reloaded', async () => {
    const { api, store, showCurrent, headId } = setup();
    await store.getState().loadQueue();
    api.handle('review:decide', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    showCurrent();
    const before = api.callsTo('queue:next').length;
    await store.getState().decide({ label: 'ok' });
    await settle();
    const { ui, review } = store.getState();
    expect(ui.errors.map((e) => e.message)).toEqual(['The decision on item 1 was not saved: disk full']);
    expect(api.callsTo('queue:next').length).toBeGreaterThan(before);
    // Nothing lost: the item is back on screen because the services still have it pending.
    expect(headId()).toBe(1);
    expect(review.undoStack).toEqual([]);
    store.getState().dismissError(ui.errors[0]!.id);
    expect(store.getState().ui.errors).toEqual([]);
  });

  it('a thrown transport error is reported in words too', async () => {
    const { api, store, showCurrent } = setup();
    await store.getState().loadQueue();
    api.handle('review:decide', () => {
      throw new Error('bridge gone');
    });
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    expect(store.getState().ui.errors[0]?.message).toMatch(/bridge gone/);
  });

  it('a failed undo is reported and the item leaves the queue again', async () => {
    const { api, store, showCurrent, headId } = setup();
    await store.getState().loadQueue();
    showCurrent();
    await store.getState().decide({ label: 'ok' });
    api.handle('review:undo', () => ({
      ok: false,
      error: { code: 'conflict', message: 'already corrected' },
    }));
    await store.getState().undo();
    await settle();
    expect(store.getState().ui.errors[0]?.message).toBe(
      'Undo on item 1 failed, the decision stands: already corrected',
    );
    expect(headId()).toBe(2);
  });

  it('shows the empty state when nothing is pending and refreshes on db:changed', async () => {
    const { api, store } = setup(0);
    const disconnect = store.getState().connect();
    await settle();
    expect(selectReadiness(store.getState())).toBe('empty');
    api.handle('queue:next', () => ({ ok: true, value: { items: [item(42)] } }));
    api.emit('db:changed', { tables: ['items'] });
    await settle();
    expect(store.getState().review.queue.map((i) => i.id)).toEqual([42]);
    disconnect();
    expect(api.listenerCount()).toBe(0);
  });

  it('refreshes the figures after each decision', async () => {
    const { api, store, showCurrent } = setup();
    store.getState().connect();
    await settle();
    showCurrent();
    const before = api.callsTo('stats:summary').length;
    await store.getState().decide({ label: 'ok' });
    // As the services do after every write; the decision itself asks for no figures.
    api.emit('db:changed', { tables: ['decisions', 'items'] });
    await settle();
    expect(api.callsTo('stats:summary').length).toBe(before + 1);
    expect(store.getState().stats.summary?.decidedToday).toBe(1);
  });
});
