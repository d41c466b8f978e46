import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { Dialog } from '../../ui/Dialog';

/** Files that could not become items (unreadable, not an image, …), with the reason why. */
export function QuarantineDialog() {
  const { status, items, total, error } = useAppStore(useShallow((s) => s.quarantine));
  const { loadQuarantine, loadMoreQuarantine, closePanel } = useAppStore(
    useShallow((s) => ({
      loadQuarantine: s.loadQuarantine,
      loadMoreQuarantine: s.loadMoreQuarantine,
      closePanel: s.closePanel,
    })),
  );
  // Like the other dialogs, it fetches its own data: whoever opens it only says so.
  useEffect(() => {
    void loadQuarantine();
  }, [loadQuarantine]);

  return (
    <Dialog title="Quarantined files" onClose={closePanel} wide>
      {status === 'error' && (
        <p role="alert" className="inline-error">
          {error}{' '}
          <button type="button" onClick={() => void loadQuarantine()}>
            Try again
          </button>
        </p>
      )}
      {status === 'loading' && items.length === 0 && <p className="muted">Loading…</p>}
      {status === 'ready' && total === 0 && <p>No file is in quarantine.</p>}
      {items.length > 0 && (
        <>
          <p className="muted">
            Showing {items.length.toLocaleString()} of {total.toLocaleString()}
          </p>
          <table className="quarantine-table" data-testid="quarantine-list">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Reason</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={q.id} data-testid="quarantine-row">
                  <td className="path-cell">{q.originalPath}</td>
                  <td>{q.reason}</td>
                  <td>{new Date(q.ingestedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length < total && (
            <button type="button" disabled={status === 'loading'} onClick={() => void loadMoreQuarantine()}>
              Show more
            </button>
          )}
        </>
      )}
    </Dialog>
  );
}
