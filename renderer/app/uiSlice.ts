import type { SliceCreator } from './types';

/** 'supervisor' takes the main area; the others are dialogs over the review. */
export type Panel = 'import' | 'quarantine' | 'settings' | 'shortcuts' | 'supervisor';
export type Notice = { id: number; message: string };

export interface UiSlice {
  ui: {
    /** At most one overlay at a time; review keys pause while one is open. */
    panel: Panel | null;
    /** Errors stay until dismissed so nothing fails unseen. */
    errors: Notice[];
  };
  openPanel: (panel: Panel) => void;
  closePanel: () => void;
  togglePanel: (panel: Panel) => void;
  reportError: (message: string) => void;
  dismissError: (id: number) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => {
  let nextId = 1;
  const setPanel = (panel: Panel | null) => set((s) => ({ ui: { ...s.ui, panel } }));
  return {
    ui: { panel: null, errors: [] },
    openPanel: (panel) => setPanel(panel),
    closePanel: () => setPanel(null),
    togglePanel: (panel) => set((s) => ({ ui: { ...s.ui, panel: s.ui.panel === panel ? null : panel } })),
    reportError: (message) => {
      const id = nextId++;
      set((s) => ({ ui: { ...s.ui, errors: [...s.ui.errors, { id, message }] } }));
    },
    dismissError: (id) => set((s) => ({ ui: { ...s.ui, errors: s.ui.errors.filter((e) => e.id !== id) } })),
  };
};
