import type { QuarantinedItemDto } from '../../electron/shared/contract';
import { call, describeError } from './call';
import type { LoadStatus, SliceCreator } from './types';

export const QUARANTINE_PAGE = 100;

export interface QuarantineSlice {
  quarantine: { status: LoadStatus; items: QuarantinedItemDto[]; total: number; error: string | null };
  /** Reloads from the first page. */
  loadQuarantine: () => Promise<void>;
  loadMoreQuarantine: () => Promise<void>;
}

export const createQuarantineSlice: SliceCreator<QuarantineSlice> = (set, get, { api }) => {
  const load = async (offset: number) => {
    set((s) => ({ quarantine: { ...s.quarantine, status: 'loading', error: null } }));
    const res = await call(api, 'items:quarantined', { limit: QUARANTINE_PAGE, offset });
    if (!res.ok) {
      set((s) => ({
        quarantine: {
          ...s.quarantine,
          status: 'error',
          error: describeError('Cannot load the quarantine list', res.error),
        },
      }));
      return;
    }
    const items = offset === 0 ? res.value.items : [...get().quarantine.items, ...res.value.items];
    set({ quarantine: { status: 'ready', items, total: res.value.total, error: null } });
  };
  return {
    quarantine: { status: 'idle', items: [], total: 0, error: null },
    loadQuarantine: () => load(0),
    loadMoreQuarantine: () => load(get().quarantine.items.length),
  };
};
