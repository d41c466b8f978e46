/**
 * How report figures are written, shared by the dashboard (renderer), the what-if panel and the
 * HTML/PDF export (main process), so a figure reads the same wherever it is shown. Pure functions.
 */
import type { Proportion } from './proportion.js';
import type { ReportProportion } from './report.js';

type Interval = [number, number] | null;

/** A real minus sign: a hyphen before a coefficient reads as a dash in "−0.05 to 0.12". */
const signed = (text: string): string => text.replace(/^-/, '−');

/** Shares as percentages; two decimals under 10 % where one would round a 1.4 % escape rate to "1 %". */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  const pct = value * 100;
  return `${pct < 10 && pct !== 0 ? pct.toFixed(2) : pct.toFixed(1)} %`;
}

/**
 * κ, AC1 and PABAK on their own −1…1 scale, two decimals: below tens of thousands of labels
 * their 95 % interval is wider than 0.01, so a third decimal would be noise.
 */
export function formatCoefficient(value: number | null): string {
  return value === null ? '—' : signed(value.toFixed(2));
}

/**
 * κ is undefined when both raters use one class (pe = 1); the service sends null then. Showing
 * 0 or "—" would read as "no agreement" or "no data", both wrong (DOMAIN.md).
 */
export function formatKappa(value: number | null): string {
  return value === null ? 'undefined' : formatCoefficient(value);
}

export function formatPercentInterval(ci: Interval): string {
  if (!ci) return 'no interval';
  return `95 % CI ${formatPercent(ci[0]).replace(' %', '')}–${formatPercent(ci[1])}`;
}

/** The same for a Proportion, which carries its interval as wilson95 (the what-if figures). */
export const formatWilsonInterval = (p: Pick<Proportion, 'wilson95'>): string =>
  formatPercentInterval(p.wilson95);

/** "to", not a dash, between bounds that may be negative. */
export function formatCoefficientInterval(ci: Interval): string {
  if (!ci) return 'no interval';
  return `95 % CI ${formatCoefficient(ci[0])} to ${formatCoefficient(ci[1])}`;
}

export const formatCount = (n: number): string => n.toLocaleString();

/** "12 of n = 840": the denominator is what makes a rate believable. */
export function formatFraction(p: Pick<ReportProportion, 'x' | 'n'>): string {
  return `${formatCount(p.x)} of n = ${formatCount(p.n)}`;
}

/** One line for a rate: value, interval, counts. */
export function formatProportion(p: ReportProportion): string {
  return `${formatPercent(p.value)} (${formatPercentInterval(p.ci95)}; ${formatFraction(p)})`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
