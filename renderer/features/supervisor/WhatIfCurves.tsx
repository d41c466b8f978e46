import { ChartGrid } from '../../lib/ChartGrid';
import { frameViewBox, frameX, frameY, percentTicks } from '../../lib/chartFrame';
import type { Frame } from '../../lib/chartFrame';
import type { CurvePoint } from './whatIfSelectors';

const FRAME: Frame = { width: 260, height: 150, left: 34, right: 8, top: 8, bottom: 28 };
const TICKS = percentTicks();
const px = (x: number) => frameX(FRAME, x);
const py = (y: number) => frameY(FRAME, y);

type Props = {
  title: string;
  xLabel: string;
  yLabel: string;
  points: CurvePoint[];
  current: { x: number; y: number } | null;
  mark: string;
  testId: string;
};

/** One small what-if curve, plain SVG: the current threshold is the dot on it. */
export function WhatIfCurve({ title, xLabel, yLabel, points, current, mark, testId }: Props) {
  const path = points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
  return (
    <figure className="chart whatif-curve" data-testid={testId}>
      <svg viewBox={frameViewBox(FRAME)} role="img" aria-label={`${title}; current: ${mark}`}>
        <line className="axis" x1={px(0)} y1={py(0)} x2={px(1)} y2={py(0)} />
        <line className="axis" x1={px(0)} y1={py(0)} x2={px(0)} y2={py(1)} />
        <ChartGrid frame={FRAME} ticks={TICKS} xLabelOffset={12} yLabelShift={4} />
        <text className="axis-label" x={px(0.5)} y={FRAME.height - 2} textAnchor="middle">
          {xLabel}
        </text>
        <polyline className="curve" points={path} />
        {current && (
          <>
            <line
              className="current-guide"
              x1={px(current.x)}
              y1={py(0)}
              x2={px(current.x)}
              y2={py(current.y)}
            />
            <circle className="current-point" cx={px(current.x)} cy={py(current.y)} r={4} />
          </>
        )}
      </svg>
      <figcaption>
        {title}{' '}
        <span className="muted">
          ({yLabel}; {mark})
        </span>
      </figcaption>
    </figure>
  );
}
