/**
 * Threshold what-if (DOMAIN.md), computed from unbiased human labels and the champion's
 * calibrated defect probability p: auto-pass when p < t_ok, auto-fail when p ≥ t_defect,
 * humans in between. Pure functions shared by the services (exact, over raw probabilities) and
 * the renderer (live curves over a binned distribution while a supervisor drags a threshold).
 */
import { bandCall } from './policy.js';
import { proportion } from './proportion.js';
import type { Proportion } from './proportion.js';

/** Below this many labelled defects the escape rate is too uncertain to act on. */
export const MIN_LABELLED_DEFECTS = 30;
/** Resolution of the distribution the renderer draws curves from (thresholds to 0.001). */
export const WHATIF_BINS = 1000;

export type BandInput = { t_ok: number; t_defect: number };

export type WhatIfCounts = {
  n: number;
  defects: number;
  ok: number;
  autoPass: number;
  autoFail: number;
  escapes: number;
  falseRejects: number;
};

export type WhatIfFigures = {
  labelled: { n: number; defects: number; ok: number };
  enough: boolean;
  minimumDefects: number;
  autoPass: Proportion;
  autoFail: Proportion;
  human: Proportion;
  escapeRate: Proportion;
  falseRejectRate: Proportion;
  itemsPerHour: number | null;
  humanItemsPerHour: number | null;
};

export function figuresFromCounts(
  c: WhatIfCounts,
  itemsPerHour: number | null,
  minimumDefects = MIN_LABELLED_DEFECTS,
): WhatIfFigures {
  const human = proportion(c.n - c.autoPass - c.autoFail, c.n);
  return {
    labelled: { n: c.n, defects: c.defects, ok: c.ok },
    enough: c.defects >= minimumDefects,
    minimumDefects,
    autoPass: proportion(c.autoPass, c.n),
    autoFail: proportion(c.autoFail, c.n),
    human,
    escapeRate: proportion(c.escapes, c.defects),
    falseRejectRate: proportion(c.falseRejects, c.ok),
    itemsPerHour,
    humanItemsPerHour: itemsPerHour === null || human.value === null ? null : itemsPerHour * human.value,
  };
}

/** Exact counts over (probability, human says defect) pairs. */
export function countBand(
  probabilities: ArrayLike<number>,
  isDefect: ArrayLike<boolean | number>,
  band: BandInput,
): WhatIfCounts {
  const c: WhatIfCounts = {
    n: probabilities.length,
    defects: 0,
    ok: 0,
    autoPass: 0,
    autoFail: 0,
    escapes: 0,
    falseRejects: 0,
  };
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const defect = Boolean(isDefect[i]);
    if (defect) c.defects++;
    else c.ok++;
    const call = bandCall(p, band);
    if (call === 'ok') {
      c.autoPass++;
      if (defect) c.escapes++;
    } else if (call === 'defect') {
      c.autoFail++;
      if (!defect) c.falseRejects++;
    }
  }
  return c;
}

export function binOf(p: number, bins = WHATIF_BINS): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
}

/**
 * Counts from a binned distribution: bin b holds p in [b/bins, (b+1)/bins). Exact when both
 * thresholds are multiples of 1/bins; otherwise a threshold is rounded to the nearest edge.
 */
export function countBandFromBins(
  defectCounts: readonly number[],
  okCounts: readonly number[],
  band: BandInput,
): WhatIfCounts {
  const bins = defectCounts.length;
  const passEdge = Math.round(band.t_ok * bins);
  const failEdge = Math.round(band.t_defect * bins);
  const c: WhatIfCounts = { n: 0, defects: 0, ok: 0, autoPass: 0, autoFail: 0, escapes: 0, falseRejects: 0 };
  for (let b = 0; b < bins; b++) {
    const d = defectCounts[b] ?? 0;
    const o = okCounts[b] ?? 0;
    c.defects += d;
    c.ok += o;
    if (b < passEdge) {
      c.autoPass += d + o;
      c.escapes += d;
    } else if (b >= failEdge) {
      c.autoFail += d + o;
      c.falseRejects += o;
    }
  }
  c.n = c.defects + c.ok;
  return c;
}
