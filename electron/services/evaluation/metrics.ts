/**
 * Image-level evaluation metrics. "Positive" is defect, as everywhere in Loupe. Pure functions
 * over plain arrays so they can be checked against scikit-learn directly.
 */

import { proportion } from '../../shared/proportion.js';
import type { Proportion } from '../../shared/proportion.js';

export { proportion, wilson, Z95 } from '../../shared/proportion.js';
export type { Proportion } from '../../shared/proportion.js';

/** Area under the ROC curve via the Mann–Whitney U statistic, ties counted as one half. */
export function auroc(scores: readonly number[], positive: readonly boolean[]): number | null {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (positive[idx[k]!]) {
        nPos++;
        rankSumPos += averageRank;
      }
    }
    i = j + 1;
  }
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * The highest defect recall reachable while failing at most `maxFalseReject` of the good items,
 * calling "defect" when score ≥ threshold.
 */
export function recallAtFalseRejectRate(
  scores: readonly number[],
  positive: readonly boolean[],
  maxFalseReject = 0.05,
): { threshold: number; recall: Proportion; falseReject: Proportion } {
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  const candidates = [...new Set(scores)].sort((a, b) => a - b);
  candidates.push(Infinity);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Walk thresholds upwards; items below the threshold leave the "called defect" set.
  let below = 0;
  let posBelow = 0;
  for (const t of candidates) {
    while (below < order.length && scores[order[below]!]! < t) {
      if (positive[order[below]!]) posBelow++;
      below++;
    }
    const fp = nNeg - (below - posBelow);
    if (nNeg === 0 || fp / nNeg <= maxFalseReject) {
      return { threshold: t, recall: proportion(nPos - posBelow, nPos), falseReject: proportion(fp, nNeg) };
    }
  }
  return { threshold: Infinity, recall: proportion(0, nPos), falseReject: proportion(0, nNeg) };
}

/** Expected calibration error of P(defect) over equal-width bins. */
export function expectedCalibrationError(
  probabilities: readonly number[],
  positive: readonly boolean[],
  bins = 10,
): {
  ece: number | null;
  bins: Array<{
    lower: number;
    upper: number;
    n: number;
    meanProbability: number | null;
    defectRate: number | null;
  }>;
} {
  const acc = Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    n: 0,
    sumP: 0,
    pos: 0,
  }));
  probabilities.forEach((p, i) => {
    const bin = acc[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.n++;
    bin.sumP += p;
    if (positive[i]) bin.pos++;
  });
  const n = probabilities.length;
  const ece = n
    ? acc.reduce((sum, b) => sum + (b.n ? Math.abs(b.pos / b.n - b.sumP / b.n) * (b.n / n) : 0), 0)
    : null;
  return {
    ece,
    bins: acc.map((b) => ({
      lower: b.lower,
      upper: b.upper,
      n: b.n,
      meanProbability: b.n ? b.sumP / b.n : null,
      defectRate: b.n ? b.pos / b.n : null,
    })),
  };
}
