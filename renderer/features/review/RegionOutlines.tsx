import type { SuggestionDto } from '../../../electron/shared/contract';
import type { Size } from '../../lib/viewport';

/** Outline width and marker size in screen pixels, whatever the zoom. */
const STROKE_PX = 2;
const PEAK_RADIUS_PX = 9;

/**
 * Region boxes and the peak in source-image pixels: the SVG's viewBox is the image, and it sits
 * in the same zoomed box as the image, so registration needs no arithmetic here. `scale` (screen
 * pixels per image pixel) only keeps lines the same thickness at every zoom.
 */
export function RegionOutlines({
  suggestion,
  image,
  scale,
}: {
  suggestion: SuggestionDto;
  image: Size;
  scale: number;
}) {
  const unit = 1 / (scale > 0 ? scale : 1);
  const { peak } = suggestion;
  return (
    <svg
      className="region-layer"
      viewBox={`0 0 ${image.width} ${image.height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {suggestion.regions.map((r, i) => (
        <rect
          key={`${i}:${r.x}:${r.y}`}
          data-testid="region-outline"
          className="region-outline"
          x={r.x}
          y={r.y}
          width={r.width}
          height={r.height}
          strokeWidth={STROKE_PX * unit}
        />
      ))}
      {peak && (
        <g data-testid="peak-marker" className="peak-marker" strokeWidth={STROKE_PX * unit}>
          <circle cx={peak.x} cy={peak.y} r={PEAK_RADIUS_PX * unit} />
          <line
            x1={peak.x - 2 * PEAK_RADIUS_PX * unit}
            y1={peak.y}
            x2={peak.x - PEAK_RADIUS_PX * unit}
            y2={peak.y}
          />
          <line
            x1={peak.x + PEAK_RADIUS_PX * unit}
            y1={peak.y}
            x2={peak.x + 2 * PEAK_RADIUS_PX * unit}
            y2={peak.y}
          />
          <line
            x1={peak.x}
            y1={peak.y - 2 * PEAK_RADIUS_PX * unit}
            x2={peak.x}
            y2={peak.y - PEAK_RADIUS_PX * unit}
          />
          <line
            x1={peak.x}
            y1={peak.y + PEAK_RADIUS_PX * unit}
            x2={peak.x}
            y2={peak.y + 2 * PEAK_RADIUS_PX * unit}
          />
        </g>
      )}
    </svg>
  );
}
