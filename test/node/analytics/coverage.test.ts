import { describe, expect, it } from 'vitest';
import { binaryAgreement } from '../../../electron/services/analytics/agreement.js';
import { wilson } from '../../../electron/shared/proportion.js';

/** mulberry32: a small seeded PRNG, so the simulation is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRIALS = 10_000;

describe('95 % intervals cover the true value 95 % ± 1 % of the time (10 000 seeded trials)', () => {
  it.each([
    [200, 0.3],
    [500, 0.05],
    [1000, 0.5],
  ])('Wilson interval, n = %i, p = %f', (n, p) => {
    const rand = prng(n * 7919 + Math.round(p * 1000));
    let covered = 0;
    for (let t = 0; t < TRIALS; t++) {
      let x = 0;
      for (let i = 0; i < n; i++) if (rand() < p) x++;
      const [lo, hi] = wilson(x, n)!;
      if (lo <= p && p <= hi) covered++;
    }
    expect(Math.abs(covered / TRIALS - 0.95)).toBeLessThanOrEqual(0.01);
  });

  it("Cohen's κ and Gwet's AC1 intervals at n = 500, 20 % defects, a model right 90 % of the time", () => {
    // Population cells: tp .18, fn .02, fp .08, tn .72 → po .9; κ = (.9 − .644)/.356; AC1 with π = .23.
    const cells = { tp: 0.18, fn: 0.02, fp: 0.08, tn: 0.72 };
    const kappa = (0.9 - 0.644) / (1 - 0.644);
    const pe1 = 2 * 0.23 * 0.77;
    const ac1 = (0.9 - pe1) / (1 - pe1);
    const rand = prng(20261127);
    let kCovered = 0;
    let aCovered = 0;
    for (let t = 0; t < TRIALS; t++) {
      const c = { tp: 0, fn: 0, fp: 0, tn: 0 };
      for (let i = 0; i < 500; i++) {
        const u = rand();
        if (u < cells.tp) c.tp++;
        else if (u < cells.tp + cells.fn) c.fn++;
        else if (u < cells.tp + cells.fn + cells.fp) c.fp++;
        else c.tn++;
      }
      const f = binaryAgreement(c);
      if (f.cohenKappa.ci95![0] <= kappa && kappa <= f.cohenKappa.ci95![1]) kCovered++;
      if (f.gwetAc1.ci95![0] <= ac1 && ac1 <= f.gwetAc1.ci95![1]) aCovered++;
    }
    expect(Math.abs(kCovered / TRIALS - 0.95)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(aCovered / TRIALS - 0.95)).toBeLessThanOrEqual(0.01);
  });
});
