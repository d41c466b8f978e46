import { useShallow } from 'zustand/react/shallow';
import type { ReadPhase } from '../../app/readPhase';
import { useAppStore } from '../../app/StoreProvider';
import { Kbd } from '../../ui/Kbd';
import type { ClassKey } from './keymap';

const PHASE_HINTS: Partial<Record<ReadPhase, string>> = {
  'first-read': 'Blind first read: your call first',
  'first-read-saving': 'Recording your first read…',
  'final-call': 'Final call',
};

type Props = { classKeys: readonly ClassKey[]; enabled: boolean; phase: ReadPhase };

/** OK / Defect, or the defect classes once Defect was chosen. */
export function DecisionBar({ classKeys, enabled, phase }: Props) {
  const hint = PHASE_HINTS[phase];
  const { choosingClass, undoCount, saving } = useAppStore(
    useShallow((s) => ({
      choosingClass: s.review.choosingClass,
      undoCount: s.review.undoStack.length,
      saving: s.review.saving,
    })),
  );
  const { decide, openClassChoice, cancelClassChoice, undo } = useAppStore(
    useShallow((s) => ({
      decide: s.decide,
      openClassChoice: s.openClassChoice,
      cancelClassChoice: s.cancelClassChoice,
      undo: s.undo,
    })),
  );

  return (
    <div className="decision-bar">
      {choosingClass ? (
        <div className="class-choice" role="group" aria-label="Defect class">
          {classKeys.map((c) => (
            <div key={c.name} className="key-button">
              <button
                type="button"
                className="btn-defect"
                data-testid={`class-${c.name}`}
                disabled={!enabled}
                aria-keyshortcuts={[c.letter, c.digit].filter(Boolean).join(' ')}
                onClick={() => void decide({ label: 'defect', defectClass: c.name })}
              >
                {c.name}
              </button>
              <Kbd keys={[c.letter, c.digit]} />
            </div>
          ))}
          <div className="key-button">
            <button type="button" onClick={cancelClassChoice}>
              Cancel
            </button>
            <Kbd keys={['Esc']} />
          </div>
        </div>
      ) : (
        <div className="main-choice">
          <div className="key-button">
            <button
              type="button"
              className="btn-ok"
              data-testid="decide-ok"
              disabled={!enabled}
              aria-keyshortcuts="o"
              onClick={() => void decide({ label: 'ok' })}
            >
              OK
            </button>
            <Kbd keys={['o']} />
          </div>
          <div className="key-button">
            <button
              type="button"
              className="btn-defect"
              data-testid="decide-defect"
              disabled={!enabled}
              aria-keyshortcuts="d"
              onClick={openClassChoice}
            >
              Defect
            </button>
            <Kbd keys={['d']} />
          </div>
        </div>
      )}
      {/* After the buttons, so they keep their place whatever the phase. */}
      {hint && (
        <span className="phase-hint" data-testid="phase-hint">
          {hint}
        </span>
      )}
      <div className="key-button undo">
        <button
          type="button"
          data-testid="undo"
          disabled={undoCount === 0}
          aria-keyshortcuts="z Control+Z Backspace"
          title="Undo applies to final calls"
          onClick={() => void undo()}
        >
          Undo{undoCount > 0 ? ` (${undoCount})` : ''}
        </button>
        <Kbd keys={['z']} />
      </div>
      <span className="saving" aria-live="polite">
        {saving > 0 ? 'Saving…' : ''}
      </span>
    </div>
  );
}
