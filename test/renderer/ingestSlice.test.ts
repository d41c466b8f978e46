import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/app/store';
import { selectVisibleJob } from '../../renderer/features/ingest/ingestSelectors';
import { createFakeApi, settle } from './fakeApi';
import { memoryStorage } from './memoryStorage';

const progress = {
  jobId: 'j1',
  folder: '/imgs',
  total: 10,
  added: 0,
  duplicates: 0,
  quarantined: 0,
  error: null,
};

describe('ingest slice', () => {
  it('browses folders and starts an import by path', async () => {
    const api = createFakeApi();
    api.handle('ingest:listFolders', ({ path }) => ({
      ok: true,
      value: {
        path: path ?? '/home',
        parent: '/',
        folders: [{ name: 'imgs', path: '/home/imgs' }],
        imageCount: 3,
      },
    }));
    api.handle('ingest:importFolder', () => ({ ok: true, value: { jobId: 'j1' } }));
    const store = createAppStore({ api, storage: memoryStorage() });
    await store.getState().browseFolder(null);
    expect(store.getState().ingest.browser.listing?.imageCount).toBe(3);
    await store.getState().importFolder('/home/imgs');
    expect(api.callsTo('ingest:importFolder')).toEqual([{ path: '/home/imgs' }]);
    expect(selectVisibleJob(store.getState())?.state).toBe('scanning');
  });

  it('follows ingest:progress events to the final summary and refreshes an open quarantine list', async () => {
    const api = createFakeApi();
    const store = createAppStore({ api, storage: memoryStorage() });
    store.getState().connect();
    await settle();
    // As the dialog does: open, then load its list.
    store.getState().openPanel('quarantine');
    await store.getState().loadQuarantine();
    const before = api.callsTo('items:quarantined').length;
    api.emit('ingest:progress', { ...progress, state: 'importing', processed: 4 });
    expect(selectVisibleJob(store.getState())?.processed).toBe(4);
    api.emit('ingest:progress', {
      ...progress,
      state: 'done',
      processed: 10,
      added: 8,
      duplicates: 1,
      quarantined: 1,
    });
    await settle();
    expect(selectVisibleJob(store.getState())?.state).toBe('done');
    expect(api.callsTo('items:quarantined').length).toBe(before + 1);
    store.getState().dismissImportSummary();
    expect(selectVisibleJob(store.getState())).toBeNull();
  });

  it('reports a refused import in words', async () => {
    const api = createFakeApi();
    api.handle('ingest:importFolder', () => ({
      ok: false,
      error: { code: 'not_found', message: 'no such folder' },
    }));
    const store = createAppStore({ api, storage: memoryStorage() });
    await store.getState().importFolder('/nope');
    expect(store.getState().ingest.error).toBe('Cannot import /nope: no such folder');
  });
});

describe('folder browser', () => {
  it('shows the folder asked for last even when an earlier answer arrives later', async () => {
    const api = createFakeApi();
    let releaseStart: () => void = () => {};
    api.handle('ingest:listFolders', ({ path }) => {
      const listing = {
        ok: true as const,
        value: { path: path ?? '/start', parent: null, folders: [], imageCount: 0 },
      };
      if (path !== null) return listing;
      return new Promise((resolve) => (releaseStart = () => resolve(listing)));
    });
    const store = createAppStore({ api, storage: memoryStorage() });
    const slow = store.getState().browseFolder(null);
    await store.getState().browseFolder('/typed');
    releaseStart();
    await slow;
    expect(store.getState().ingest.browser.listing?.path).toBe('/typed');
  });
});
