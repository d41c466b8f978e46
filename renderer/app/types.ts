import type { StoreApi } from 'zustand/vanilla';
import type { LoupeApi, SuggestionDto } from '../../electron/shared/contract';
import type { AuditSlice } from './auditSlice';
import type { HotFolderSlice } from './hotFolderSlice';
import type { InfoSlice } from './infoSlice';
import type { IngestSlice } from './ingestSlice';
import type { InspectorSlice } from './inspectorSlice';
import type { PolicySlice } from './policySlice';
import type { QuarantineSlice } from './quarantineSlice';
import type { ReportsSlice } from './reportsSlice';
import type { ReviewSlice } from './reviewSlice';
import type { StatusSlice } from './statusSlice';
import type { UiSlice } from './uiSlice';
import type { ViewSlice } from './viewSlice';
import type { WhatIfSlice } from './whatIfSlice';

/** Lifecycle of whatever a slice last asked the services for. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface StoreDeps {
  api: LoupeApi;
  /** Where the inspector's name survives a restart; null when the browser refuses storage. */
  storage: KeyValueStorage | null;
  /** Monotonic milliseconds, used for time-to-decide. */
  now: () => number;
  /** Warms the browser cache for an image the inspector will see next. */
  prefetchImage: (url: string) => void;
  /** Decodes and colours the heatmap of an item the inspector will see next. */
  prefetchOverlay: (heatmap: NonNullable<SuggestionDto['heatmap']>) => void;
}

export type AppState = InfoSlice &
  InspectorSlice &
  ReviewSlice &
  StatusSlice &
  IngestSlice &
  QuarantineSlice &
  HotFolderSlice &
  ViewSlice &
  PolicySlice &
  WhatIfSlice &
  AuditSlice &
  ReportsSlice &
  UiSlice & {
    /** Subscribes to service events and loads the first data; returns the unsubscribe. */
    connect: () => () => void;
    /** Refreshes the cached query results that depend on the changed tables. */
    onDbChanged: (tables: readonly string[]) => void;
  };

export type AppStore = StoreApi<AppState>;
export type SetState = AppStore['setState'];
export type GetState = AppStore['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: StoreDeps) => T;
