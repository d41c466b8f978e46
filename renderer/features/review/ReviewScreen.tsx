import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { DecisionBar } from './DecisionBar';
import { ImageStage } from './ImageStage';
import { ItemHeader } from './ItemHeader';
import { deriveClassKeys } from './keymap';
import { ModelPanel } from './ModelPanel';
import {
  selectCurrentItem,
  selectDefectClasses,
  selectFirstRead,
  selectPosition,
  selectReadPhase,
  selectReadiness,
  selectVisibleSuggestion,
} from './reviewSelectors';
import { useReviewKeys } from './useReviewKeys';

/**
 * The item on screen and, only where the read is not blind, the model's suggestion. Model output
 * reaches the components solely through selectVisibleSuggestion, so a blind read (or a prediction
 * sent by mistake) never shows.
 */
export function ReviewScreen() {
  const item = useAppStore(selectCurrentItem);
  const readiness = useAppStore(selectReadiness);
  const phase = useAppStore(selectReadPhase);
  const suggestion = useAppStore(selectVisibleSuggestion);
  const firstRead = useAppStore(selectFirstRead);
  const position = useAppStore(useShallow(selectPosition));
  const classes = useAppStore(selectDefectClasses);
  const { status, error } = useAppStore(
    useShallow((s) => ({ status: s.review.status, error: s.review.error })),
  );
  const loadQueue = useAppStore((s) => s.loadQueue);
  const classKeys = useMemo(() => deriveClassKeys(classes), [classes]);
  useReviewKeys(classKeys);

  let body;
  if (item && phase) {
    body = (
      <>
        <ItemHeader item={item} position={position} error={status === 'error' ? error : null} />
        <div className="review-body">
          <ImageStage item={item} suggestion={suggestion} />
          <ModelPanel phase={phase} suggestion={suggestion} firstRead={firstRead} />
        </div>
        <DecisionBar
          classKeys={classKeys}
          enabled={readiness === 'true' && phase !== 'first-read-saving'}
          phase={phase}
        />
      </>
    );
  } else if (readiness === 'empty') {
    body = (
      <div className="caught-up">
        <h2>All caught up</h2>
        <p>No items are waiting. New images show up here as soon as they arrive.</p>
      </div>
    );
  } else if (status === 'error') {
    body = (
      <div className="caught-up" role="alert">
        <h2>The queue could not be loaded</h2>
        <p>{error}</p>
        <button type="button" onClick={() => void loadQueue()}>
          Try again
        </button>
      </div>
    );
  } else {
    body = <div className="caught-up">Loading the queue…</div>;
  }

  return (
    <section
      className="review"
      data-testid="review"
      data-ready={readiness}
      data-phase={phase ?? undefined}
      aria-label="Review"
    >
      {body}
    </section>
  );
}
