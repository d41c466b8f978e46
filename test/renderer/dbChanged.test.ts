import { describe, expect, it } from 'vitest';
import type { Channel } from '../../electron/shared/contract';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { createAppStore } from '../../renderer/app/store';
import { createFakeApi, item, policy, settle } from './fakeApi';
import { memoryStorage } from './memoryStorage';

/** A connected store on the supervisor screen, its what-if distribution and audit trail loaded. */
async function onSupervisorScreen() {
  const api = createFakeApi([item(1), item(2)]);
  const store = createAppStore({
    api,
    storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
    prefetchImage: () => {},
  });
  store.getState().connect();
  store.getState().openScreen('supervisor');
  await store.getState().loadWhatIfDistribution(null);
  await store.getState().loadAudit();
  await settle();
  const counts = (...channels: Channel[]) => channels.map((c) => api.callsTo(c).length);
  return { api, store, counts };
}

const watched: Channel[] = ['whatif:distribution', 'audit:list', 'stats:summary', 'queue:next'];

describe('db:changed', () => {
  it('does not refetch the what-if distribution for a settings change, but reloads the audit trail', async () => {
    const { api, counts } = await onSupervisorScreen();
    const [dist, audit, stats, queue] = counts(...watched);
    api.emit('db:changed', { tables: ['settings'] });
    await settle();
    expect(counts(...watched)).toEqual([dist, audit! + 1, stats, queue]);
  });

  it('refreshes the figures, the queue and the what-if for a decision, not the audit trail', async () => {
    const { api, counts } = await onSupervisorScreen();
    const [dist, audit, stats, queue] = counts(...watched);
    api.emit('db:changed', { tables: ['decisions', 'items'] });
    await settle();
    expect(counts(...watched)).toEqual([dist! + 1, audit, stats! + 1, queue! + 1]);
  });

  it('leaves a policy change to policy:changed, which reloads the queue and the audit trail once', async () => {
    const { api, counts } = await onSupervisorScreen();
    const [dist, audit, stats, queue] = counts(...watched);
    api.emit('policy:changed', { ...policy(), id: 2, version: 2 });
    api.emit('db:changed', { tables: ['policies'] });
    await settle();
    expect(counts(...watched)).toEqual([dist, audit! + 1, stats, queue! + 1]);
  });
});
