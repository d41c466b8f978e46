import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multiConfusion } from '../../../electron/services/analytics/confusion.js';
import { peakHitsMask } from '../../../electron/services/evaluation/evaluate.js';
import {
  auroc,
  expectedCalibrationError,
  recallAtFalseRejectRate,
  wilson,
} from '../../../electron/services/evaluation/metrics.js';
import { APP_ROOT } from '../../../electron/cli/paths.js';

type Case = {
  scores: number[];
  positive: boolean[];
  auroc: number;
  recall_at_5pct_frr: number;
  labels: string[];
  truth: string[];
  predicted: string[];
  confusion: number[][];
};
const fixture = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/reference/eval-metrics.json'), 'utf8'),
) as { cases: Case[] };

describe('evaluation metrics against scikit-learn', () => {
  it('has enough reference cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(100));

  it('AUROC equals roc_auc_score, ties included', () => {
    for (const c of fixture.cases) expect(auroc(c.scores, c.positive)).toBeCloseTo(c.auroc, 9);
  });

  it('recall at ≤ 5 % false reject equals the best tpr with fpr ≤ 0.05 on roc_curve', () => {
    for (const c of fixture.cases) {
      const r = recallAtFalseRejectRate(c.scores, c.positive, 0.05);
      expect(r.recall.value).toBeCloseTo(c.recall_at_5pct_frr, 9);
      expect(r.falseReject.value!).toBeLessThanOrEqual(0.05);
    }
  });

  it('confusion matrix equals confusion_matrix (rows true, columns predicted)', () => {
    for (const c of fixture.cases)
      expect(multiConfusion(c.labels, c.truth, c.predicted)).toEqual(c.confusion);
  });
});

describe('degenerate inputs', () => {
  it('AUROC is undefined with one class only', () => {
    expect(auroc([0.1, 0.2], [true, true])).toBeNull();
    expect(auroc([], [])).toBeNull();
  });

  it('Wilson interval matches the closed form and gives the rule-of-three bound at x = 0', () => {
    const [lo, hi] = wilson(0, 100)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.036993499, 9);
    const [a, b] = wilson(45, 100)!;
    expect(a).toBeCloseTo(0.356145379, 9);
    expect(b).toBeCloseTo(0.547553971, 9);
    expect(wilson(0, 0)).toBeNull();
  });

  it('ECE is zero for perfectly calibrated bins and |p - rate| otherwise', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [true, false, false, false]).ece).toBeCloseTo(
      0,
      12,
    );
    expect(expectedCalibrationError([0.9, 0.9], [false, false]).ece).toBeCloseTo(0.9, 12);
  });
});

describe('highlight hit', () => {
  const mask = { width: 50, height: 40, data: new Uint8Array(50 * 40) };
  mask.data[20 * 50 + 30] = 200;
  it('counts a peak within 15 px of a mask pixel ≥ 128', () => {
    expect(peakHitsMask(mask, { x: 30, y: 35 })).toBe(true);
    expect(peakHitsMask(mask, { x: 30, y: 5 })).toBe(true);
    expect(peakHitsMask(mask, { x: 10, y: 10 })).toBe(false);
    const faint = { ...mask, data: mask.data.map((v) => (v ? 127 : 0)) };
    expect(peakHitsMask(faint, { x: 30, y: 20 })).toBe(false);
  });
});
