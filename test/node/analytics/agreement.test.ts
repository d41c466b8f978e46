import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  binaryAgreement,
  binaryConfusion,
  cohenKappa,
  gwetAc1,
  multiClassAgreement,
  multiConfusion,
  perClassFigures,
} from '../../../electron/services/analytics/agreement.js';
import type { Label } from '../../../electron/services/analytics/agreement.js';
import { auroc } from '../../../electron/services/evaluation/metrics.js';
import { APP_ROOT } from '../../../electron/cli/paths.js';

type Prf = { precision: number[]; recall: number[]; f1: number[]; support: number[] };
type Case = {
  name: string;
  human: Label[];
  model: Label[];
  kappa: number | null;
  confusion: number[][];
  prf: Prf | null;
  classes_human?: string[];
  classes_model?: string[];
  multi_kappa?: number | null;
  multi_confusion?: number[][];
  multi_prf?: Prf;
  scores?: number[];
  auroc?: number | null;
};
const fixture = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/reference/agreement.json'), 'utf8'),
) as { cases: Case[] };
const CLASSES = ['ok', 'blowhole', 'break', 'crack', 'fray', 'uneven'];
const close = (a: number | null, b: number | null): void => {
  if (b === null) expect(a).toBeNull();
  else expect(a).toBeCloseTo(b, 9);
};

describe('agreement statistics against scikit-learn (test/fixtures/reference/make_agreement.py)', () => {
  it('has at least 100 cases, low-prevalence and degenerate ones included', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(100);
    expect(fixture.cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['empty', 'single row', 'one class only (kappa undefined)']),
    );
  });

  it('binary confusion, κ, precision, recall and F1 equal sklearn to 1e-9', () => {
    for (const c of fixture.cases) {
      const conf = binaryConfusion(c.human, c.model);
      // sklearn's matrix with labels [ok, defect]: rows human, columns model.
      expect(
        [
          [conf.tn, conf.fp],
          [conf.fn, conf.tp],
        ],
        c.name,
      ).toEqual(c.confusion);
      close(binaryAgreement(conf).cohenKappa.value, c.kappa);
      if (!c.prf) continue;
      const figures = perClassFigures(['ok', 'defect'], c.confusion);
      figures.forEach((f, k) => {
        expect(f.precision.value ?? 0, c.name).toBeCloseTo(c.prf!.precision[k]!, 9);
        expect(f.recall.value ?? 0, c.name).toBeCloseTo(c.prf!.recall[k]!, 9);
        expect(f.f1 ?? 0, c.name).toBeCloseTo(c.prf!.f1[k]!, 9);
        expect(f.support).toBe(c.prf!.support[k]);
      });
    }
  });

  it('multi-class confusion, κ and per-class figures equal sklearn to 1e-9', () => {
    for (const c of fixture.cases.filter((x) => x.classes_human)) {
      const m = multiConfusion(CLASSES, c.classes_human!, c.classes_model!);
      expect(m).toEqual(c.multi_confusion);
      close(multiClassAgreement(CLASSES, m).cohenKappa, c.multi_kappa ?? null);
      perClassFigures(CLASSES, m).forEach((f, k) => {
        expect(f.precision.value ?? 0).toBeCloseTo(c.multi_prf!.precision[k]!, 9);
        expect(f.recall.value ?? 0).toBeCloseTo(c.multi_prf!.recall[k]!, 9);
        expect(f.f1 ?? 0).toBeCloseTo(c.multi_prf!.f1[k]!, 9);
      });
    }
  });

  it('AUROC equals roc_auc_score', () => {
    for (const c of fixture.cases.filter((x) => x.scores))
      close(
        auroc(
          c.scores!,
          c.human.map((h) => h === 'defect'),
        ),
        c.auroc ?? null,
      );
  });
});

describe('chance-corrected agreement', () => {
  it('κ is undefined (null), not 0 or 1, when both raters use one class', () => {
    const f = binaryAgreement({ tp: 0, fp: 0, fn: 0, tn: 50 });
    expect(f.cohenKappa).toEqual({ value: null, ci95: null, se: null });
    expect(f.agreement.value).toBe(1);
    expect(f.pabak.value).toBe(1);
    expect(f.escapeRate.value).toBeNull();
  });

  it('reproduces the kappa paradox: high agreement, κ near zero, AC1 and PABAK high', () => {
    // 1 % defects: 98 of 100 agree, both disagreements on the rare class.
    const f = binaryAgreement({ tp: 0, fp: 1, fn: 1, tn: 98 });
    expect(f.agreement.value).toBe(0.98);
    expect(f.cohenKappa.value!).toBeCloseTo(-0.0101, 4);
    expect(f.pabak.value).toBeCloseTo(0.96, 12);
    expect(f.gwetAc1.value!).toBeGreaterThan(0.97);
  });

  it('AC1 and PABAK match hand computation (Gwet 2008, two raters, two categories)', () => {
    // Table: a=40 (both yes), b=9, c=6, d=45 → po = .85, π = (.49 + .46)/2 = .475,
    // pe = 2·.475·.525 = .49875, AC1 = (.85 − .49875)/(1 − .49875) = .700748…
    const f = binaryAgreement({ tp: 40, fn: 9, fp: 6, tn: 45 });
    expect(f.gwetAc1.value!).toBeCloseTo((0.85 - 0.49875) / (1 - 0.49875), 12);
    expect(f.pabak.value!).toBeCloseTo(0.7, 12);
    expect(f.cohenKappa.value!).toBeCloseTo(
      (0.85 - (0.49 * 0.46 + 0.51 * 0.54)) / (1 - (0.49 * 0.46 + 0.51 * 0.54)),
      12,
    );
    expect(f.cohenKappa.ci95![0]).toBeLessThan(f.cohenKappa.value!);
    expect(f.gwetAc1.ci95![1]).toBeGreaterThan(f.gwetAc1.value!);
  });

  it('keeps every output finite or null on degenerate tables', () => {
    for (const c of [
      { tp: 0, fp: 0, fn: 0, tn: 0 },
      { tp: 1, fp: 0, fn: 0, tn: 0 },
      { tp: 0, fp: 3, fn: 2, tn: 0 },
    ]) {
      const flat = JSON.stringify(binaryAgreement(c));
      expect(flat).not.toMatch(/NaN|Infinity/);
    }
    expect(
      cohenKappa([
        [0, 0],
        [0, 0],
      ]).value,
    ).toBeNull();
    expect(gwetAc1([[5]]).value).toBeNull();
  });
});
