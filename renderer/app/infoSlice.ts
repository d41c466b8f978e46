import type { ChannelOutput } from '../../electron/shared/contract';
import { call, describeError } from './call';
import type { LoadStatus, SliceCreator } from './types';

export type AppInfo = ChannelOutput<'app:info'>;

export interface InfoSlice {
  info: {
    status: LoadStatus;
    value: AppInfo | null;
    error: string | null;
    /** The server refused our token: only a fresh address from `loupe serve` helps. */
    unauthorized: boolean;
  };
  loadInfo: () => Promise<void>;
}

export const createInfoSlice: SliceCreator<InfoSlice> = (set, _get, { api }) => ({
  info: { status: 'idle', value: null, error: null, unauthorized: false },
  loadInfo: async () => {
    set((s) => ({ info: { ...s.info, status: 'loading', error: null } }));
    const res = await call(api, 'app:info', {});
    if (res.ok) {
      set({ info: { status: 'ready', value: res.value, error: null, unauthorized: false } });
    } else {
      set((s) => ({
        info: {
          ...s.info,
          status: 'error',
          error: describeError('Cannot load the station settings', res.error),
          unauthorized: res.error.code === 'unauthorized',
        },
      }));
    }
  },
});
