import { useShallow } from 'zustand/react/shallow';
import type { SuggestionDto } from '../../../electron/shared/contract';
import type { FirstRead, ReadPhase } from '../../app/readPhase';
import { useAppStore } from '../../app/StoreProvider';
import { Kbd } from '../../ui/Kbd';
import { describeChoice, describeSuggestion } from './reviewText';

function SuggestionSummary({ suggestion }: { suggestion: SuggestionDto }) {
  const overlay = useAppStore((s) => s.overlay);
  const { toggleOverlay, setOverlayOpacity } = useAppStore(
    useShallow((s) => ({ toggleOverlay: s.toggleOverlay, setOverlayOpacity: s.setOverlayOpacity })),
  );
  const drawable = suggestion.heatmap !== null || suggestion.regions.length > 0 || suggestion.peak !== null;
  return (
    <div className={`suggestion suggestion-${suggestion.label}`} data-testid="suggestion">
      <p className="suggestion-call">{describeSuggestion(suggestion)}</p>
      {drawable && (
        <div className="overlay-controls">
          <div className="key-button">
            <button
              type="button"
              data-testid="overlay-toggle"
              aria-pressed={overlay.visible}
              aria-keyshortcuts="h"
              onClick={toggleOverlay}
            >
              {overlay.visible ? 'Hide highlight' : 'Show highlight'}
            </button>
            <Kbd keys={['h']} />
          </div>
          <label className="opacity-control">
            <span>Opacity</span>
            <input
              type="range"
              min={0.1}
              max={1}
              step={0.05}
              value={overlay.opacity}
              data-testid="overlay-opacity"
              aria-keyshortcuts="[ ]"
              disabled={!overlay.visible}
              onChange={(e) => setOverlayOpacity(Number(e.target.value))}
            />
            <Kbd keys={['[', ']']} />
          </label>
        </div>
      )}
    </div>
  );
}

/**
 * Beside the image: the inspector's own first read, then the model's suggestion. Renders nothing
 * for a blind read, so no model output can reach the screen before the provisional call.
 */
export function ModelPanel({
  phase,
  suggestion,
  firstRead,
}: {
  phase: ReadPhase;
  suggestion: SuggestionDto | null;
  firstRead: FirstRead | null;
}) {
  if (phase === 'blind' || (phase === 'assisted' && !suggestion)) return null;
  // The panel's place is kept from the start so the image does not jump when the suggestion shows.
  if (phase === 'first-read')
    return (
      <aside className="model-panel" aria-label="Blind first read">
        <p className="muted">
          Make your call without the model first. Its suggestion shows after your call; then you make the
          final call.
        </p>
      </aside>
    );
  return (
    <aside className="model-panel" aria-label="Model suggestion">
      {(phase === 'first-read-saving' || phase === 'final-call') && (
        <p className="first-read" data-testid="first-read">
          Your first read: <strong>{describeChoice(firstRead?.choice ?? null)}</strong>
          {phase === 'first-read-saving' ? ' — saving…' : ''}
        </p>
      )}
      {suggestion && <SuggestionSummary suggestion={suggestion} />}
      {phase === 'final-call' && !suggestion && (
        <p className="muted">The model has no suggestion for this item.</p>
      )}
      {phase === 'final-call' && (
        <p className="final-prompt" data-testid="final-call-prompt">
          Now make your final call with the same keys.
        </p>
      )}
    </aside>
  );
}
