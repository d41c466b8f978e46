import { createStore } from 'zustand/vanilla';
import type { LoupeApi } from '../../electron/shared/contract';
import { createHotFolderSlice } from './hotFolderSlice';
import { createInfoSlice } from './infoSlice';
import { createIngestSlice, isRunning } from './ingestSlice';
import { createInspectorSlice } from './inspectorSlice';
import { createQuarantineSlice } from './quarantineSlice';
import { createReviewSlice } from './reviewSlice';
import { createStatusSlice } from './statusSlice';
import type { AppState, AppStore, KeyValueStorage, StoreDeps } from './types';
import { createUiSlice } from './uiSlice';

export type CreateAppStoreOptions = { api: LoupeApi } & Partial<Omit<StoreDeps, 'api'>>;

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function defaultPrefetch(url: string): void {
  if (typeof Image === 'undefined') return;
  new Image().src = url;
}

/** One store per window; tests pass a fake api (and storage/clock) and run it without a DOM. */
export function createAppStore(options: CreateAppStoreOptions): AppStore {
  const deps: StoreDeps = {
    api: options.api,
    storage: options.storage === undefined ? defaultStorage() : options.storage,
    now: options.now ?? (() => performance.now()),
    prefetchImage: options.prefetchImage ?? defaultPrefetch,
  };
  return createStore<AppState>()((set, get) => ({
    ...createUiSlice(set, get, deps),
    ...createInfoSlice(set, get, deps),
    ...createInspectorSlice(set, get, deps),
    ...createReviewSlice(set, get, deps),
    ...createStatusSlice(set, get, deps),
    ...createIngestSlice(set, get, deps),
    ...createQuarantineSlice(set, get, deps),
    ...createHotFolderSlice(set, get, deps),

    connect: () => {
      const offChanged = deps.api.on('db:changed', () => get().onDbChanged());
      const offProgress = deps.api.on('ingest:progress', (progress) => get().applyImportProgress(progress));
      void get().loadInfo();
      void get().loadInspectors();
      void get().refreshStats();
      void get().loadImportStatus();
      void get().loadQueue();
      return () => {
        offChanged();
        offProgress();
      };
    },

    onDbChanged: () => {
      void get().refreshStats();
      void get().loadQueue();
      // Only refresh the list when the inspector has looked at it; it may be long.
      if (get().quarantine.status !== 'idle') void get().loadQuarantine();
      // A progress event lost on a reconnect would leave the bar stuck; the job list catches up.
      const { currentJobId, jobs } = get().ingest;
      if (currentJobId && isRunning(jobs[currentJobId])) void get().loadImportStatus();
    },
  }));
}
