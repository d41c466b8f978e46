import { channels } from '../../electron/shared/contract';
import { call, describeError } from './call';
import type { LoadStatus, SliceCreator } from './types';

export const INSPECTOR_STORAGE_KEY = 'loupe.inspector';

// The server's own rule for a name, so the start screen rejects exactly what review:decide would.
const nameSchema = channels['review:decide'].input.shape.inspector;

export interface InspectorSlice {
  inspector: {
    status: LoadStatus;
    /** Who decides right now; null shows the start screen. */
    name: string | null;
    known: string[];
    error: string | null;
  };
  loadInspectors: () => Promise<void>;
  /** Returns a message when the name is not acceptable, null when it was taken. */
  chooseInspector: (name: string) => string | null;
  changeInspector: () => void;
}

function readStoredName(storage: { getItem(key: string): string | null } | null): string | null {
  try {
    const stored = storage?.getItem(INSPECTOR_STORAGE_KEY) ?? null;
    if (stored === null) return null;
    const parsed = nameSchema.safeParse(stored);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const createInspectorSlice: SliceCreator<InspectorSlice> = (set, get, { api, storage }) => ({
  inspector: { status: 'idle', name: readStoredName(storage), known: [], error: null },
  loadInspectors: async () => {
    set((s) => ({ inspector: { ...s.inspector, status: 'loading', error: null } }));
    const res = await call(api, 'inspectors:list', {});
    if (res.ok) set((s) => ({ inspector: { ...s.inspector, status: 'ready', known: res.value.names } }));
    else
      set((s) => ({
        inspector: {
          ...s.inspector,
          status: 'error',
          error: describeError('Cannot load the inspector names', res.error),
        },
      }));
  },
  chooseInspector: (raw) => {
    const parsed = nameSchema.safeParse(raw);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'this name is not accepted';
    const name = parsed.data;
    try {
      storage?.setItem(INSPECTOR_STORAGE_KEY, name);
    } catch {
      // A full or blocked storage only costs re-picking the name next time; review still works.
    }
    const previous = get().inspector.name;
    set((s) => ({
      inspector: {
        ...s.inspector,
        name,
        known: s.inspector.known.includes(name) ? s.inspector.known : [...s.inspector.known, name],
      },
    }));
    // Undo only reaches this inspector's own decisions.
    if (previous !== name) get().resetUndo();
    void get().loadQueue();
    return null;
  },
  changeInspector: () => {
    try {
      storage?.removeItem(INSPECTOR_STORAGE_KEY);
    } catch {
      // Nothing to keep: the start screen asks again either way.
    }
    get().resetUndo();
    set((s) => ({ inspector: { ...s.inspector, name: null } }));
    void get().loadInspectors();
  },
});
