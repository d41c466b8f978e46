import { useAppStore } from '../../app/StoreProvider';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AgreementReport } from '../../../electron/shared/report';
import { CalibrationChart } from './CalibrationChart';
import { ConfusionMatrices } from './ConfusionMatrices';
import { EmptyReport } from './EmptyReport';
import { ExportBar } from './ExportBar';
import { HeadlineCards } from './HeadlineCards';
import { OverTimeChart } from './OverTimeChart';
import { PerClassTable } from './PerClassTable';
import { PerInspectorTable } from './PerInspectorTable';
import { ProvenanceFooter } from './ProvenanceFooter';
import { ReportFiltersBar } from './ReportFiltersBar';
import { SlicesTable } from './SlicesTable';
import './reports.css';

function ReportBody({ report }: { report: AgreementReport }) {
  if (report.overall.n === 0) {
    return (
      <div className="reports-body">
        <EmptyReport />
        <ProvenanceFooter report={report} />
      </div>
    );
  }
  return (
    <div className="reports-body">
      <HeadlineCards report={report} />
      <div className="reports-grid">
        <OverTimeChart rows={report.over_time} />
        <CalibrationChart bins={report.calibration} />
      </div>
      <ConfusionMatrices report={report} />
      <PerClassTable rows={report.per_class} />
      <PerInspectorTable rows={report.per_inspector} />
      <SlicesTable slices={report.slices} />
      <ProvenanceFooter report={report} />
    </div>
  );
}

/** The agreement dashboard: how well the model agrees with unbiased human labels, and on what it is based. */
export function ReportsScreen() {
  const { status, value, error, stale } = useAppStore(
    useShallow((s) => ({
      status: s.reports.status,
      value: s.reports.value,
      error: s.reports.error,
      stale: s.reports.stale,
    })),
  );
  const { loadReport, openScreen } = useAppStore(
    useShallow((s) => ({ loadReport: s.loadReport, openScreen: s.openScreen })),
  );
  // Decisions made while the screen was closed: a report from an earlier visit is out of date.
  useEffect(() => {
    void loadReport();
  }, [loadReport]);

  return (
    <section
      className="screen reports"
      data-testid="reports-screen"
      data-status={status}
      aria-busy={status === 'loading'}
      aria-labelledby="reports-title"
    >
      <div className="screen-head">
        <h1 id="reports-title">Agreement report</h1>
        <button type="button" data-testid="close-reports" onClick={() => openScreen('review')}>
          Back to review
        </button>
      </div>
      <ReportFiltersBar />
      {/* Above the figures: a supervisor exporting a period should not have to scroll for it. */}
      <ExportBar />
      {status === 'loading' && (
        <p className="muted" role="status" data-testid="report-loading">
          {value ? 'Updating the report…' : 'Building the report…'}
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert" data-testid="report-error">
          {error}
        </p>
      )}
      {stale && value && status !== 'loading' && (
        <p className="notice" data-testid="report-stale">
          Decisions have changed since this report was built.{' '}
          <button type="button" onClick={() => void loadReport()}>
            Refresh
          </button>
        </p>
      )}
      {value && <ReportBody report={value} />}
    </section>
  );
}
