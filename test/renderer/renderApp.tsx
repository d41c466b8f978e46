import { act, render } from '@testing-library/react';
import type { QueueItemDto } from '../../electron/shared/contract';
import { App } from '../../renderer/app/App';
import { StoreProvider } from '../../renderer/app/StoreProvider';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { createAppStore } from '../../renderer/app/store';
import { createFakeApi, settle } from './fakeApi';
import type { FakeApi, FakeOptions } from './fakeApi';
import { memoryStorage } from './memoryStorage';

export type RenderAppOptions = FakeOptions & {
  /** The pending list the fake services serve. */
  items?: QueueItemDto[];
  /** The inspector remembered from a previous session; null starts at the name prompt. */
  inspector?: string | null;
  /** Changes the fake's answers before the app first asks. */
  adjust?: (api: FakeApi) => void;
};

/** The whole window on a fake api, as main.tsx mounts it, with the first loads settled. */
export async function renderApp({ items = [], inspector = 'Ana', adjust, ...fake }: RenderAppOptions = {}) {
  const api = createFakeApi(items, fake);
  adjust?.(api);
  const storage = memoryStorage(inspector === null ? {} : { [INSPECTOR_STORAGE_KEY]: inspector });
  const store = createAppStore({ api, storage, prefetchImage: () => {} });
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await act(settle);
  return { api, store, storage };
}
