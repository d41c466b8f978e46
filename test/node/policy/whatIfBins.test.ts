import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open.js';
import type { NewDecision } from '../../../db/repos/decisions.js';
import { WhatIfService } from '../../../electron/services/whatif/whatIfService.js';
import { decisionChain, lcg, scoringRepos } from '../helpers/scoredItems.js';
import { countBand } from '../../../electron/shared/whatif.js';

/** What the bins must equal: current unbiased labels, recomputed from scratch. */
const BRUTE_FORCE = `
  SELECT p.defect_probability AS p, d.label = 'defect' AS defect FROM decisions d JOIN predictions p ON p.id = d.prediction_id
  WHERE d.kind = 'decision' AND d.source IN ('human', 'history') AND d.suggestion_visible = 0
    AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = d.id)`;

describe('whatif_bins kept by triggers', () => {
  it('always equals the current unbiased labels through decisions, undos, re-decisions and visible or auto calls', () => {
    const db = openDatabase(':memory:');
    const { decisions, addScoredItem } = scoringRepos(db);
    const rand = lcg(3);
    const predictionIds: number[] = [];
    for (let i = 0; i < 300; i++) {
      // Probabilities on and near bin edges, including exact multiples of 0.001 and 1.0.
      const p = i % 10 === 0 ? Math.round(rand() * 1000) / 1000 : rand();
      const { predictionId } = addScoredItem(i, {
        defectProbability: p,
        topDefectClass: ['crack', 'fray', null][i % 3] ?? null,
      });
      predictionIds.push(predictionId);
    }
    decisionChain(decisions, 1500, () => {
      const itemId = 1 + Math.floor(rand() * 300);
      const decision: NewDecision = {
        itemId,
        predictionId: predictionIds[itemId - 1]!,
        kind: 'decision',
        inspector: 'ana',
        label: rand() < 0.3 ? 'defect' : 'ok',
        defectClass: null,
        note: null,
        decidedAt: new Date().toISOString(),
        timeToDecideMs: 1,
        automationLevel: 'human_only',
        suggestionVisible: rand() < 0.2,
        source: rand() < 0.1 ? 'auto' : rand() < 0.1 ? 'history' : 'human',
        corrects: null,
      };
      return { key: itemId, decision };
    });
    const service = new WhatIfService(db);
    const rows = db.prepare(BRUTE_FORCE).all() as Array<{ p: number; defect: number }>;
    for (const band of [
      { t_ok: 0, t_defect: 1 },
      { t_ok: 0.1, t_defect: 0.9 },
      { t_ok: 0.5, t_defect: 0.5 },
      { t_ok: 0.333, t_defect: 0.777 },
    ]) {
      const exact = countBand(
        rows.map((r) => r.p),
        rows.map((r) => r.defect),
        band,
      );
      const fromBins = service.compute(band, null);
      expect(fromBins.labelled).toEqual({ n: exact.n, defects: exact.defects, ok: exact.ok });
      expect(fromBins.autoPass.x).toBe(exact.autoPass);
      expect(fromBins.autoFail.x).toBe(exact.autoFail);
      expect(fromBins.escapeRate.x).toBe(exact.escapes);
      expect(fromBins.falseRejectRate.x).toBe(exact.falseRejects);
    }
    const crackRows = db.prepare(`${BRUTE_FORCE} AND p.top_defect_class = 'crack'`).all() as Array<{
      p: number;
      defect: number;
    }>;
    expect(service.compute({ t_ok: 0.2, t_defect: 0.8 }, 'crack').labelled.n).toBe(crackRows.length);
    expect(rows.length).toBeGreaterThan(50);
  });
});
