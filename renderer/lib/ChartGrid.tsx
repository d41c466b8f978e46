import type { ChartTick, Frame } from './chartFrame';
import { frameX, frameY } from './chartFrame';

type Props = {
  frame: Frame;
  ticks: readonly ChartTick[];
  /** Draw a horizontal grid line at every tick. */
  grid?: boolean;
  /** Label the x axis too, this far below the plot's bottom edge; left out, only y is labelled. */
  xLabelOffset?: number;
  /** Baseline shift that centres a y label on its tick. */
  yLabelShift?: number;
};

/**
 * Tick labels (y, and optionally x, at the same 0…1 positions) and horizontal grid lines,
 * the part every chart's axes have in common.
 */
export function ChartGrid({ frame, ticks, grid = false, xLabelOffset, yLabelShift = 3 }: Props) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t.at} className="tick">
          {grid && (
            <line
              className="grid"
              x1={frameX(frame, 0)}
              x2={frameX(frame, 1)}
              y1={frameY(frame, t.at)}
              y2={frameY(frame, t.at)}
            />
          )}
          <text x={frame.left - 4} y={frameY(frame, t.at) + yLabelShift} textAnchor="end">
            {t.label}
          </text>
          {xLabelOffset !== undefined && (
            <text x={frameX(frame, t.at)} y={frameY(frame, 0) + xLabelOffset} textAnchor="middle">
              {t.label}
            </text>
          )}
        </g>
      ))}
    </>
  );
}
