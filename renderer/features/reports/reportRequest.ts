import { AUTOMATION_LEVELS, DECISION_SOURCES } from '../../../electron/shared/contract';
import type { ChannelInput } from '../../../electron/shared/contract';
import type { AgreementReport } from '../../../electron/shared/report';

export type DecisionSource = (typeof DECISION_SOURCES)[number];
export type ReportLevel = (typeof AUTOMATION_LEVELS)[number];
export type ExportFormat = ChannelInput<'reports:export'>['format'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'html', 'pdf'];

export const PERIOD_PRESETS = ['today', 'last7', 'last30', 'all'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/**
 * Days are UTC calendar days ('YYYY-MM-DD'), both ends included. UTC because the server counts
 * over_time by UTC day and serves whole UTC days from its decision cube: a local-midnight
 * period would put a day's first hours into the previous point of the chart.
 * A preset keeps its name, not its dates, so "last 7 days" still means that after midnight.
 */
export type ReportPeriod =
  { preset: PeriodPreset } | { preset: 'custom'; fromDay: string | null; toDay: string | null };
export type ResolvedPeriod = { fromDay: string | null; toDay: string | null };

export type ReportFilters = {
  period: ReportPeriod;
  inspector: string | null;
  source: DecisionSource | null;
  automationLevel: ReportLevel | null;
  /** A model_version slice key: `<model id>@<version>`. */
  modelVersion: string | null;
};

/** All decisions, as `loupe report` without --from/--to: the dashboard and the CLI agree on first sight. */
export const DEFAULT_FILTERS: ReportFilters = {
  period: { preset: 'all' },
  inspector: null,
  source: null,
  automationLevel: null,
  modelVersion: null,
};

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string =>
  utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));
/** A date input's value, or null when it is empty or not a day (open-ended on that side). */
export const parseDay = (value: string): string | null =>
  DAY_PATTERN.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;

export function resolvePeriod(period: ReportPeriod, today: Date): ResolvedPeriod {
  const day = utcDay(today);
  switch (period.preset) {
    case 'today':
      return { fromDay: day, toDay: day };
    case 'last7':
      return { fromDay: addDays(day, -6), toDay: day };
    case 'last30':
      return { fromDay: addDays(day, -29), toDay: day };
    case 'all':
      return { fromDay: null, toDay: null };
    case 'custom':
      return { fromDay: period.fromDay, toDay: period.toDay };
  }
}

/** The service reads [from, to): the last day is included by ending at the next midnight. */
export function periodRange({ fromDay, toDay }: ResolvedPeriod): { from: string | null; to: string | null } {
  return {
    from: fromDay ? `${fromDay}T00:00:00.000Z` : null,
    to: toDay ? `${addDays(toDay, 1)}T00:00:00.000Z` : null,
  };
}

/** Why the period cannot be asked for, or null. An inverted period would silently answer n = 0. */
export function periodProblem({ fromDay, toDay }: ResolvedPeriod): string | null {
  return fromDay && toDay && fromDay > toDay
    ? 'The period starts after it ends: pick an earlier "from" day.'
    : null;
}

export function summaryRequest(filters: ReportFilters, today: Date): ChannelInput<'reports:summary'> {
  return {
    ...periodRange(resolvePeriod(filters.period, today)),
    inspector: filters.inspector,
    source: filters.source,
    automationLevel: filters.automationLevel,
    modelVersion: filters.modelVersion,
  };
}

/** Exports take the period only (the contract has no other filter for them). */
export function exportRequest(
  format: ExportFormat,
  filters: ReportFilters,
  today: Date,
): ChannelInput<'reports:export'> {
  return { format, ...periodRange(resolvePeriod(filters.period, today)) };
}

export const isDecisionSource = (value: string): value is DecisionSource =>
  (DECISION_SOURCES as readonly string[]).includes(value);
export const isReportLevel = (value: string): value is ReportLevel =>
  (AUTOMATION_LEVELS as readonly string[]).includes(value);

export type FilterDimension = 'inspector' | 'source' | 'automationLevel' | 'modelVersion';
const SLICE_OF: Record<FilterDimension, keyof AgreementReport['slices']> = {
  inspector: 'inspector',
  source: 'source',
  automationLevel: 'automation_level',
  modelVersion: 'model_version',
};
const VALID: Record<FilterDimension, (key: string) => boolean> = {
  inspector: () => true,
  modelVersion: () => true,
  source: (k) => isDecisionSource(k),
  automationLevel: (k) => isReportLevel(k),
};

/**
 * Choices for a filter, from the report's own slices (values that have unbiased labels), plus
 * the one selected: filtered on it, the report lists only that value and the choice must stay.
 * Empty keys (history rows without an inspector) cannot be asked for: the service reads an
 * empty filter as "any".
 */
export function filterOptions(
  report: AgreementReport | null,
  dimension: FilterDimension,
  selected: string | null,
): string[] {
  const keys = new Set(
    (report?.slices[SLICE_OF[dimension]] ?? [])
      .map((row) => row.key)
      .filter((k) => k !== '' && VALID[dimension](k)),
  );
  if (selected) keys.add(selected);
  return [...keys].sort((a, b) => a.localeCompare(b));
}
