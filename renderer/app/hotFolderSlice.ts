import type { ChannelOutput } from '../../electron/shared/contract';
import { call, describeError } from './call';
import type { LoadStatus, SliceCreator } from './types';

export type HotFolderState = ChannelOutput<'hotFolder:get'>;

export interface HotFolderSlice {
  hotFolder: { status: LoadStatus; value: HotFolderState | null; saving: boolean; error: string | null };
  loadHotFolder: () => Promise<void>;
  /** null stops watching. */
  saveHotFolder: (path: string | null) => Promise<void>;
}

export const createHotFolderSlice: SliceCreator<HotFolderSlice> = (set, _get, { api }) => ({
  hotFolder: { status: 'idle', value: null, saving: false, error: null },
  loadHotFolder: async () => {
    set((s) => ({ hotFolder: { ...s.hotFolder, status: 'loading', error: null } }));
    const res = await call(api, 'hotFolder:get', {});
    if (res.ok) set((s) => ({ hotFolder: { ...s.hotFolder, status: 'ready', value: res.value } }));
    else
      set((s) => ({
        hotFolder: {
          ...s.hotFolder,
          status: 'error',
          error: describeError('Cannot load the hot folder setting', res.error),
        },
      }));
  },
  saveHotFolder: async (path) => {
    set((s) => ({ hotFolder: { ...s.hotFolder, saving: true, error: null } }));
    const res = await call(api, 'hotFolder:set', { path });
    if (res.ok)
      set((s) => ({ hotFolder: { ...s.hotFolder, status: 'ready', saving: false, value: res.value } }));
    else
      set((s) => ({
        hotFolder: {
          ...s.hotFolder,
          saving: false,
          error: describeError('The hot folder setting was not saved', res.error),
        },
      }));
  },
});
