import { describe, expect, it } from 'vitest';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { setBandEdge, withBand } from '../../renderer/app/policyDraft';
import { createAppStore } from '../../renderer/app/store';
import { selectLevelInForce } from '../../renderer/features/supervisor/levels';
import { createFakeApi, info, ok, policy, settle, SUPERVISOR } from './fakeApi';
import { memoryStorage } from './memoryStorage';

async function setup() {
  const api = createFakeApi();
  const store = createAppStore({
    api,
    storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
    prefetchImage: () => {},
  });
  await store.getState().loadPolicy();
  return { api, store };
}

describe('policy slice', () => {
  it('applies the draft with the supervisor name, password and reason, and shows the new version', async () => {
    const { api, store } = await setup();
    store.getState().editPolicyDraft((s) => ({
      ...withBand(s, null, { t_ok: 0.05, t_defect: 0.95 }),
      level: 'partial',
      auditRate: 0.1,
    }));
    const applied = await store
      .getState()
      .applyPolicy({ supervisor: 'Sam', password: 'secret', reason: 'line 2 stable for a month' });
    expect(applied).toBe(true);
    expect(api.callsTo('policy:set')).toEqual([
      {
        supervisor: 'Sam',
        password: 'secret',
        reason: 'line 2 stable for a month',
        settings: {
          level: 'partial',
          band: { t_ok: 0.05, t_defect: 0.95 },
          classBands: {},
          auditRate: 0.1,
          blindFirstReadShare: 0.1,
          doubleReviewShare: 0,
        },
      },
    ]);
    const { policy: p, policyApply } = store.getState();
    expect(p.current?.version).toBe(2);
    expect(p.history.map((h) => h.version)).toEqual([2, 1]);
    expect(policyApply).toEqual({ status: 'ready', error: null, appliedVersion: 2 });
  });

  it('surfaces unauthorized and invalid_input in words and leaves the policy as it was', async () => {
    const { store } = await setup();
    store.getState().editPolicyDraft((s) => ({ ...s, level: 'full' }));
    expect(
      await store.getState().applyPolicy({ supervisor: 'Sam', password: 'guess', reason: 'try it' }),
    ).toBe(false);
    expect(store.getState().policyApply.error).toBe(
      'The supervisor name or password is wrong. Nothing was changed.',
    );
    expect(
      await store.getState().applyPolicy({ ...SUPERVISOR, supervisor: SUPERVISOR.name, reason: ' ' }),
    ).toBe(false);
    expect(store.getState().policyApply.error).toBe(
      'The policy was not applied, the input was refused: reason: give a reason for the change',
    );
    expect(store.getState().policy.current?.version).toBe(1);
    // The edit survives a refused apply.
    expect(store.getState().policyDraft.settings?.level).toBe('full');
  });

  it('policy:changed updates the level in force, refreshes the queue and keeps an edited draft', async () => {
    const { api, store } = await setup();
    store.getState().connect();
    await settle();
    expect(selectLevelInForce(store.getState())).toBe(info.automationLevel);
    store.getState().editPolicyDraft((s) => ({ ...s, auditRate: 0.2 }));
    const queueCalls = api.callsTo('queue:next').length;
    api.emit('policy:changed', policy({ id: 2, version: 2, level: 'ai_assist' }));
    await settle();
    expect(selectLevelInForce(store.getState())).toBe('ai_assist');
    expect(api.callsTo('queue:next').length).toBe(queueCalls + 1);
    expect(store.getState().policyDraft.settings?.auditRate).toBe(0.2);
    expect(store.getState().policyDraft.settings?.level).toBe('human_only');
  });

  it('an untouched draft follows the policy in force', async () => {
    const { store } = await setup();
    store.getState().applyPolicyChanged(policy({ id: 3, version: 3, level: 'partial' }));
    expect(store.getState().policyDraft.settings?.level).toBe('partial');
    // An older version arriving late does not roll the station back.
    store.getState().applyPolicyChanged(policy({ id: 2, version: 2, level: 'ai_assist' }));
    expect(selectLevelInForce(store.getState())).toBe('partial');
  });

  it('reports a policy that cannot be loaded', async () => {
    const api = createFakeApi();
    api.handle('policy:get', () => ({ ok: false, error: { code: 'internal', message: 'no policy table' } }));
    const store = createAppStore({ api, storage: memoryStorage() });
    await store.getState().loadPolicy();
    expect(store.getState().policy.error).toBe('Cannot load the policy: no policy table');
    api.handle('policy:get', () => ok({ current: policy(), history: [policy()] }));
    await store.getState().loadPolicy();
    expect(store.getState().policyDraft.settings?.band).toEqual({ t_ok: 0.1, t_defect: 0.9 });
  });
});

describe('band edges', () => {
  it('moves the other edge rather than let the band cross, and rounds to 0.001', () => {
    expect(setBandEdge({ t_ok: 0.1, t_defect: 0.9 }, 't_ok', 0.12345)).toEqual({
      t_ok: 0.123,
      t_defect: 0.9,
    });
    expect(setBandEdge({ t_ok: 0.1, t_defect: 0.3 }, 't_ok', 0.5)).toEqual({ t_ok: 0.5, t_defect: 0.5 });
    expect(setBandEdge({ t_ok: 0.4, t_defect: 0.9 }, 't_defect', 0.2)).toEqual({ t_ok: 0.2, t_defect: 0.2 });
    expect(setBandEdge({ t_ok: 0.4, t_defect: 0.9 }, 't_defect', 7)).toEqual({ t_ok: 0.4, t_defect: 1 });
  });
});
