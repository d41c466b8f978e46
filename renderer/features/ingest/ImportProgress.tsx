import type { ImportProgressDto } from '../../../electron/shared/contract';
import { useAppStore } from '../../app/StoreProvider';
import { describeProgress } from './ingestSelectors';

/** The one place an import's progress and outcome are shown. */
export function ImportProgress({ job, onDismiss }: { job: ImportProgressDto; onDismiss?: () => void }) {
  const openPanel = useAppStore((s) => s.openPanel);
  const finished = job.state === 'done' || job.state === 'failed';
  return (
    <div
      className={`import-progress state-${job.state}`}
      data-testid="import-progress"
      data-state={job.state}
      aria-live="polite"
    >
      <div className="import-progress-head">
        <strong>{describeProgress(job)}</strong>
        <span data-testid="import-count">
          {job.processed.toLocaleString()} / {job.total.toLocaleString()}
        </span>
      </div>
      <progress
        max={Math.max(job.total, 1)}
        value={job.state === 'done' ? Math.max(job.total, 1) : job.processed}
      />
      {job.state === 'done' ? (
        <p data-testid="import-summary">
          {job.total.toLocaleString()} files looked at: {job.added.toLocaleString()} new,{' '}
          {job.duplicates.toLocaleString()} already known, {job.quarantined.toLocaleString()} quarantined.
        </p>
      ) : (
        <div className="import-figures">
          <span>Added {job.added.toLocaleString()}</span>
          <span>Duplicates {job.duplicates.toLocaleString()}</span>
          <span>Quarantined {job.quarantined.toLocaleString()}</span>
        </div>
      )}
      {(job.quarantined > 0 || (finished && onDismiss)) && (
        <div className="import-actions">
          {job.quarantined > 0 && (
            <button type="button" onClick={() => openPanel('quarantine')}>
              Show quarantined files
            </button>
          )}
          {finished && onDismiss && (
            <button type="button" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
