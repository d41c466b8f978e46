/**
 * Agreement between the model and human labels (DOMAIN.md): human = reference, model =
 * prediction, positive = defect. Pure functions over counts, checked against scikit-learn
 * (test/fixtures/reference/agreement.json). Undefined figures are null, never NaN or Infinity:
 * κ when pe = 1, any ratio with a zero denominator, intervals below two items.
 */
import { proportion } from '../../shared/proportion.js';
import type { Proportion } from '../../shared/proportion.js';
import { checkBinary, checkMatrix, margins } from './confusion.js';
import type { BinaryConfusion } from './confusion.js';
import { ac1Interval, kappaInterval, pabakInterval } from './intervals.js';
import { cohenKappa, gwetAc1, pabak } from './kappa.js';

export {
  BINARY_LABELS,
  binaryConfusion,
  binaryMatrix,
  emptyConfusion,
  multiConfusion,
  tally,
} from './confusion.js';
export type { BinaryConfusion, Label } from './confusion.js';
export { cohenKappa, gwetAc1 } from './kappa.js';
export type { Coefficient } from './kappa.js';
export { ac1Interval, kappaInterval, MIN_CELL_FOR_WALD, PSEUDO_COUNT } from './intervals.js';
export type { CoefficientInterval, IntervalMethod } from './intervals.js';
export type { Proportion } from '../../shared/proportion.js';

type Estimate = { value: number | null; ci95: [number, number] | null };

export type AgreementFigures = {
  n: number;
  /** Observed agreement po with its Wilson interval. */
  agreement: Proportion;
  /** se is the one behind ci95 (the small-sample adjusted one when a cell is below 5). */
  cohenKappa: Estimate & { se: number | null };
  gwetAc1: Estimate;
  /** Interval: po's Wilson interval mapped through 2·po − 1. */
  pabak: Estimate;
  /** fn / (tp + fn): defects the model would pass. */
  escapeRate: Proportion;
  /** fp / (fp + tn): good items the model would fail. */
  falseRejectRate: Proportion;
  confusion: BinaryConfusion;
};

export function binaryAgreement(c: BinaryConfusion): AgreementFigures {
  checkBinary(c);
  const n = c.tp + c.fp + c.fn + c.tn;
  const agreement = proportion(c.tp + c.tn, n);
  // The intervals carry their point estimates: κ and AC1 are computed once each.
  const kappa = kappaInterval(c);
  const ac1 = ac1Interval(c);
  return {
    n,
    agreement,
    cohenKappa: { value: kappa.value, ci95: kappa.ci95, se: kappa.se },
    gwetAc1: { value: ac1.value, ci95: ac1.ci95 },
    pabak: { value: pabak(2, agreement.value), ci95: pabakInterval(c.tp + c.tn, n) },
    escapeRate: proportion(c.fn, c.tp + c.fn),
    falseRejectRate: proportion(c.fp, c.fp + c.tn),
    confusion: { tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn },
  };
}

/** Point figures over a K×K table (rows human, columns model, both in `labels` order). */
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
  checkMatrix(matrix, labels.length);
  const { agree, n } = margins(matrix);
  const agreement = proportion(agree, n);
  return {
    n,
    agreement,
    cohenKappa: cohenKappa(matrix).value,
    gwetAc1: gwetAc1(matrix).value,
    pabak: pabak(labels.length, agreement.value),
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

/**
 * One-vs-rest figures per class with scikit-learn's definitions (precision_recall_fscore_support):
 * support = human count, precision over the model's calls, recall over the human's. Where
 * scikit-learn divides by zero (and fills in `zero_division`) the value here is null instead.
 */
export function perClassFigures(labels: readonly string[], matrix: number[][]): ClassFigures[] {
  checkMatrix(matrix, labels.length);
  const { rows, cols, n } = margins(matrix);
  return labels.map((label, k) => {
    const tp = matrix[k]![k]!;
    const support = rows[k]!;
    const predicted = cols[k]!;
    const fp = predicted - tp;
    const fn = support - tp;
    // F1 = 2tp / (2tp + fp + fn): the harmonic mean of precision and recall, and still defined
    // (0) when only one of them is, e.g. a class the model never calls but the human does.
    const f1Denominator = 2 * tp + fp + fn;
    return {
      label,
      support,
      precision: proportion(tp, predicted),
      recall: proportion(tp, support),
      specificity: proportion(n - support - fp, n - support),
      f1: f1Denominator > 0 ? (2 * tp) / f1Denominator : null,
    };
  });
}
