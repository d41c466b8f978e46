/**
 * Chance-corrected agreement for two raters on a K×K table (rows human, columns model), with the
 * large-sample (delta-method) standard errors. Formulas as in DOMAIN.md and docs/statistics.md.
 * Undefined values are null, never NaN.
 */
import { margins } from './confusion.js';

export type Coefficient = { value: number | null; se: number | null };

const NONE: Coefficient = { value: null, se: null };

/**
 * Delta-method variance of c = (pa − pe) / (1 − pe) under multinomial sampling, in the form of
 * Gwet's irrCAC *2.table functions: Σ p_kl·u_kl² − (Σ p_kl·u_kl)² over n(1 − pe)², with
 * u_kl = δ_kl − 2(1 − c)·w_kl. 2·w_kl is ∂pe/∂p_kl up to a constant (which leaves the variance
 * alone) and Σ p_kl·w_kl = pe, so Σ p_kl·u_kl = pa − 2(1 − c)·pe. One routine serves κ and AC1.
 */
function linearisedSe(
  p: number[][],
  pa: number,
  pe: number,
  c: number,
  w: (k: number, l: number) => number,
  n: number,
): number | null {
  if (n < 2) return null; // one item carries no information about spread
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    for (let l = 0; l < p.length; l++) sum += p[k]![l]! * ((k === l ? 1 : 0) - 2 * (1 - c) * w(k, l)) ** 2;
  }
  const variance = (sum - (pa - 2 * (1 - c) * pe) ** 2) / (n * (1 - pe) ** 2);
  // Rounding can take an exact zero variance (perfect agreement) a hair below zero.
  const se = Math.sqrt(Math.max(0, variance));
  return Number.isFinite(se) ? se : null;
}

/**
 * Cohen's κ with the standard error of Fleiss, Cohen & Everitt (1969, Psychol Bull 72:323), which
 * does not assume κ = 0. κ is undefined (null) when pe = 1: both raters put every item in one
 * class — scikit-learn returns nan there.
 */
export function cohenKappa(matrix: readonly (readonly number[])[]): Coefficient {
  const { rows, cols, agree, n } = margins(matrix);
  if (n === 0) return NONE;
  // 1 − pe from integer counts (n² − Σ r_k·c_k) / n², so pe = 1 is detected exactly, not via a
  // float that lands at 1 − 1e-16.
  const chance = rows.reduce((a, r, k) => a + r * cols[k]!, 0);
  if (n * n - chance <= 0) return NONE;
  const pe = chance / (n * n);
  const pa = agree / n;
  const value = (pa - pe) / (1 - pe);
  const p = matrix.map((row) => row.map((v) => v / n));
  const se = linearisedSe(p, pa, pe, value, (k, l) => (cols[k]! + rows[l]!) / (2 * n), n);
  return { value, se };
}

/**
 * Gwet's AC1 (Gwet 2008, Br J Math Stat Psychol 61:29) with its two-rater variance from the same
 * paper. pe = Σ π_k(1 − π_k) / (K − 1), π_k the mean of the two raters' shares of class k; K is
 * the number of labels in the table, used or not. pe ≤ 1/K, so AC1 is defined whenever n > 0.
 */
export function gwetAc1(matrix: readonly (readonly number[])[]): Coefficient {
  const K = matrix.length;
  const { rows, cols, agree, n } = margins(matrix);
  if (n === 0 || K < 2) return NONE;
  const pi = rows.map((r, k) => (r + cols[k]!) / (2 * n));
  const pe = pi.reduce((a, v) => a + v * (1 - v), 0) / (K - 1);
  const pa = agree / n;
  const value = (pa - pe) / (1 - pe);
  const p = matrix.map((row) => row.map((v) => v / n));
  const se = linearisedSe(p, pa, pe, value, (k, l) => (1 - (pi[k]! + pi[l]!) / 2) / (K - 1), n);
  return { value, se };
}

/** Prevalence- and bias-adjusted κ: (K·po − 1)/(K − 1), i.e. 2·po − 1 for two classes. */
export function pabak(K: number, po: number | null): number | null {
  return po === null || K < 2 ? null : (K * po - 1) / (K - 1);
}
