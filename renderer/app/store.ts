import { createStore } from 'zustand/vanilla';
import type { LoupeApi } from '../../electron/shared/contract';
import { createImagePrefetcher } from '../lib/imagePrefetch';
import { prepareOverlay } from '../lib/overlayCache';
import { createAuditSlice } from './auditSlice';
import { createHotFolderSlice } from './hotFolderSlice';
import { createInfoSlice } from './infoSlice';
import { createIngestSlice, isRunning } from './ingestSlice';
import { createInspectorSlice } from './inspectorSlice';
import { createPolicySlice } from './policySlice';
import { createQuarantineSlice } from './quarantineSlice';
import { createReportsSlice } from './reportsSlice';
import { createReviewSlice } from './reviewSlice';
import { createStatusSlice } from './statusSlice';
import type { AppState, AppStore, KeyValueStorage, StoreDeps } from './types';
import { createUiSlice } from './uiSlice';
import { createViewSlice } from './viewSlice';
import { createWhatIfSlice } from './whatIfSlice';

export type CreateAppStoreOptions = { api: LoupeApi } & Partial<Omit<StoreDeps, 'api'>>;

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** One store per window; tests pass a fake api (and storage/clock) and run it without a DOM. */
export function createAppStore(options: CreateAppStoreOptions): AppStore {
  const deps: StoreDeps = {
    api: options.api,
    storage: options.storage === undefined ? defaultStorage() : options.storage,
    now: options.now ?? (() => performance.now()),
    prefetchImage: options.prefetchImage ?? createImagePrefetcher(),
    prefetchOverlay: options.prefetchOverlay ?? ((heatmap) => void prepareOverlay(heatmap)),
  };
  return createStore<AppState>()((set, get) => ({
    ...createUiSlice(set, get, deps),
    ...createInfoSlice(set, get, deps),
    ...createInspectorSlice(set, get, deps),
    ...createReviewSlice(set, get, deps),
    ...createViewSlice(set, get, deps),
    ...createStatusSlice(set, get, deps),
    ...createIngestSlice(set, get, deps),
    ...createQuarantineSlice(set, get, deps),
    ...createHotFolderSlice(set, get, deps),
    ...createPolicySlice(set, get, deps),
    ...createWhatIfSlice(set, get, deps),
    ...createAuditSlice(set, get, deps),
    ...createReportsSlice(set, get, deps),

    connect: () => {
      const offChanged = deps.api.on('db:changed', ({ tables }) => get().onDbChanged(tables));
      const offProgress = deps.api.on('ingest:progress', (progress) => get().applyImportProgress(progress));
      const offPolicy = deps.api.on('policy:changed', (policy) => {
        get().applyPolicyChanged(policy);
        // Tasks follow the policy: the item on screen may have to turn blind, or show its suggestion.
        void get().loadQueue();
        if (get().ui.screen === 'supervisor') void get().loadAudit();
      });
      void get().loadInfo();
      void get().loadInspectors();
      void get().refreshStats();
      void get().loadImportStatus();
      void get().loadQueue();
      return () => {
        offChanged();
        offProgress();
        offPolicy();
      };
    },

    onDbChanged: (tables) => {
      const changed = (...names: string[]) => names.some((name) => tables.includes(name));
      const { ui } = get();
      // 'policies' alone needs nothing here: policy:changed, sent with it, reloads the queue and audit.
      if (changed('items', 'decisions', 'predictions')) {
        void get().refreshStats();
        void get().loadQueue();
      }
      if (changed('items')) {
        // The dialog loads its own list when opened; only an open one is kept current.
        if (ui.panel === 'quarantine') void get().loadQuarantine();
        // A progress event lost on a reconnect would leave the bar stuck; the job list catches up.
        const { currentJobId, jobs } = get().ingest;
        if (currentJobId && isRunning(jobs[currentJobId])) void get().loadImportStatus();
      }
      // The supervisor's figures only while the screen is open (it refreshes them when opened):
      // every decision changes the database, and the review must not pay for a closed screen.
      if (ui.screen === 'supervisor') {
        if (changed('decisions', 'predictions')) get().refreshWhatIf();
        // Setting changes (the hot folder) are audited; decisions are not.
        if (changed('settings')) void get().loadAudit();
      }
      // A report is read as a document (generated at, row count): say it is out of date rather
      // than rebuild it under the reader on every decision.
      if (ui.screen === 'reports' && changed('decisions', 'predictions', 'policies')) get().markReportStale();
    },
  }));
}
