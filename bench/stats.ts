import type { WhatIfDistributionDto } from '../electron/shared/contract.js';
import { countBandFromBins, figuresFromCounts } from '../electron/shared/whatif.js';

/** Percentile by linear interpolation between closest ranks (numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/**
 * The what-if panel's sweep: the figures for every t_ok on the 0.001 grid (1001 thresholds,
 * t_defect at least 0.8) from one binned distribution. Returns a checksum of the figures so the
 * work cannot be optimised away.
 */
export function sweepThresholds(
  d: Pick<WhatIfDistributionDto, 'defectCounts' | 'okCounts' | 'itemsPerHour'>,
): number {
  let checksum = 0;
  for (let t = 0; t <= 1000; t++) {
    const f = figuresFromCounts(
      countBandFromBins(d.defectCounts, d.okCounts, { t_ok: t / 1000, t_defect: Math.max(t / 1000, 0.8) }),
      d.itemsPerHour,
    );
    checksum += f.autoPass.x + f.escapeRate.x;
  }
  return checksum;
}
