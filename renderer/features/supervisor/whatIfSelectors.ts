import type { Band, WhatIfDistributionDto, WhatIfDto } from '../../../electron/shared/contract';
import { countBandFromBins, figuresFromCounts } from '../../../electron/shared/whatif';
import type { WhatIfFigures } from '../../../electron/shared/whatif';
import { bandFor } from '../../app/policyDraft';
import type { AppState } from '../../app/types';
import { distributionKey, whatIfKey } from '../../app/whatIfSlice';
import type { DistributionState } from '../../app/whatIfSlice';

/** live: recomputed from the binned distribution while a threshold moves; exact: whatif:compute's answer for this band. */
export type WhatIfView = { source: 'live' | 'exact'; figures: WhatIfFigures };
export type CurvePoint = { threshold: number; x: number; y: number };
export type WhatIfCurves = { pass: CurvePoint[]; fail: CurvePoint[] };

/** The band the sliders show and the class it is for (null: the default band, every defect). */
export function selectWhatIfTarget(state: AppState): { band: Band; defectClass: string | null } | null {
  const { settings, target } = state.policyDraft;
  return settings ? { band: bandFor(settings, target), defectClass: target } : null;
}

export function selectDistribution(
  state: AppState,
  defectClass: string | null,
): DistributionState | undefined {
  return state.whatIf.distributions[distributionKey(defectClass)];
}

export function liveWhatIf(distribution: WhatIfDistributionDto, band: Band): WhatIfFigures {
  const counts = countBandFromBins(distribution.defectCounts, distribution.okCounts, band);
  return figuresFromCounts(counts, distribution.itemsPerHour, distribution.minimumDefects);
}

/** Exact figures once they are for exactly this band; the live estimate until then. */
export function whatIfView(
  distribution: WhatIfDistributionDto | null,
  exact: { key: string | null; value: WhatIfDto | null },
  band: Band,
  defectClass: string | null,
): WhatIfView | null {
  if (exact.value && exact.key === whatIfKey(band, defectClass))
    return { source: 'exact', figures: exact.value };
  return distribution ? { source: 'live', figures: liveWhatIf(distribution, band) } : null;
}

/**
 * Escape rate against auto-pass share as t_ok sweeps 0 → 1, and false-reject rate against
 * auto-fail share as t_defect sweeps; the same bin-edge rule as countBandFromBins, from
 * running sums so a redraw costs one pass over the bins.
 */
export function whatIfCurves(distribution: WhatIfDistributionDto, samples = 100): WhatIfCurves {
  const bins = distribution.defectCounts.length;
  const cumDefect = new Array<number>(bins + 1).fill(0);
  const cumOk = new Array<number>(bins + 1).fill(0);
  for (let b = 0; b < bins; b++) {
    cumDefect[b + 1] = cumDefect[b]! + (distribution.defectCounts[b] ?? 0);
    cumOk[b + 1] = cumOk[b]! + (distribution.okCounts[b] ?? 0);
  }
  const defects = cumDefect[bins]!;
  const ok = cumOk[bins]!;
  const n = defects + ok;
  const pass: CurvePoint[] = [];
  const fail: CurvePoint[] = [];
  if (n === 0 || bins === 0) return { pass, fail };
  for (let i = 0; i <= samples; i++) {
    const edge = Math.round((i * bins) / samples);
    const threshold = edge / bins;
    const below = cumDefect[edge]! + cumOk[edge]!;
    pass.push({ threshold, x: below / n, y: defects ? cumDefect[edge]! / defects : 0 });
    fail.push({ threshold, x: (n - below) / n, y: ok ? (ok - cumOk[edge]!) / ok : 0 });
  }
  return { pass, fail };
}

export function notEnoughMessage(figures: Pick<WhatIfFigures, 'labelled' | 'minimumDefects'>): string {
  return `not enough labelled items (${figures.labelled.defects} defects of the ${figures.minimumDefects} needed)`;
}

export function formatPerHour(value: number | null): string {
  if (value === null) return '— (no arrival rate observed yet)';
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString()} items/h`;
}
