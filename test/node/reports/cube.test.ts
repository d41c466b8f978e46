import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open.js';
import type { NewDecision } from '../../../db/repos/decisions.js';
import { lcg, scoringRepos } from '../helpers/scoredItems.js';
import { loadCells } from '../../../electron/services/reports/cells.js';
import { followedWhenWrong } from '../../../electron/services/reports/pairings.js';

/** A random history of decisions, undos, re-decisions and blind/assisted reads on shared items. */
function randomHistory(seedStart: number) {
  const db = openDatabase(':memory:');
  const { decisions, addScoredItem } = scoringRepos(db);
  const rand = lcg(seedStart);
  const heads = new Map<string, { id: number; kind: 'decision' | 'retraction' }>();
  const preds: number[] = [];
  for (let i = 0; i < 120; i++) {
    const defectProbability = rand();
    const topDefectClass = rand() < 0.5 ? 'crack' : 'fray';
    preds.push(
      addScoredItem(i, { defectProbability, topDefectClass, station: i % 2 ? 'line-1' : 'line-2' })
        .predictionId,
    );
  }
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
  for (let step = 0; step < 900; step++) {
    const itemId = 1 + Math.floor(rand() * 120);
    const visible = rand() < 0.5;
    const inspector = ['ana', 'ben', 'chen'][Math.floor(rand() * 3)]!;
    const key = `${itemId}/${visible}/${inspector}`;
    const head = heads.get(key);
    const base: NewDecision = {
      itemId,
      predictionId: preds[itemId - 1]!,
      kind: 'decision',
      inspector,
      label: rand() < 0.4 ? 'defect' : 'ok',
      defectClass: null,
      note: null,
      decidedAt: `${days[Math.floor(rand() * 3)]}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:00:00.000Z`,
      timeToDecideMs: Math.floor(rand() * 5000),
      automationLevel: 'ai_assist',
      suggestionVisible: visible,
      source: rand() < 0.1 ? 'history' : 'human',
      corrects: null,
    };
    if (head?.kind === 'decision')
      heads.set(key, {
        id: decisions.insert({ ...base, kind: 'retraction', label: null, corrects: head.id }),
        kind: 'retraction',
      });
    else heads.set(key, { id: decisions.insert({ ...base, corrects: head?.id ?? null }), kind: 'decision' });
  }
  return db;
}

describe('trigger-maintained report tables', () => {
  it('the decision cube equals a recount of the decisions in force, for whole and part days', () => {
    const db = randomHistory(11);
    const recount = (from: string, to: string) =>
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM decisions d WHERE d.kind = 'decision' AND d.decided_at >= ? AND d.decided_at < ?
                  AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = d.id)`,
        )
        .get(from, to) as { n: number };
    const sum = (from: string | null, to: string | null) =>
      loadCells(db, from, to).reduce((s, c) => s + c.n, 0);
    expect(sum(null, null)).toBe(recount('0000', '9999').n);
    for (const [from, to] of [
      ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-01T05:00:00.000Z', '2026-03-03T13:00:00.000Z'],
      ['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ] as const) {
      expect(sum(from, to), `${from}–${to}`).toBe(recount(from, to).n);
    }
    const defects = loadCells(db, null, null)
      .filter((c) => c.human_label === 'defect')
      .reduce((s, c) => s + c.n, 0);
    expect(defects).toBe(
      (
        db
          .prepare(
            `SELECT COUNT(*) AS n FROM decisions d WHERE d.kind = 'decision' AND d.label = 'defect' AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = d.id)`,
          )
          .get() as { n: number }
      ).n,
    );
  });

  it('assist checks equal a direct join of assisted calls with contradicting unbiased labels', () => {
    const db = randomHistory(29);
    const direct = db
      .prepare(
        `SELECT a.inspector, SUM(a.label = CASE WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END) AS followed, COUNT(*) AS n
         FROM decisions a JOIN predictions p ON p.id = a.prediction_id JOIN decisions u ON u.item_id = a.item_id AND u.id <> a.id
         WHERE a.kind = 'decision' AND a.source = 'human' AND a.suggestion_visible = 1
           AND u.kind = 'decision' AND u.suggestion_visible = 0 AND u.source IN ('human', 'history')
           AND u.label <> CASE WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END
           AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = a.id) AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = u.id)
         GROUP BY a.inspector`,
      )
      .all() as Array<{ inspector: string; followed: number; n: number }>;
    expect(direct.length).toBeGreaterThan(0);
    expect(Object.fromEntries(followedWhenWrong(db, null, null))).toEqual(
      Object.fromEntries(direct.map((r) => [r.inspector, { followed: r.followed, n: r.n }])),
    );
  });
});
