import { useMemo } from 'react';
import type { AgreementReport } from '../../../electron/shared/report';
import { ChartGrid } from '../../lib/ChartGrid';
import { frameViewBox, frameX, frameY, linePath } from '../../lib/chartFrame';
import type { Frame } from '../../lib/chartFrame';
import { overTimeSeries } from './reportCharts';
import { formatCount, formatKappa, formatPercent } from './reportFormat';

const FRAME: Frame = { width: 480, height: 200, left: 34, right: 10, top: 10, bottom: 44 };
/** The n bars sit in the bottom margin, under the axis, so they never hide a line. */
const BAR_TOP = FRAME.height - FRAME.bottom + 14;
const BAR_HEIGHT = 18;
/** Above this many days the n labels would overlap; the bars and the table still carry n. */
const MAX_N_LABELS = 14;

/** Daily agreement and κ on unbiased labels, with the number of labels behind each day. */
export function OverTimeChart({ rows }: { rows: AgreementReport['over_time'] }) {
  const series = useMemo(() => overTimeSeries(rows), [rows]);
  const ticks = [series.yMin, (series.yMin + 1) / 2, 1].map((t) => ({
    at: (t - series.yMin) / (1 - series.yMin),
    label: t.toFixed(1),
  }));
  const barWidth = Math.max(
    2,
    Math.min(16, (FRAME.width - FRAME.left - FRAME.right) / Math.max(1, series.points.length) - 2),
  );
  return (
    <section
      className="panel-section"
      aria-labelledby="report-over-time-title"
      data-testid="report-over-time"
    >
      <h2 id="report-over-time-title">Agreement over time</h2>
      {series.points.length === 0 ? (
        <p className="muted">No days with unbiased labels.</p>
      ) : (
        <figure className="chart report-chart">
          <svg
            viewBox={frameViewBox(FRAME)}
            role="img"
            aria-label="Daily observed agreement and Cohen's kappa (UTC days)"
          >
            <ChartGrid frame={FRAME} ticks={ticks} grid />
            <path
              className="line-agreement"
              d={linePath(series.agreementLine, FRAME)}
              data-testid="over-time-agreement"
            />
            <path
              className="line-kappa"
              d={linePath(series.kappaLine, FRAME)}
              data-testid="over-time-kappa"
            />
            {series.points.map((p, i) => {
              const x = frameX(FRAME, p.x);
              const a = series.agreementLine[i]?.y ?? null;
              const k = series.kappaLine[i]?.y ?? null;
              const h = series.maxN ? (BAR_HEIGHT * p.n) / series.maxN : 0;
              return (
                <g key={p.day} data-testid="over-time-day">
                  <title>{`${p.day}: n = ${formatCount(p.n)}, agreement ${formatPercent(p.agreement)}, κ ${formatKappa(p.kappa)}`}</title>
                  {a !== null && <circle className="dot-agreement" cx={x} cy={frameY(FRAME, a)} r={2.5} />}
                  {k !== null && <circle className="dot-kappa" cx={x} cy={frameY(FRAME, k)} r={2.5} />}
                  <rect
                    className="bar-n"
                    x={x - barWidth / 2}
                    y={BAR_TOP + BAR_HEIGHT - h}
                    width={barWidth}
                    height={h}
                  />
                  {series.points.length <= MAX_N_LABELS && (
                    <text x={x} y={FRAME.height - 2} textAnchor="middle">
                      {formatCount(p.n)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <figcaption>
            <span className="legend-agreement">— observed agreement</span> ·{' '}
            <span className="legend-kappa">— Cohen&apos;s κ</span> · bars: n per day (UTC) ·{' '}
            {series.points[0]!.day} to {series.points[series.points.length - 1]!.day}; gaps are days without κ
            or labels
          </figcaption>
        </figure>
      )}
      {series.points.length > 0 && (
        <details>
          <summary>Figures per day</summary>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">n</th>
                <th scope="col">Agreement</th>
                <th scope="col">κ</th>
              </tr>
            </thead>
            <tbody>
              {series.points.map((p) => (
                <tr key={p.day}>
                  <td>{p.day}</td>
                  <td className="num">{formatCount(p.n)}</td>
                  <td className="num">{formatPercent(p.agreement)}</td>
                  <td className="num">{formatKappa(p.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
