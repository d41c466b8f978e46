/**
 * Agreement between the model and human labels (DOMAIN.md): human = reference, model =
 * prediction, positive = defect. Pure functions over counts, checked against scikit-learn.
 * Undefined figures are null, never NaN: κ when pe = 1, any ratio with a zero denominator.
 */
import { proportion, Z95 } from '../../shared/proportion.js';
import type { Proportion } from '../../shared/proportion.js';

export type Label = 'ok' | 'defect';
export type BinaryConfusion = { tp: number; fp: number; fn: number; tn: number };

export function binaryConfusion(human: readonly Label[], model: readonly Label[]): BinaryConfusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  human.forEach((h, i) => {
    const m = model[i];
    if (h === 'defect' && m === 'defect') c.tp++;
    else if (h === 'ok' && m === 'defect') c.fp++;
    else if (h === 'defect') c.fn++;
    else c.tn++;
  });
  return c;
}

/** Rows are the human's class, columns the model's, both in `labels` order. */
export function multiConfusion(
  labels: readonly string[],
  human: readonly string[],
  model: readonly string[],
): number[][] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const m = labels.map(() => labels.map(() => 0));
  human.forEach((h, i) => {
    const r = index.get(h);
    const c = index.get(model[i]!);
    if (r !== undefined && c !== undefined) m[r]![c]!++;
  });
  return m;
}

/** 2×2 confusion as a K×K matrix in the order [ok, defect]. */
const asMatrix = (c: BinaryConfusion): number[][] => [
  [c.tn, c.fp],
  [c.fn, c.tp],
];

type Estimate = { value: number | null; ci95: [number, number] | null };
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const clampCi = (v: number, se: number, lo = -1, hi = 1): [number, number] | null =>
  Number.isFinite(se) ? [Math.max(lo, v - Z95 * se), Math.min(hi, v + Z95 * se)] : null;

/**
 * Cohen's κ for a K×K table with the large-sample standard error of Fleiss, Cohen & Everitt
 * (1969, Psychological Bulletin 72:323), which does not assume κ = 0.
 */
export function cohenKappa(matrix: number[][]): Estimate & { se: number | null } {
  const K = matrix.length;
  const n = matrix.flat().reduce((a, b) => a + b, 0);
  if (n === 0) return { value: null, ci95: null, se: null };
  const p = matrix.map((row) => row.map((v) => v / n));
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = p[0]!.map((_, j) => p.reduce((a, row) => a + row[j]!, 0));
  const po = p.reduce((a, row, i) => a + row[i]!, 0);
  const pe = rows.reduce((a, r, i) => a + r * cols[i]!, 0);
  if (1 - pe <= 1e-15) return { value: null, ci95: null, se: null };
  const k = (po - pe) / (1 - pe);
  let A = 0;
  let B = 0;
  for (let i = 0; i < K; i++) {
    A += p[i]![i]! * (1 - (rows[i]! + cols[i]!) * (1 - k)) ** 2;
    for (let j = 0; j < K; j++) if (i !== j) B += p[i]![j]! * (cols[i]! + rows[j]!) ** 2;
  }
  B *= (1 - k) ** 2;
  const C = (k - pe * (1 - k)) ** 2;
  const se = Math.sqrt(Math.max(0, A + B - C) / (n * (1 - pe) ** 2));
  return { value: k, ci95: n > 1 ? clampCi(k, se) : null, se: n > 1 ? finite(se) : null };
}

/**
 * Gwet's AC1 for a K×K table, with Gwet's (2008, Br J Math Stat Psychol 61:29) variance for
 * two raters. pe = Σ π_k(1 − π_k) / (K − 1), π_k the mean of the two raters' shares.
 */
export function gwetAc1(matrix: number[][]): Estimate {
  const K = matrix.length;
  const n = matrix.flat().reduce((a, b) => a + b, 0);
  if (n === 0 || K < 2) return { value: null, ci95: null };
  const p = matrix.map((row) => row.map((v) => v / n));
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = p[0]!.map((_, j) => p.reduce((a, row) => a + row[j]!, 0));
  const pi = rows.map((r, k) => (r + cols[k]!) / 2);
  const pa = p.reduce((a, row, i) => a + row[i]!, 0);
  const pe = pi.reduce((a, v) => a + v * (1 - v), 0) / (K - 1);
  if (1 - pe <= 1e-15) return { value: null, ci95: null };
  const ac1 = (pa - pe) / (1 - pe);
  let t1 = 0;
  let t2 = 0;
  for (let k = 0; k < K; k++) {
    t1 += p[k]![k]! * (1 - pi[k]!);
    for (let l = 0; l < K; l++) t2 += p[k]![l]! * (1 - (pi[k]! + pi[l]!) / 2) ** 2;
  }
  t1 /= K - 1;
  t2 /= (K - 1) ** 2;
  const variance =
    (pa * (1 - pa) - 4 * (1 - ac1) * (t1 - pa * pe) + 4 * (1 - ac1) ** 2 * (t2 - pe * pe)) /
    (n * (1 - pe) ** 2);
  return { value: ac1, ci95: n > 1 ? clampCi(ac1, Math.sqrt(Math.max(0, variance))) : null };
}

export type AgreementFigures = {
  n: number;
  agreement: Proportion;
  cohenKappa: Estimate & { se: number | null };
  gwetAc1: Estimate;
  pabak: Estimate;
  escapeRate: Proportion;
  falseRejectRate: Proportion;
  confusion: BinaryConfusion;
};

export function binaryAgreement(c: BinaryConfusion): AgreementFigures {
  const n = c.tp + c.fp + c.fn + c.tn;
  const agreement = proportion(c.tp + c.tn, n);
  const m = asMatrix(c);
  return {
    n,
    agreement,
    cohenKappa: cohenKappa(m),
    gwetAc1: gwetAc1(m),
    // PABAK = 2·po − 1 is a linear map of po, so its interval is the mapped Wilson interval.
    pabak: {
      value: agreement.value === null ? null : 2 * agreement.value - 1,
      ci95: agreement.wilson95 ? [2 * agreement.wilson95[0] - 1, 2 * agreement.wilson95[1] - 1] : null,
    },
    escapeRate: proportion(c.fn, c.tp + c.fn),
    falseRejectRate: proportion(c.fp, c.fp + c.tn),
    confusion: { ...c },
  };
}

export function multiClassAgreement(
  labels: readonly string[],
  matrix: number[][],
): {
  n: number;
  agreement: Proportion;
  cohenKappa: number | null;
  gwetAc1: number | null;
  pabak: number | null;
} {
  const n = matrix.flat().reduce((a, b) => a + b, 0);
  const agree = matrix.reduce((a, row, i) => a + row[i]!, 0);
  const K = labels.length;
  const agreement = proportion(agree, n);
  return {
    n,
    agreement,
    cohenKappa: cohenKappa(matrix).value,
    gwetAc1: gwetAc1(matrix).value,
    pabak: agreement.value === null || K < 2 ? null : (K * agreement.value - 1) / (K - 1),
  };
}

export type ClassFigures = {
  label: string;
  support: number;
  precision: Proportion;
  recall: Proportion;
  specificity: Proportion;
  f1: number | null;
};

/** One-vs-rest figures per class, as scikit-learn's precision_recall_fscore_support defines them. */
export function perClassFigures(labels: readonly string[], matrix: number[][]): ClassFigures[] {
  const n = matrix.flat().reduce((a, b) => a + b, 0);
  return labels.map((label, k) => {
    const tp = matrix[k]![k]!;
    const support = matrix[k]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[k]!, 0);
    const tn = n - support - predicted + tp;
    const precision = proportion(tp, predicted);
    const recall = proportion(tp, support);
    const f1 =
      precision.value !== null && recall.value !== null && precision.value + recall.value > 0
        ? (2 * precision.value * recall.value) / (precision.value + recall.value)
        : null;
    return { label, support, precision, recall, specificity: proportion(tn, n - support), f1 };
  });
}
