import type { AgreementReport } from '../../../electron/shared/report';

// The figure formatters are shared with the HTML/PDF export and the what-if panel.
export {
  formatCoefficient,
  formatCoefficientInterval,
  formatCount,
  formatDuration,
  formatFraction,
  formatKappa,
  formatPercent,
  formatPercentInterval,
  formatProportion,
} from '../../../electron/shared/format';

/** Hashes are shown short; the full value goes in a title so it can still be compared. */
export const shortHash = (sha: string): string => (sha.length > 12 ? `${sha.slice(0, 12)}…` : sha);

export function formatPeriod(period: AgreementReport['period']): string {
  if (!period.from && !period.to) return 'all decisions';
  return `${period.from ?? 'the first decision'} to ${period.to ?? 'now'} (end excluded)`;
}

/** "inspector Ana · source any", in the order the service lists them. */
export function formatFilters(filters: AgreementReport['filters']): string {
  const entries = Object.entries(filters);
  if (entries.length === 0) return 'none';
  return entries.map(([key, value]) => `${key.replace(/_/g, ' ')} ${value ?? 'any'}`).join(' · ');
}

export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toLocaleString()} (${iso})`;
}

const SOURCE_NAMES: Record<string, string> = {
  human: 'Human',
  auto: 'Auto (policy)',
  history: 'History import',
};
export const sourceName = (source: string): string => SOURCE_NAMES[source] ?? source;

/** Slice keys can be empty (history without an inspector): say so rather than show a blank cell. */
export const sliceKeyName = (key: string): string => (key === '' ? '(none recorded)' : key);
