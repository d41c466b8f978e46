import { useMemo } from 'react';
import type { AgreementReport } from '../../../electron/shared/report';
import { ChartGrid } from '../../lib/ChartGrid';
import { frameViewBox, frameX, frameY, linePath, percentTicks } from '../../lib/chartFrame';
import type { Frame } from '../../lib/chartFrame';
import { calibrationPoints, pointRadius } from './reportCharts';
import { formatCount, formatPercent } from './reportFormat';

const FRAME: Frame = { width: 300, height: 300, left: 34, right: 10, top: 10, bottom: 52 };
const TICKS = percentTicks([0, 0.25, 0.5, 0.75, 1]);

/** Reliability diagram: where the points leave the diagonal, the probability says more (or less) than it means. */
export function CalibrationChart({ bins }: { bins: AgreementReport['calibration'] }) {
  const points = useMemo(() => calibrationPoints(bins), [bins]);
  const maxN = Math.max(0, ...bins.map((b) => b.n));
  return (
    <section
      className="panel-section"
      aria-labelledby="report-calibration-title"
      data-testid="report-calibration"
    >
      <h2 id="report-calibration-title">Calibration</h2>
      <figure className="chart report-chart report-chart-square">
        <svg
          viewBox={frameViewBox(FRAME)}
          role="img"
          aria-label="Predicted defect probability against the observed defect rate, per bin"
        >
          <ChartGrid frame={FRAME} ticks={TICKS} grid xLabelOffset={11} />
          <line
            className="diagonal"
            x1={frameX(FRAME, 0)}
            y1={frameY(FRAME, 0)}
            x2={frameX(FRAME, 1)}
            y2={frameY(FRAME, 1)}
          />
          <path className="calibration-line" d={linePath(points, FRAME)} />
          {points.map((p) => (
            <circle
              key={p.lower}
              className="calibration-point"
              data-testid="calibration-point"
              cx={frameX(FRAME, p.x)}
              cy={frameY(FRAME, p.y)}
              r={pointRadius(p.n, maxN)}
            >
              <title>{`${p.lower.toFixed(1)}–${p.upper.toFixed(1)}: mean p ${formatPercent(p.x)}, observed ${formatPercent(p.y)}, n = ${formatCount(p.n)}`}</title>
            </circle>
          ))}
          {/* n for every bin, empty ones too: an empty bin is information, not a missing point. */}
          {bins.map((b) => (
            <text
              key={b.lower}
              data-testid="calibration-n"
              x={frameX(FRAME, (b.lower + b.upper) / 2)}
              y={frameY(FRAME, 0) + 26}
              textAnchor="middle"
            >
              {formatCount(b.n)}
            </text>
          ))}
          <text x={FRAME.left - 4} y={frameY(FRAME, 0) + 26} textAnchor="end">
            n
          </text>
          <text x={frameX(FRAME, 0.5)} y={FRAME.height - 6} textAnchor="middle">
            predicted defect probability (bin mean)
          </text>
        </svg>
        <figcaption>
          y: share of unbiased labels the human called defect · dashed: perfect calibration · point area grows
          with n
        </figcaption>
      </figure>
    </section>
  );
}
