import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { QueueItemDto, SuggestionDto } from '../../../electron/shared/contract';
import { useAppStore } from '../../app/StoreProvider';
import { markItemPaintedAfterFrame } from '../../lib/perfMarks';
import { layoutOf, transformOf } from '../../lib/viewport';
import type { Size } from '../../lib/viewport';
import { HeatmapOverlay } from './HeatmapOverlay';
import { RegionOutlines } from './RegionOutlines';
import { useDragPan, useStageSize, useWheelZoom } from './useStageControls';

/** From this magnification on, image pixels are drawn as squares: the inspector is looking at pixels. */
const PIXELATED_FROM = 4;

type Props = { item: QueueItemDto; suggestion: SuggestionDto | null };

/**
 * The image with, where the read allows it, the model's heatmap, regions and peak. All of them
 * sit in one box of the image's own pixel size that a single CSS transform zooms and pans.
 */
export function ImageStage({ item, suggestion }: Props) {
  const stageRef = useRef<HTMLDivElement>(null);
  const { viewport, overlay, imageFailed, imageAttempt, loaded } = useAppStore(
    useShallow((s) => ({
      viewport: s.viewport,
      overlay: s.overlay,
      imageFailed: s.review.imageFailed,
      imageAttempt: s.review.imageAttempt,
      loaded: s.review.loaded?.itemId === item.id,
    })),
  );
  const actions = useAppStore(
    useShallow((s) => ({
      imageUrl: s.imageUrl,
      markImageLoaded: s.markImageLoaded,
      markImageFailed: s.markImageFailed,
      retryImage: s.retryImage,
      setStageSize: s.setStageSize,
      setViewImage: s.setViewImage,
      zoomBy: s.zoomBy,
      panView: s.panView,
    })),
  );
  // The model's coordinates are in the pixels the services decoded; the item carries that size.
  const [natural, setNatural] = useState<{ itemId: number; size: Size } | null>(null);
  const known = item.width && item.height ? { width: item.width, height: item.height } : null;
  const size = known ?? (natural?.itemId === item.id ? natural.size : null);

  useStageSize(stageRef, actions.setStageSize);
  useWheelZoom(stageRef, actions.zoomBy);
  const { setViewImage } = actions;
  const width = size?.width;
  const height = size?.height;
  useLayoutEffect(() => {
    if (width && height) setViewImage(item.id, { width, height });
  }, [setViewImage, item.id, width, height]);
  const zoomed = viewport.itemId === item.id && viewport.view.zoom > 1;
  const drag = useDragPan(zoomed, actions.panView);

  const showModel = suggestion !== null && overlay.visible;
  // Children's layout effects (the overlay's drawing) have run by now; mark after the next paint.
  useEffect(() => {
    if (!loaded) return;
    return markItemPaintedAfterFrame(item.id, showModel);
  }, [item.id, loaded, showModel]);

  const layout = size && viewport.itemId === item.id ? layoutOf(viewport.stage, size, viewport.view) : null;
  const failed = imageFailed === item.id;

  return (
    <div
      ref={stageRef}
      className="image-stage"
      data-testid="image-stage"
      data-zoom={viewport.itemId === item.id ? viewport.view.zoom.toFixed(2) : '1.00'}
      data-pixelated={layout && layout.scale >= PIXELATED_FROM ? 'true' : undefined}
      data-draggable={zoomed ? 'true' : undefined}
      {...drag}
    >
      {failed ? (
        <div className="image-error" role="alert">
          <p>The image of item {item.id} could not be displayed.</p>
          <button type="button" onClick={actions.retryImage}>
            Try again
          </button>
        </div>
      ) : (
        <div
          className={layout ? 'image-box' : 'image-box image-box-fit'}
          style={
            layout && size
              ? { width: size.width, height: size.height, transform: transformOf(layout) }
              : undefined
          }
        >
          <img
            key={`${item.id}:${imageAttempt}`}
            data-testid="review-image"
            data-item-id={item.id}
            src={actions.imageUrl(item.id)}
            alt={`Item ${item.id} to inspect`}
            draggable={false}
            onLoad={(event) => {
              const img = event.currentTarget;
              if (!known && img.naturalWidth > 0)
                setNatural({ itemId: item.id, size: { width: img.naturalWidth, height: img.naturalHeight } });
              actions.markImageLoaded(item.id);
            }}
            onError={() => actions.markImageFailed(item.id)}
          />
          {showModel && layout && size && (
            <>
              {suggestion.heatmap && (
                <HeatmapOverlay heatmap={suggestion.heatmap} opacity={overlay.opacity} />
              )}
              <RegionOutlines suggestion={suggestion} image={size} scale={layout.scale} />
            </>
          )}
        </div>
      )}
      {!loaded && !failed && <div className="image-loading">Loading image…</div>}
    </div>
  );
}
