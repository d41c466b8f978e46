import type { CurvePoint } from './whatIfSelectors';

const W = 260;
const H = 150;
const PAD = { left: 34, right: 8, top: 8, bottom: 28 };
const px = (x: number) => PAD.left + x * (W - PAD.left - PAD.right);
const py = (y: number) => H - PAD.bottom - y * (H - PAD.top - PAD.bottom);

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
    <figure className="whatif-curve" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}; current: ${mark}`}>
        <line className="axis" x1={px(0)} y1={py(0)} x2={px(1)} y2={py(0)} />
        <line className="axis" x1={px(0)} y1={py(0)} x2={px(0)} y2={py(1)} />
        {[0, 0.5, 1].map((t) => (
          <g key={t} className="tick">
            <text x={px(t)} y={H - PAD.bottom + 12} textAnchor="middle">
              {t * 100}%
            </text>
            <text x={PAD.left - 4} y={py(t) + 4} textAnchor="end">
              {t * 100}%
            </text>
          </g>
        ))}
        <text className="axis-label" x={px(0.5)} y={H - 2} textAnchor="middle">
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
