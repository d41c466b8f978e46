import type { StatusSummaryDto } from '../../electron/shared/contract';
import { call, coalesce, describeError } from './call';
import type { LoadStatus, SliceCreator } from './types';

export interface StatusSlice {
  stats: { status: LoadStatus; summary: StatusSummaryDto | null; error: string | null };
  refreshStats: () => Promise<void>;
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set, _get, { api }) => ({
  stats: { status: 'idle', summary: null, error: null },
  refreshStats: coalesce(async () => {
    // Keep showing the last figures while refreshing: the bar must not flicker on every change.
    set((s) => ({ stats: { ...s.stats, status: s.stats.summary ? s.stats.status : 'loading' } }));
    const res = await call(api, 'stats:summary', {});
    if (res.ok) set({ stats: { status: 'ready', summary: res.value, error: null } });
    else
      set((s) => ({
        stats: { ...s.stats, status: 'error', error: describeError('Cannot load the figures', res.error) },
      }));
  }),
});
