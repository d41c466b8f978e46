import type { StatusSummaryDto } from '../../../electron/shared/contract';
import type { AppInfo } from '../../app/infoSlice';

/** "n = 12 · 83 %", or "—" before the shadow model has anything to be compared on. */
export function formatAgreement(agreement: StatusSummaryDto['shadowAgreement'] | undefined): string {
  if (!agreement || agreement.n === 0) return '—';
  const rate = agreement.rate ?? agreement.agree / agreement.n;
  return `n = ${agreement.n} · ${Math.round(rate * 100)} %`;
}

export function formatModel(info: AppInfo | null): string {
  if (!info) return '…';
  if (!info.model) return info.modelError ? `not loaded (${info.modelError})` : 'not loaded';
  return `${info.model.id} ${info.model.version}`;
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? '…' : value.toLocaleString();
}
