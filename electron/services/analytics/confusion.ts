/**
 * Confusion tables for model-vs-human agreement (DOMAIN.md): the human is the reference (rows),
 * the model the prediction (columns), "positive" is defect. Pure functions over plain arrays.
 */

export type Label = 'ok' | 'defect';
/** Human reference, model prediction, positive = defect. */
export type BinaryConfusion = { tp: number; fp: number; fn: number; tn: number };

/** The binary class order used for K×K tables and by the scikit-learn fixtures. */
export const BINARY_LABELS: readonly Label[] = ['ok', 'defect'];

function sameLength(human: readonly unknown[], model: readonly unknown[]): void {
  // A length mismatch means the two columns are not paired item by item: counting would be wrong.
  if (human.length !== model.length)
    throw new RangeError(`human has ${human.length} labels, model ${model.length}`);
}

/** A binary confusion with every cell at zero, to tally into. */
export function emptyConfusion(): BinaryConfusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/**
 * Adds n items to the cell for this pair of calls: `reference` (the human) is the truth,
 * `predicted` (the model, or a second reader) the prediction; true means defect.
 */
export function tally(c: BinaryConfusion, reference: boolean, predicted: boolean, n = 1): void {
  if (reference) {
    if (predicted) c.tp += n;
    else c.fn += n;
  } else if (predicted) c.fp += n;
  else c.tn += n;
}

export function binaryConfusion(human: readonly Label[], model: readonly Label[]): BinaryConfusion {
  sameLength(human, model);
  const c = emptyConfusion();
  for (let i = 0; i < human.length; i++) {
    const h = human[i];
    const m = model[i];
    // Labels come from the database at run time; anything else would silently be counted as OK.
    if ((h !== 'ok' && h !== 'defect') || (m !== 'ok' && m !== 'defect')) {
      throw new RangeError(`item ${i}: labels must be 'ok' or 'defect', got ${String(h)} / ${String(m)}`);
    }
    tally(c, h === 'defect', m === 'defect');
  }
  return c;
}

/**
 * Rows are the human's class, columns the model's, both in `labels` order. Pairs with a label
 * outside `labels` are left out, as scikit-learn's confusion_matrix(labels=...) does.
 */
export function multiConfusion(
  labels: readonly string[],
  human: readonly string[],
  model: readonly string[],
): number[][] {
  sameLength(human, model);
  const index = new Map(labels.map((l, i) => [l, i]));
  if (index.size !== labels.length) throw new RangeError('labels must be distinct');
  const m = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < human.length; i++) {
    const r = index.get(human[i]!);
    const c = index.get(model[i]!);
    if (r !== undefined && c !== undefined) m[r]![c]!++;
  }
  return m;
}

/** The 2×2 confusion as a K×K table in BINARY_LABELS order: [[tn, fp], [fn, tp]]. */
export const binaryMatrix = (c: BinaryConfusion): number[][] => [
  [c.tn, c.fp],
  [c.fn, c.tp],
];

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Rejects tables that would turn into NaN downstream (negative, NaN or infinite cells). */
export function checkBinary(c: BinaryConfusion): void {
  if (![c.tp, c.fp, c.fn, c.tn].every(isCount))
    throw new RangeError(`confusion cells must be finite and ≥ 0: ${JSON.stringify(c)}`);
}

/** A K×K table of finite non-negative counts; `size` (the label count) when given must match. */
export function checkMatrix(matrix: readonly (readonly number[])[], size = matrix.length): void {
  if (matrix.length !== size || !matrix.every((row) => row.length === size && row.every(isCount))) {
    throw new RangeError(`expected a ${size}×${size} table of finite counts ≥ 0`);
  }
}

/** Margins of a K×K table, in counts: rows (human), columns (model), diagonal sum and total. */
export function margins(matrix: readonly (readonly number[])[]): {
  rows: number[];
  cols: number[];
  agree: number;
  n: number;
} {
  const rows = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = matrix.map((_, j) => matrix.reduce((a, row) => a + row[j]!, 0));
  const agree = matrix.reduce((a, row, i) => a + row[i]!, 0);
  return { rows, cols, agree, n: rows.reduce((a, b) => a + b, 0) };
}
