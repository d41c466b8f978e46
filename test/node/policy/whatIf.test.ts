import { describe, expect, it } from 'vitest';
import {
  countBand,
  countBandFromBins,
  figuresFromCounts,
  binOf,
  WHATIF_BINS,
} from '../../../electron/shared/whatif.js';
import { lcg } from '../helpers/lcg.js';

function sample(n: number, seed = 7) {
  const rand = lcg(seed);
  const p: number[] = [];
  const defect: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const d = rand() < 0.1;
    defect.push(d);
    p.push(Math.min(0.999999, Math.max(0, (d ? 0.6 : 0.2) + (rand() - 0.5) * 0.8)));
  }
  return { p, defect };
}

describe('what-if (DOMAIN.md formulas)', () => {
  it('counts auto-pass below t_ok, auto-fail at or above t_defect, escapes and false rejects', () => {
    const c = countBand([0.1, 0.1, 0.5, 0.9, 0.9, 0.2], [false, true, true, true, false, false], {
      t_ok: 0.2,
      t_defect: 0.9,
    });
    expect(c).toEqual({ n: 6, defects: 3, ok: 3, autoPass: 2, autoFail: 2, escapes: 1, falseRejects: 1 });
    const f = figuresFromCounts(c, 120, 1);
    expect(f.escapeRate).toMatchObject({ x: 1, n: 3, value: 1 / 3 });
    expect(f.falseRejectRate).toMatchObject({ x: 1, n: 3 });
    expect(f.human).toMatchObject({ x: 2, n: 6 });
    expect(f.humanItemsPerHour).toBeCloseTo(40, 12);
  });

  it('says there are not enough labels below the minimum number of defects', () => {
    const f = figuresFromCounts(countBand([0.5, 0.6], [true, false], { t_ok: 0.2, t_defect: 0.8 }), null);
    expect(f.enough).toBe(false);
    expect(f.minimumDefects).toBe(30);
  });

  it('the binned distribution gives exactly the raw counts at thresholds on bin edges', () => {
    const { p, defect } = sample(5000);
    const defectCounts = new Array(WHATIF_BINS).fill(0);
    const okCounts = new Array(WHATIF_BINS).fill(0);
    p.forEach((v, i) => (defect[i] ? defectCounts : okCounts)[binOf(v)]++);
    for (const band of [
      { t_ok: 0, t_defect: 1 },
      { t_ok: 0.15, t_defect: 0.85 },
      { t_ok: 0.333, t_defect: 0.334 },
      { t_ok: 0.5, t_defect: 0.5 },
    ]) {
      expect(countBandFromBins(defectCounts, okCounts, band)).toEqual(countBand(p, defect, band));
    }
  });
});
