import { useAppStore } from '../../app/StoreProvider';
import { ImportProgress } from './ImportProgress';
import { selectVisibleJob } from './ingestSelectors';

/** Imports run in the background; while the dialog is closed their progress lives under the header. */
export function ImportStrip() {
  const job = useAppStore(selectVisibleJob);
  const dialogOpen = useAppStore((s) => s.ui.panel === 'import');
  const dismiss = useAppStore((s) => s.dismissImportSummary);
  if (!job || dialogOpen) return null;
  return (
    <div className="import-strip">
      <ImportProgress job={job} onDismiss={dismiss} />
    </div>
  );
}
