import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useAppStoreApi } from '../../app/StoreProvider';
import { Dialog } from '../../ui/Dialog';
import { ImportProgress } from './ImportProgress';
import { selectCurrentJob } from './ingestSelectors';
import { isRunning } from '../../app/ingestSlice';

/** A folder browser over ingest:listFolders: the station's disk, seen from the services' side. */
export function ImportDialog() {
  const { browser, importStatus, importError, job } = useAppStore(
    useShallow((s) => ({
      browser: s.ingest.browser,
      importStatus: s.ingest.status,
      importError: s.ingest.error,
      job: selectCurrentJob(s),
    })),
  );
  const { browseFolder, importFolder, loadImportStatus, closePanel } = useAppStore(
    useShallow((s) => ({
      browseFolder: s.browseFolder,
      importFolder: s.importFolder,
      loadImportStatus: s.loadImportStatus,
      closePanel: s.closePanel,
    })),
  );
  const listing = browser.listing;
  const [typed, setTyped] = useState<string | null>(null);
  const pathField = typed ?? listing?.path ?? '';

  const store = useAppStoreApi();
  useEffect(() => {
    void loadImportStatus();
    // Reopening the dialog returns to the folder last browsed: imports often come from one place.
    void browseFolder(store.getState().ingest.browser.listing?.path ?? null);
  }, [store, browseFolder, loadImportStatus]);

  const go = (path: string | null) => {
    setTyped(null);
    void browseFolder(path);
  };
  const onGo = (event: FormEvent) => {
    event.preventDefault();
    const path = pathField.trim();
    if (path) go(path);
  };
  const running = isRunning(job ?? undefined);

  return (
    <Dialog title="Import folder" onClose={closePanel} wide>
      <form className="path-form" onSubmit={onGo}>
        <label htmlFor="import-path">Folder</label>
        <input
          id="import-path"
          data-testid="import-path"
          value={pathField}
          onChange={(e) => setTyped(e.target.value)}
          spellCheck={false}
        />
        <button type="submit">Go</button>
      </form>
      <div className="folder-browser" data-testid="folder-browser" aria-busy={browser.status === 'loading'}>
        <div className="folder-current">
          <button type="button" disabled={!listing?.parent} onClick={() => go(listing?.parent ?? null)}>
            Up
          </button>
          <span className="folder-path" data-testid="folder-current">
            {listing?.path ?? '…'}
          </span>
          {listing && (
            <span className="muted" data-testid="folder-image-count">
              {listing.imageCount.toLocaleString()} images here (sub-folders are imported too)
            </span>
          )}
        </div>
        {browser.status === 'loading' && <p className="muted">Reading folder…</p>}
        {browser.status === 'error' && (
          <p role="alert" className="inline-error">
            {browser.error}
          </p>
        )}
        {listing && (
          <ul className="folder-list">
            {listing.folders.length === 0 && <li className="muted">No sub-folders</li>}
            {listing.folders.map((f) => (
              <li key={f.path}>
                <button type="button" className="folder-entry" onClick={() => go(f.path)}>
                  {f.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="import-start">
        <button
          type="button"
          className="btn-primary"
          data-testid="import-start"
          disabled={!listing || importStatus === 'loading' || running}
          onClick={() => listing && void importFolder(listing.path)}
        >
          Import this folder
        </button>
        {running && (
          <span className="muted">An import is running; it continues if you close this window.</span>
        )}
        {importStatus === 'error' && (
          <p role="alert" className="inline-error">
            {importError}
          </p>
        )}
      </div>
      {job && <ImportProgress job={job} />}
    </Dialog>
  );
}
