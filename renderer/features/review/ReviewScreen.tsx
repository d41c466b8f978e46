import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { DecisionBar } from './DecisionBar';
import { deriveClassKeys } from './keymap';
import { selectCurrentItem, selectDefectClasses, selectPosition, selectReadiness } from './reviewSelectors';
import { useReviewKeys } from './useReviewKeys';

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * Human-only review: the image and nothing that could anchor the call. Only the fields rendered
 * below reach the screen, so a prediction sent by mistake would still stay hidden.
 */
export function ReviewScreen() {
  const item = useAppStore(selectCurrentItem);
  const readiness = useAppStore(selectReadiness);
  const position = useAppStore(useShallow(selectPosition));
  const classes = useAppStore(selectDefectClasses);
  const { status, error, imageFailed, imageAttempt } = useAppStore(
    useShallow((s) => ({
      status: s.review.status,
      error: s.review.error,
      imageFailed: s.review.imageFailed,
      imageAttempt: s.review.imageAttempt,
    })),
  );
  const { imageUrl, markImageLoaded, markImageFailed, retryImage, loadQueue } = useAppStore(
    useShallow((s) => ({
      imageUrl: s.imageUrl,
      markImageLoaded: s.markImageLoaded,
      markImageFailed: s.markImageFailed,
      retryImage: s.retryImage,
      loadQueue: s.loadQueue,
    })),
  );
  const classKeys = useMemo(() => deriveClassKeys(classes), [classes]);
  useReviewKeys(classKeys);

  let body;
  if (item) {
    body = (
      <>
        <div className="review-info">
          {position && (
            <span data-testid="review-position">
              {position.index} of {position.total.toLocaleString()} pending
            </span>
          )}
          <span>Captured {formatTime(item.capturedAt)}</span>
          <span className="muted">Item {item.id}</span>
          {status === 'error' && <span className="inline-error">{error}</span>}
        </div>
        <div className="image-stage">
          {imageFailed === item.id ? (
            <div className="image-error" role="alert">
              <p>The image of item {item.id} could not be displayed.</p>
              <button type="button" onClick={retryImage}>
                Try again
              </button>
            </div>
          ) : (
            <img
              key={`${item.id}:${imageAttempt}`}
              data-testid="review-image"
              data-item-id={item.id}
              src={imageUrl(item.id)}
              alt={`Item ${item.id} to inspect`}
              onLoad={() => markImageLoaded(item.id)}
              onError={() => markImageFailed(item.id)}
            />
          )}
          {readiness !== 'true' && imageFailed !== item.id && <div className="image-loading">Loading image…</div>}
        </div>
        <DecisionBar classKeys={classKeys} enabled={readiness === 'true'} />
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
    <section className="review" data-testid="review" data-ready={readiness} aria-label="Review">
      {body}
    </section>
  );
}
