import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { Dialog } from '../../ui/Dialog';

/** The hot folder: a folder the services watch and import from as images land in it. */
export function HotFolderDialog() {
  const { status, value, saving, error } = useAppStore(useShallow((s) => s.hotFolder));
  const { loadHotFolder, saveHotFolder, closePanel } = useAppStore(
    useShallow((s) => ({
      loadHotFolder: s.loadHotFolder,
      saveHotFolder: s.saveHotFolder,
      closePanel: s.closePanel,
    })),
  );
  const [typed, setTyped] = useState<string | null>(null);
  const pathField = typed ?? value?.path ?? '';

  useEffect(() => {
    void loadHotFolder();
  }, [loadHotFolder]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const path = pathField.trim();
    if (!path) return;
    setTyped(null);
    void saveHotFolder(path);
  };

  return (
    <Dialog title="Hot folder" onClose={closePanel}>
      {status === 'loading' && !value && <p className="muted">Loading…</p>}
      {value && (
        <dl className="hot-folder-state" data-testid="hot-folder-state">
          <dt>Folder</dt>
          <dd>{value.path ?? 'none'}</dd>
          <dt>Watching</dt>
          <dd>{value.active ? 'yes' : 'no'}</dd>
          {value.error && (
            <>
              <dt>Problem</dt>
              <dd className="inline-error">{value.error}</dd>
            </>
          )}
        </dl>
      )}
      <form className="path-form" onSubmit={save}>
        <label htmlFor="hot-folder-path">Path</label>
        <input
          id="hot-folder-path"
          data-testid="hot-folder-path"
          value={pathField}
          onChange={(e) => setTyped(e.target.value)}
          spellCheck={false}
        />
        <button type="submit" disabled={saving || !pathField.trim()}>
          Save
        </button>
        <button type="button" disabled={saving || !value?.path} onClick={() => void saveHotFolder(null)}>
          Disable
        </button>
      </form>
      {saving && <p className="muted">Saving…</p>}
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
