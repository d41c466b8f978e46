import type { AgreementReport } from '../../../electron/shared/report';

export type TimePoint = { day: string; x: number; agreement: number | null; kappa: number | null; n: number };
export type TimeSeries = {
  points: TimePoint[];
  /** Bottom of the value axis: 0, or lower when κ goes negative (worse than chance). */
  yMin: number;
  /** Values rescaled to 0…1 of the axis, for linePath. */
  agreementLine: { x: number; y: number | null }[];
  kappaLine: { x: number; y: number | null }[];
  maxN: number;
};

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

/**
 * Daily agreement and κ placed by date, so a day without unbiased labels shows as a gap in
 * time instead of two distant days drawn side by side.
 */
export function overTimeSeries(rows: AgreementReport['over_time']): TimeSeries {
  const sorted = [...rows]
    .filter((r) => !Number.isNaN(dayMs(r.key)))
    .sort((a, b) => dayMs(a.key) - dayMs(b.key));
  const first = sorted.length ? dayMs(sorted[0]!.key) : 0;
  const span = sorted.length ? dayMs(sorted[sorted.length - 1]!.key) - first : 0;
  const points = sorted.map((r) => ({
    day: r.key,
    x: span === 0 ? 0.5 : (dayMs(r.key) - first) / span,
    agreement: r.agreement,
    kappa: r.cohen_kappa,
    n: r.n,
  }));
  const lowest = Math.min(0, ...points.map((p) => p.kappa ?? 0));
  const yMin = Math.max(-1, Math.floor(lowest * 10) / 10);
  const scale = (v: number | null) => (v === null ? null : (v - yMin) / (1 - yMin));
  return {
    points,
    yMin,
    agreementLine: points.map((p) => ({ x: p.x, y: scale(p.agreement) })),
    kappaLine: points.map((p) => ({ x: p.x, y: scale(p.kappa) })),
    maxN: Math.max(0, ...points.map((p) => p.n)),
  };
}

export type CalibrationPoint = { x: number; y: number; n: number; lower: number; upper: number };

/**
 * One point per bin that has labels: mean predicted probability against the share the humans
 * called defect. A calibrated model lies on the diagonal; empty bins have nothing to plot.
 */
export function calibrationPoints(bins: AgreementReport['calibration']): CalibrationPoint[] {
  return bins.flatMap((b) =>
    b.n > 0 && b.mean_probability !== null && b.defect_rate !== null
      ? [{ x: b.mean_probability, y: b.defect_rate, n: b.n, lower: b.lower, upper: b.upper }]
      : [],
  );
}

/** Point size grows with the square root of n, so area is proportional to the labels behind it. */
export function pointRadius(n: number, maxN: number): number {
  return maxN > 0 ? 2 + 4 * Math.sqrt(n / maxN) : 2;
}
