import type { ChannelOutput } from '../../electron/shared/contract';
import type { AgreementReport } from '../../electron/shared/report';
import {
  DEFAULT_FILTERS,
  exportRequest,
  periodProblem,
  resolvePeriod,
  summaryRequest,
} from '../features/reports/reportRequest';
import type { ExportFormat, ReportFilters } from '../features/reports/reportRequest';
import { call, describeError, latestWins, patcher } from './call';
import type { LoadStatus, SliceCreator } from './types';

export type ExportResult = ChannelOutput<'reports:export'>;
export type ExportState = {
  status: LoadStatus;
  format: ExportFormat | null;
  result: ExportResult | null;
  error: string | null;
};

export interface ReportsSlice {
  reports: {
    filters: ReportFilters;
    status: LoadStatus;
    /** The last report that came back; kept while a new one loads so the screen does not flash. */
    value: AgreementReport | null;
    error: string | null;
    /** Decisions changed after the report on screen was asked for. */
    stale: boolean;
    export: ExportState;
  };
  /** Any filter change asks for a new report. */
  setReportFilters: (patch: Partial<ReportFilters>) => void;
  loadReport: () => Promise<void>;
  markReportStale: () => void;
  exportReport: (format: ExportFormat) => Promise<void>;
}

const idleExport: ExportState = { status: 'idle', format: null, result: null, error: null };

// Presets resolve against the wall clock at each request (the store's `now` is monotonic, not a date).
const today = () => new Date();

export const createReportsSlice: SliceCreator<ReportsSlice> = (set, get, { api }) => {
  const patch = patcher(set, 'reports');
  // Only the request asked for last may land: filters change faster than a report is built.
  const beginLoad = latestWins();

  return {
    reports: {
      filters: DEFAULT_FILTERS,
      status: 'idle',
      value: null,
      error: null,
      stale: false,
      export: idleExport,
    },

    setReportFilters: (change) => {
      patch((r) => ({ filters: { ...r.filters, ...change } }));
      void get().loadReport();
    },

    loadReport: async () => {
      const isLatest = beginLoad();
      const { filters } = get().reports;
      const problem = periodProblem(resolvePeriod(filters.period, today()));
      if (problem) {
        // Figures for another period must not stand under these filters.
        patch(() => ({ status: 'error', value: null, error: problem }));
        return;
      }
      // A change arriving while this one is built may or may not be in it: stale again then.
      patch(() => ({ status: 'loading', error: null, stale: false }));
      const res = await call(api, 'reports:summary', summaryRequest(filters, today()));
      if (!isLatest()) return;
      if (res.ok) patch(() => ({ status: 'ready', value: res.value, error: null }));
      else
        patch(() => ({
          status: 'error',
          value: null,
          error: describeError('Cannot build the agreement report', res.error),
        }));
    },

    markReportStale: () => patch(() => ({ stale: true })),

    exportReport: async (format) => {
      // The buttons are disabled while one runs; this guards a double click that beats the render.
      if (get().reports.export.status === 'loading') return;
      const { filters } = get().reports;
      const problem = periodProblem(resolvePeriod(filters.period, today()));
      if (problem) {
        patch(() => ({ export: { status: 'error', format, result: null, error: problem } }));
        return;
      }
      const request = exportRequest(format, filters, today());
      patch(() => ({ export: { status: 'loading', format, result: null, error: null } }));
      const res = await call(api, 'reports:export', request);
      patch(() => ({
        export: res.ok
          ? { status: 'ready', format, result: res.value, error: null }
          : {
              status: 'error',
              format,
              result: null,
              error: describeError(`The ${format.toUpperCase()} export failed`, res.error),
            },
      }));
    },
  };
};
