import { patcher } from './call';
import type { SliceCreator } from './types';

/** What the main area shows; one at a time. */
export type Screen = 'review' | 'supervisor' | 'reports';
/** Dialogs over whichever screen is showing. */
export type Panel = 'import' | 'quarantine' | 'settings' | 'shortcuts';
export type Notice = { id: number; message: string };

export interface UiSlice {
  ui: {
    /** Kept apart from the dialog so opening and closing one never changes the screen beneath. */
    screen: Screen;
    /** At most one dialog at a time; review keys pause while one is open. */
    panel: Panel | null;
    /** Errors stay until dismissed so nothing fails unseen. */
    errors: Notice[];
  };
  openScreen: (screen: Screen) => void;
  /** The header buttons: a second press goes back to the review. */
  toggleScreen: (screen: Screen) => void;
  openPanel: (panel: Panel) => void;
  closePanel: () => void;
  togglePanel: (panel: Panel) => void;
  reportError: (message: string) => void;
  dismissError: (id: number) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => {
  let nextId = 1;
  const patch = patcher(set, 'ui');
  return {
    ui: { screen: 'review', panel: null, errors: [] },
    openScreen: (screen) => patch(() => ({ screen })),
    toggleScreen: (screen) => patch((ui) => ({ screen: ui.screen === screen ? 'review' : screen })),
    openPanel: (panel) => patch(() => ({ panel })),
    closePanel: () => patch(() => ({ panel: null })),
    togglePanel: (panel) => patch((ui) => ({ panel: ui.panel === panel ? null : panel })),
    reportError: (message) => {
      const id = nextId++;
      patch((ui) => ({ errors: [...ui.errors, { id, message }] }));
    },
    dismissError: (id) => patch((ui) => ({ errors: ui.errors.filter((e) => e.id !== id) })),
  };
};
