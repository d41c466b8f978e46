import { describe, expect, it } from 'vitest';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { createAppStore } from '../../renderer/app/store';
import { createFakeApi, item } from './fakeApi';
import { memoryStorage } from './memoryStorage';

describe('inspector slice', () => {
  it('starts without a name, persists the chosen one and loads the queue', async () => {
    const storage = memoryStorage();
    const api = createFakeApi([item(1)]);
    const store = createAppStore({ api, storage, prefetchImage: () => {} });
    expect(store.getState().inspector.name).toBeNull();
    expect(store.getState().chooseInspector('  Ana  ')).toBeNull();
    expect(store.getState().inspector.name).toBe('Ana');
    expect(storage.data.get(INSPECTOR_STORAGE_KEY)).toBe('Ana');
    await store.getState().loadQueue();
    expect(store.getState().review.queue).toHaveLength(1);

    const again = createAppStore({ api, storage, prefetchImage: () => {} });
    expect(again.getState().inspector.name).toBe('Ana');
  });

  it('rejects an empty or too long name with the contract message', () => {
    const store = createAppStore({ api: createFakeApi(), storage: memoryStorage() });
    expect(store.getState().chooseInspector('   ')).toBe('inspector name is required');
    expect(store.getState().chooseInspector('x'.repeat(65))).toBe('inspector name is at most 64 characters');
    expect(store.getState().inspector.name).toBeNull();
  });

  it('lists known names and forgets the name on Change', async () => {
    const storage = memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ben' });
    const store = createAppStore({ api: createFakeApi(), storage });
    await store.getState().loadInspectors();
    expect(store.getState().inspector.known).toEqual(['Ana', 'Ben']);
    store.getState().changeInspector();
    expect(store.getState().inspector.name).toBeNull();
    expect(storage.data.has(INSPECTOR_STORAGE_KEY)).toBe(false);
  });

  it('a queue request without a name is never sent', async () => {
    const api = createFakeApi([item(1)]);
    const store = createAppStore({ api, storage: memoryStorage() });
    await store.getState().loadQueue();
    expect(api.callsTo('queue:next')).toEqual([]);
  });
});
