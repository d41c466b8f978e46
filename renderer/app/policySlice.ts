import type { ApiError, PolicyDto, PolicySettings } from '../../electron/shared/contract';
import { call, describeError } from './call';
import { sameSettings, settingsOf } from './policyDraft';
import type { LoadStatus, SliceCreator } from './types';

export type ApplyCredentials = { supervisor: string; password: string; reason: string };

export interface PolicySlice {
  policy: { status: LoadStatus; current: PolicyDto | null; history: PolicyDto[]; error: string | null };
  supervisor: { status: LoadStatus; configured: boolean; names: string[]; error: string | null };
  /** The supervisor's edit, kept apart from the policy in force until applied. target: which band the sliders edit. */
  policyDraft: { settings: PolicySettings | null; target: string | null };
  policyApply: { status: LoadStatus; error: string | null; appliedVersion: number | null };
  loadPolicy: () => Promise<void>;
  loadSupervisorStatus: () => Promise<void>;
  /** A policy:changed event, or our own successful apply. */
  applyPolicyChanged: (policy: PolicyDto) => void;
  editPolicyDraft: (edit: (settings: PolicySettings) => PolicySettings) => void;
  setBandTarget: (target: string | null) => void;
  resetPolicyDraft: () => void;
  /** Returns true when the new version is in force. */
  applyPolicy: (credentials: ApplyCredentials) => Promise<boolean>;
  clearPolicyApply: () => void;
}

export function describeApplyError(error: ApiError): string {
  switch (error.code) {
    case 'unauthorized':
      return 'The supervisor name or password is wrong. Nothing was changed.';
    case 'invalid_input':
      return `The policy was not applied, the input was refused: ${error.message}`;
    default:
      return `The policy was not applied: ${error.message}`;
  }
}

export const createPolicySlice: SliceCreator<PolicySlice> = (set, get, { api }) => {
  // A draft nobody touched follows the policy in force; an edited one is never overwritten.
  const untouched = (draft: PolicySettings | null, previous: PolicyDto | null) =>
    draft === null || (previous !== null && sameSettings(draft, settingsOf(previous)));

  return {
    policy: { status: 'idle', current: null, history: [], error: null },
    supervisor: { status: 'idle', configured: false, names: [], error: null },
    policyDraft: { settings: null, target: null },
    policyApply: { status: 'idle', error: null, appliedVersion: null },

    loadPolicy: async () => {
      set((s) => ({ policy: { ...s.policy, status: 'loading', error: null } }));
      const res = await call(api, 'policy:get', {});
      if (!res.ok) {
        set((s) => ({
          policy: { ...s.policy, status: 'error', error: describeError('Cannot load the policy', res.error) },
        }));
        return;
      }
      const { current, history } = res.value;
      const { policy, policyDraft } = get();
      set({
        policy: { status: 'ready', current, history, error: null },
        policyDraft: untouched(policyDraft.settings, policy.current)
          ? { ...policyDraft, settings: settingsOf(current) }
          : policyDraft,
      });
    },

    loadSupervisorStatus: async () => {
      set((s) => ({ supervisor: { ...s.supervisor, status: 'loading', error: null } }));
      const res = await call(api, 'supervisor:status', {});
      if (res.ok)
        set({
          supervisor: {
            status: 'ready',
            configured: res.value.configured,
            names: res.value.names,
            error: null,
          },
        });
      else
        set((s) => ({
          supervisor: {
            ...s.supervisor,
            status: 'error',
            error: describeError('Cannot load the supervisor status', res.error),
          },
        }));
    },

    applyPolicyChanged: (next) => {
      const { policy, policyDraft } = get();
      if (policy.current && policy.current.version > next.version) return;
      set({
        policy: {
          ...policy,
          current: next,
          history: [next, ...policy.history.filter((p) => p.id !== next.id)],
        },
        policyDraft: untouched(policyDraft.settings, policy.current)
          ? { ...policyDraft, settings: settingsOf(next) }
          : policyDraft,
      });
    },

    editPolicyDraft: (edit) =>
      set((s) =>
        s.policyDraft.settings
          ? { policyDraft: { ...s.policyDraft, settings: edit(s.policyDraft.settings) } }
          : {},
      ),
    setBandTarget: (target) => set((s) => ({ policyDraft: { ...s.policyDraft, target } })),
    resetPolicyDraft: () =>
      set((s) => ({
        policyDraft: { ...s.policyDraft, settings: s.policy.current ? settingsOf(s.policy.current) : null },
      })),

    applyPolicy: async ({ supervisor, password, reason }) => {
      const settings = get().policyDraft.settings;
      if (!settings) return false;
      set({ policyApply: { status: 'loading', error: null, appliedVersion: null } });
      const res = await call(api, 'policy:set', { supervisor, password, reason, settings });
      if (!res.ok) {
        set({ policyApply: { status: 'error', error: describeApplyError(res.error), appliedVersion: null } });
        return false;
      }
      const applied = res.value.policy;
      // Our own apply: the draft now matches what is in force.
      set((s) => ({ policyDraft: { ...s.policyDraft, settings: settingsOf(applied) } }));
      get().applyPolicyChanged(applied);
      set({ policyApply: { status: 'ready', error: null, appliedVersion: applied.version } });
      return true;
    },
    clearPolicyApply: () => set({ policyApply: { status: 'idle', error: null, appliedVersion: null } }),
  };
};
