import type { ChannelOutput } from '../../electron/shared/contract';
import { call, describeError } from './call';
import type { LoadStatus, SliceCreator } from './types';

export type AuditEntry = ChannelOutput<'audit:list'>['entries'][number];
export type AuditVerification = ChannelOutput<'audit:verify'>;

export const AUDIT_PAGE = 100;

export interface AuditSlice {
  audit: {
    status: LoadStatus;
    entries: AuditEntry[];
    error: string | null;
    verify: { status: LoadStatus; result: AuditVerification | null; error: string | null };
  };
  loadAudit: () => Promise<void>;
  verifyAudit: () => Promise<void>;
}

export const createAuditSlice: SliceCreator<AuditSlice> = (set, _get, { api }) => ({
  audit: { status: 'idle', entries: [], error: null, verify: { status: 'idle', result: null, error: null } },
  loadAudit: async () => {
    set((s) => ({ audit: { ...s.audit, status: 'loading', error: null } }));
    const res = await call(api, 'audit:list', { limit: AUDIT_PAGE });
    if (res.ok)
      set((s) => ({ audit: { ...s.audit, status: 'ready', entries: res.value.entries, error: null } }));
    else
      set((s) => ({
        audit: {
          ...s.audit,
          status: 'error',
          error: describeError('Cannot load the audit trail', res.error),
        },
      }));
  },
  verifyAudit: async () => {
    set((s) => ({ audit: { ...s.audit, verify: { status: 'loading', result: null, error: null } } }));
    const res = await call(api, 'audit:verify', {});
    set((s) => ({
      audit: {
        ...s.audit,
        verify: res.ok
          ? { status: 'ready', result: res.value, error: null }
          : {
              status: 'error',
              result: null,
              error: describeError('Cannot verify the audit trail', res.error),
            },
      },
    }));
  },
});
