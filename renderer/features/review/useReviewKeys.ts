import { useEffect } from 'react';
import { useAppStoreApi } from '../../app/StoreProvider';
import type { AppState } from '../../app/types';
import { markDecisionKey } from '../../lib/perfMarks';
import { resolveKey } from './keymap';
import type { ClassKey, ReviewCommand, ViewCommand } from './keymap';

function run(state: AppState, command: ReviewCommand | ViewCommand): void {
  switch (command.type) {
    case 'ok':
      markDecisionKey();
      void state.decide({ label: 'ok' });
      return;
    case 'chooseDefect':
      state.openClassChoice();
      return;
    case 'defect':
      markDecisionKey();
      void state.decide({ label: 'defect', defectClass: command.defectClass });
      return;
    case 'cancel':
      state.cancelClassChoice();
      return;
    case 'undo':
      void state.undo();
      return;
    case 'help':
      state.togglePanel('shortcuts');
      return;
    case 'zoomIn':
      state.zoomIn();
      return;
    case 'zoomOut':
      state.zoomOut();
      return;
    case 'fit':
      state.fitToStage();
      return;
    case 'pan':
      state.panStep(command.dx, command.dy);
      return;
    case 'toggleOverlay':
      state.toggleOverlay();
      return;
    case 'opacity':
      state.nudgeOverlayOpacity(command.direction);
      return;
  }
}

/** The station is driven from the keyboard; one window listener, reading state when a key lands. */
export function useReviewKeys(classKeys: readonly ClassKey[]): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState();
      if (!state.inspector.name || event.defaultPrevented) return;
      if (state.ui.panel === 'shortcuts') {
        if (event.key === '?' || event.key === 'Escape') {
          event.preventDefault();
          state.closePanel();
        }
        return;
      }
      // Other panels have text fields and buttons of their own.
      if (state.ui.panel) return;
      const command = resolveKey(event, classKeys, state.review.choosingClass);
      if (!command) return;
      event.preventDefault();
      run(state, command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, classKeys]);
}
