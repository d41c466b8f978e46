import { useAppStore } from '../../app/StoreProvider';
import { useShallow } from 'zustand/react/shallow';
import { EXPORT_FORMATS } from './reportRequest';
import { formatCount, shortHash } from './reportFormat';

/** Writes the period's report to the data folder's exports/; a PDF can take seconds, so the state shows. */
export function ExportBar() {
  const { status, format, result, error } = useAppStore(useShallow((s) => s.reports.export));
  const exportReport = useAppStore((s) => s.exportReport);
  const running = status === 'loading';
  return (
    <section className="panel-section" aria-labelledby="report-export-title">
      <h2 id="report-export-title">Export</h2>
      <p className="muted report-why">
        Exports cover the chosen period; the inspector, source, level and model filters apply to the dashboard
        only.
      </p>
      <div className="export-bar">
        {EXPORT_FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            data-testid={`export-${f}`}
            disabled={running}
            onClick={() => void exportReport(f)}
          >
            {f.toUpperCase()}
          </button>
        ))}
        {running && format && (
          <span className="muted" role="status" data-testid="export-running">
            Writing the {format.toUpperCase()} export…
          </span>
        )}
        {status === 'ready' && result && (
          <span
            className="export-result"
            role="status"
            data-testid="export-result"
            title={`sha256 ${result.sha256}`}
          >
            Saved to {result.file} ({formatCount(result.rows)} rows, sha256 {shortHash(result.sha256)})
          </span>
        )}
        {status === 'error' && error && (
          <span className="inline-error" role="alert" data-testid="export-result">
            {error}
          </span>
        )}
      </div>
    </section>
  );
}
