import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BINARY_LABELS,
  binaryAgreement,
  binaryConfusion,
  binaryMatrix,
  cohenKappa,
  gwetAc1,
  kappaInterval,
  multiClassAgreement,
  multiConfusion,
  perClassFigures,
} from '../../../electron/services/analytics/agreement.js';
import type { BinaryConfusion, ClassFigures, Label } from '../../../electron/services/analytics/agreement.js';
import { auroc } from '../../../electron/services/evaluation/metrics.js';

type Flags = { precision: boolean[]; recall: boolean[]; f1: boolean[] };
type Prf = { precision: number[]; recall: number[]; f1: number[]; support: number[]; undefined: Flags };
type Block = { kappa: number | null; confusion: number[][]; prf: Prf };
type Case = { name: string; human: Label[]; model: Label[]; binary: Block; multi?: Block };
type Inputs = {
  classes_human?: string[];
  classes_model?: string[];
  scores?: number[];
  auroc?: number | null;
};
type Fixture = { conventions: Record<string, unknown>; cases: (Case & Inputs)[] };

const fixture = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/reference/agreement.json', import.meta.url), 'utf8'),
) as Fixture;
const CLASSES = ['ok', 'blowhole', 'break', 'crack', 'fray', 'uneven'];
const TOL = 1e-9;

/** Equal to the reference within `tol`, or both null (sklearn's nan is stored as null). */
function expectClose(actual: number | null, expected: number | null, at: string, tol = TOL): void {
  if (expected === null) {
    expect(actual, at).toBeNull();
    return;
  }
  expect(actual, at).not.toBeNull();
  expect(Math.abs(actual! - expected), `${at}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

/** Per-class figures against sklearn: null exactly where sklearn had to fill in zero_division. */
function expectPrf(figures: ClassFigures[], prf: Prf, where: string): void {
  figures.forEach((f, k) => {
    const at = `${where} [${f.label}]`;
    expect(f.support, `${at} support`).toBe(prf.support[k]);
    expectClose(f.precision.value, prf.undefined.precision[k] ? null : prf.precision[k]!, `${at} precision`);
    expectClose(f.recall.value, prf.undefined.recall[k] ? null : prf.recall[k]!, `${at} recall`);
    expectClose(f.f1, prf.undefined.f1[k] ? null : prf.f1[k]!, `${at} F1`);
  });
}

/** Every number in a result is finite (the report serialises these; NaN would print as null silently). */
function finiteOrNull(value: unknown, path = '$'): string[] {
  if (value === null) return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => finiteOrNull(v, `${path}[${i}]`));
  if (typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => finiteOrNull(v, `${path}.${k}`));
  return [];
}

describe('agreement statistics equal scikit-learn (test/fixtures/reference/make_agreement.py)', () => {
  it('holds ≥ 100 cases: 1 % and balanced defect rates, multi-class, degenerate tables', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(100);
    expect(String(fixture.conventions.prf)).toContain('zero_division=0');
    const names = fixture.cases.map((c) => c.name);
    const degenerate = [
      'empty',
      'single row',
      'one class only (kappa undefined)',
      'all agree',
      'all disagree',
    ];
    expect(names).toEqual(expect.arrayContaining(degenerate));
    expect(names.filter((n) => n.includes('defect rate 0.01')).length).toBeGreaterThanOrEqual(20);
    expect(names.filter((n) => n.includes('defect rate 0.5')).length).toBeGreaterThanOrEqual(20);
    // The fixture must exercise the null paths, or the checks below would only ever see numbers.
    expect(fixture.cases.filter((c) => c.binary.kappa === null).length).toBeGreaterThanOrEqual(3);
    const undefinedF1 = fixture.cases.filter((c) => c.multi?.prf.undefined.f1.some(Boolean));
    expect(undefinedF1.length).toBeGreaterThanOrEqual(3);
  });

  it('binary: confusion, κ, precision, recall, F1 to 1e-9; every output finite or null', () => {
    for (const c of fixture.cases) {
      const conf = binaryConfusion(c.human, c.model);
      expect(binaryMatrix(conf), c.name).toEqual(c.binary.confusion);
      expect(multiConfusion(BINARY_LABELS, c.human, c.model), c.name).toEqual(c.binary.confusion);
      const figures = binaryAgreement(conf);
      expectClose(figures.cohenKappa.value, c.binary.kappa, `${c.name} κ`);
      expectPrf(perClassFigures(BINARY_LABELS, c.binary.confusion), c.binary.prf, c.name);
      expect(finiteOrNull(figures), c.name).toEqual([]);
    }
  });

  it('multi-class: confusion, κ, per-class precision, recall, F1 to 1e-9', () => {
    const multi = fixture.cases.filter((c) => c.multi);
    expect(multi.length).toBeGreaterThanOrEqual(100);
    for (const c of multi) {
      const m = multiConfusion(CLASSES, c.classes_human!, c.classes_model!);
      expect(m, c.name).toEqual(c.multi!.confusion);
      const figures = multiClassAgreement(CLASSES, m);
      expectClose(figures.cohenKappa, c.multi!.kappa, `${c.name} multi-class κ`);
      expectPrf(perClassFigures(CLASSES, m), c.multi!.prf, `${c.name} multi-class`);
      expect(finiteOrNull(figures), c.name).toEqual([]);
    }
  });

  it('AUROC equals roc_auc_score (null with one class only)', () => {
    const scored = fixture.cases.filter((c) => c.scores);
    expect(scored.filter((c) => c.auroc !== null).length).toBeGreaterThanOrEqual(80);
    for (const c of scored)
      expectClose(
        auroc(
          c.scores!,
          c.human.map((h) => h === 'defect'),
        ),
        c.auroc ?? null,
        `${c.name} AUROC`,
      );
  });
});

describe('against published and hand-computed examples', () => {
  it('matches irrCAC on its cont3x3abstractors table: κ, AC1 and both standard errors', () => {
    // Gwet, irrCAC R package (CRAN 1.0, 2019), vignette "Calculating Chance-corrected Agreement
    // Coefficients": kappa2.table → 0.7964094, se 0.05891072; gwet.ac1.table → 0.8493305,
    // se 0.04321747. Printed to 7 significant digits, hence the tolerance.
    const table = [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ];
    const k = cohenKappa(table);
    const a = gwetAc1(table);
    expectClose(k.value, 0.7964094, 'κ', 5e-8);
    expectClose(k.se, 0.05891072, 'κ SE', 5e-9);
    expectClose(a.value, 0.8493305, 'AC1', 5e-8);
    expectClose(a.se, 0.04321747, 'AC1 SE', 5e-9);
  });

  it('reproduces the first kappa paradox of Feinstein & Cicchetti (1990); AC1 and PABAK by hand', () => {
    // J Clin Epidemiol 43:543. Both tables have po = 0.85; κ = 0.70 (A) and 0.32 (B) as the
    // defect share moves from 49 % to 90 %. Rows = rater A = human, columns = rater B = model.
    const a = binaryAgreement({ tp: 40, fn: 9, fp: 6, tn: 45 });
    const b = binaryAgreement({ tp: 80, fn: 10, fp: 5, tn: 5 });
    expect(a.agreement.value).toBeCloseTo(0.85, 12);
    expect(b.agreement.value).toBeCloseTo(0.85, 12);
    expect(a.cohenKappa.value!.toFixed(2)).toBe('0.70');
    expect(b.cohenKappa.value!.toFixed(2)).toBe('0.32');
    // κ exactly: pe(A) = .49·.46 + .51·.54 = .5008; pe(B) = .90·.85 + .10·.15 = .78.
    expectClose(a.cohenKappa.value, (0.85 - 0.5008) / (1 - 0.5008), 'κ A');
    expectClose(b.cohenKappa.value, (0.85 - 0.78) / (1 - 0.78), 'κ B');
    // AC1: π(A) = (.49 + .46)/2 = .475, pe = 2·.475·.525 = .49875; π(B) = .875, pe = .21875.
    expectClose(a.gwetAc1.value, (0.85 - 0.49875) / (1 - 0.49875), 'AC1 A');
    expectClose(b.gwetAc1.value, (0.85 - 0.21875) / (1 - 0.21875), 'AC1 B');
    expectClose(a.pabak.value, 0.7, 'PABAK A');
    expectClose(b.pabak.value, 0.7, 'PABAK B');
  });

  it('shows the paradox at a 1 % defect rate: 99 % agreement, κ = 0, AC1 and PABAK high', () => {
    // 100 items, the human finds 1 defect, the model none. pe = .99·1 + .01·0 = .99 → κ = 0.
    // AC1: π = .005, pe = 2·.005·.995 = .00995 → (.99 − .00995)/(1 − .00995) = .98995.
    const f = binaryAgreement({ tp: 0, fn: 1, fp: 0, tn: 99 });
    expect(f.agreement.value).toBeCloseTo(0.99, 12);
    expectClose(f.cohenKappa.value, 0, 'κ');
    expectClose(f.gwetAc1.value, (0.99 - 0.00995) / (1 - 0.00995), 'AC1');
    expectClose(f.pabak.value, 0.98, 'PABAK');
    expect(f.escapeRate).toMatchObject({ value: 1, x: 1, n: 1 });
  });

  it('standard errors equal a numerical delta method on random binary and multi-class tables', () => {
    // Independent of the closed forms: differentiate the coefficient numerically over the cell
    // shares and take the multinomial variance of the gradient.
    let seed = 12345;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const K of [2, 2, 3, 6]) {
      const counts = Array.from({ length: K }, (_, i) =>
        Array.from({ length: K }, (_, j) => 1 + Math.floor(rand() * (i === j ? 80 : 15))),
      );
      const n = counts.flat().reduce((s, v) => s + v, 0);
      for (const coefficient of [cohenKappa, gwetAc1]) {
        const p = counts.map((row) => row.map((v) => v / n));
        const grads = p.map((row, i) =>
          row.map((_, j) => {
            const h = 1e-6;
            const at = (d: number): number =>
              coefficient(p.map((r, a) => r.map((v, b) => (a === i && b === j ? v + d : v)))).value!;
            return (at(h) - at(-h)) / (2 * h);
          }),
        );
        let m1 = 0;
        let m2 = 0;
        p.forEach((row, i) =>
          row.forEach((v, j) => ((m1 += v * grads[i]![j]!), (m2 += v * grads[i]![j]! ** 2))),
        );
        const numeric = Math.sqrt((m2 - m1 * m1) / n);
        const ratio = coefficient(counts).se! / numeric;
        expect(Math.abs(ratio - 1), `${coefficient.name} K=${K}`).toBeLessThan(1e-5);
      }
    }
  });
});

describe('degenerate tables and conventions', () => {
  const all = (c: BinaryConfusion): ReturnType<typeof binaryAgreement> => {
    const f = binaryAgreement(c);
    expect(finiteOrNull(f)).toEqual([]);
    return f;
  };

  it('n = 0: every figure null', () => {
    const f = all({ tp: 0, fp: 0, fn: 0, tn: 0 });
    expect(f.n).toBe(0);
    expect(f.agreement).toEqual({ value: null, x: 0, n: 0, wilson95: null });
    expect(f.cohenKappa).toEqual({ value: null, ci95: null, se: null });
    expect(f.gwetAc1).toEqual({ value: null, ci95: null });
    expect(f.pabak).toEqual({ value: null, ci95: null });
    expect(f.escapeRate.value).toBeNull();
    expect(f.falseRejectRate.value).toBeNull();
  });

  it('one class only: κ undefined (null), not 0 or 1; AC1 and PABAK still defined', () => {
    const f = all({ tp: 0, fp: 0, fn: 0, tn: 50 });
    expect(f.cohenKappa).toEqual({ value: null, ci95: null, se: null });
    expect(f.gwetAc1.value).toBe(1);
    expect(f.gwetAc1.ci95![0]).toBeLessThan(1);
    expect(f.pabak.value).toBe(1);
    expect(f.escapeRate.value).toBeNull();
    expect(
      multiClassAgreement(CLASSES, multiConfusion(CLASSES, ['crack', 'crack'], ['crack', 'crack']))
        .cohenKappa,
    ).toBeNull();
  });

  it('a single row: point figures, no κ or AC1 interval (one item says nothing about spread)', () => {
    const agree = all({ tp: 0, fp: 0, fn: 0, tn: 1 });
    expect(agree.cohenKappa.value).toBeNull();
    expect(agree.gwetAc1).toEqual({ value: 1, ci95: null });
    expect(agree.pabak.ci95).not.toBeNull(); // Wilson is defined for n = 1
    const disagree = all({ tp: 0, fp: 0, fn: 1, tn: 0 });
    expect(disagree.cohenKappa).toEqual({ value: 0, ci95: null, se: null });
  });

  it('perfect agreement gets an interval below 1, not the zero-width [1, 1] of the plain SE', () => {
    const f = all({ tp: 10, fp: 0, fn: 0, tn: 30 });
    expect(f.cohenKappa.value).toBe(1);
    expect(cohenKappa(binaryMatrix({ tp: 10, fp: 0, fn: 0, tn: 30 })).se).toBe(0);
    expect(f.cohenKappa.ci95![0]).toBeLessThan(0.9);
    expect(f.cohenKappa.ci95![1]).toBe(1);
    expect(all({ tp: 0, fp: 10, fn: 10, tn: 0 }).cohenKappa.value).toBe(-1);
  });

  it('uses the plain Wald interval once every cell has 5 items, the adjusted SE below that', () => {
    const big = kappaInterval({ tp: 40, fn: 9, fp: 6, tn: 45 });
    const k = cohenKappa(binaryMatrix({ tp: 40, fn: 9, fp: 6, tn: 45 }));
    expect(big.method).toBe('wald');
    expect(big.se).toBe(k.se);
    expect(big.ci95![0]).toBeCloseTo(k.value! - 1.959964 * k.se!, 12);
    const small = kappaInterval({ tp: 40, fn: 4, fp: 6, tn: 45 });
    expect(small.method).toBe('adjusted-wald');
    // One pseudo-item per cell: the SE of {tp 41, fn 5, fp 7, tn 46}.
    expect(small.se).toBeCloseTo(cohenKappa(binaryMatrix({ tp: 41, fn: 5, fp: 7, tn: 46 })).se!, 12);
    const f = binaryAgreement({ tp: 40, fn: 4, fp: 6, tn: 45 });
    expect(f.cohenKappa.se).toBe(small.se);
  });

  it('F1 is 0, not null, for a class the model never calls; precision is null there', () => {
    const [, defect] = perClassFigures(BINARY_LABELS, binaryMatrix({ tp: 0, fn: 10, fp: 0, tn: 90 }));
    expect(defect).toMatchObject({ label: 'defect', support: 10, f1: 0 });
    expect(defect!.precision.value).toBeNull();
    expect(defect!.recall.value).toBe(0);
    expect(defect!.specificity.value).toBe(1);
  });

  it('multi-class PABAK is (K·po − 1)/(K − 1); one label leaves κ, AC1 and PABAK null', () => {
    const m = multiConfusion(CLASSES, ['ok', 'crack', 'fray', 'ok'], ['ok', 'crack', 'ok', 'ok']);
    expectClose(multiClassAgreement(CLASSES, m).pabak, (6 * 0.75 - 1) / 5, 'PABAK');
    const one = multiClassAgreement(['ok'], [[4]]);
    expect(one).toMatchObject({ n: 4, cohenKappa: null, gwetAc1: null, pabak: null });
  });

  it('rejects input that would miscount or turn into NaN', () => {
    expect(() => binaryConfusion(['ok'], [])).toThrow(RangeError);
    expect(() => binaryConfusion(['ok'], ['OK' as Label])).toThrow(RangeError);
    expect(() => binaryAgreement({ tp: Number.NaN, fp: 0, fn: 0, tn: 1 })).toThrow(RangeError);
    expect(() => binaryAgreement({ tp: -1, fp: 0, fn: 0, tn: 1 })).toThrow(RangeError);
    expect(() => perClassFigures(CLASSES, binaryMatrix({ tp: 1, fn: 0, fp: 0, tn: 1 }))).toThrow(RangeError);
    expect(() => multiConfusion(['ok', 'ok'], [], [])).toThrow(RangeError);
    // Labels outside the list are left out, as sklearn's confusion_matrix(labels=...) does.
    const kept = multiConfusion(['ok', 'crack'], ['ok', 'dent', 'crack'], ['ok', 'ok', 'dent']);
    expect(kept).toEqual(binaryMatrix({ tn: 1, fp: 0, fn: 0, tp: 0 }));
  });
});
