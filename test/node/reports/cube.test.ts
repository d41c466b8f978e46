import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open.js';
import type { NewDecision } from '../../../db/repos/decisions.js';
import { decisionChain, lcg, scoringRepos } from '../helpers/scoredItems.js';
import { loadCells } from '../../../electron/services/reports/cells.js';
import { followedWhenWrong, humanHumanConfusion } from '../../../electron/services/reports/pairings.js';
import { buildReport } from '../../../electron/services/reports/buildReport.js';
import { decisionRowsQuery } from '../../../electron/services/reports/decisionRows.js';
import { decisionCube } from '../../../db/migrations/0004_decision_cube.js';
import { SHADOW_DECISION_THRESHOLD } from '../../../electron/shared/schemas.js';

/** A random history of decisions, undos, re-decisions and blind/assisted reads on shared items. */
function randomHistory(seedStart: number) {
  const db = openDatabase(':memory:');
  const { decisions, addScoredItem } = scoringRepos(db);
  const rand = lcg(seedStart);
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
  // One chain per item, blind or assisted read, and inspector.
  decisionChain(decisions, 900, () => {
    const itemId = 1 + Math.floor(rand() * 120);
    const visible = rand() < 0.5;
    const inspector = ['ana', 'ben', 'chen'][Math.floor(rand() * 3)]!;
    const decision: NewDecision = {
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
    return { key: `${itemId}/${visible}/${inspector}`, decision };
  });
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
    expect(Object.fromEntries(followedWhenWrong(db, { from: null, to: null }))).toEqual(
      Object.fromEntries(direct.map((r) => [r.inspector, { followed: r.followed, n: r.n }])),
    );
  });

  it('fixes the model call in SQL at the shared decision threshold', () => {
    // Migrations are hashed and never edited, so the constant must follow them, not the reverse.
    const cuts = [...decisionCube.sql.matchAll(/defect_probability >= ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(cuts.length).toBeGreaterThan(0);
    expect(new Set(cuts)).toEqual(new Set([SHADOW_DECISION_THRESHOLD]));
  });
});

describe('report filters on the pairings', () => {
  it('filter the assist checks like the decisions they pair', () => {
    const db = randomHistory(29);
    const [from, to] = ['2026-03-01T06:00:00.000Z', '2026-03-03T00:00:00.000Z'];
    const direct = db
      .prepare(
        `SELECT a.inspector, SUM(a.label = CASE WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END) AS followed, COUNT(*) AS n
         FROM decisions a JOIN predictions p ON p.id = a.prediction_id JOIN decisions u ON u.item_id = a.item_id AND u.id <> a.id
         WHERE a.kind = 'decision' AND a.source = 'human' AND a.suggestion_visible = 1 AND a.inspector = 'ana'
           AND a.decided_at >= ? AND a.decided_at < ?
           AND u.kind = 'decision' AND u.suggestion_visible = 0 AND u.source IN ('human', 'history')
           AND u.label <> CASE WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END
           AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = a.id) AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = u.id)
         GROUP BY a.inspector`,
      )
      .all(from, to) as Array<{ inspector: string; followed: number; n: number }>;
    expect(direct).toHaveLength(1);
    expect(Object.fromEntries(followedWhenWrong(db, { from, to, inspector: 'ana' }))).toEqual(
      Object.fromEntries(direct.map((r) => [r.inspector, { followed: r.followed, n: r.n }])),
    );
    // Every assisted call here is a human ai_assist one.
    expect(followedWhenWrong(db, { from: null, to: null, source: 'history' }).size).toBe(0);
    expect(followedWhenWrong(db, { from: null, to: null, automationLevel: 'full' }).size).toBe(0);
    expect(followedWhenWrong(db, { from: null, to: null, modelVersion: 'm@1' })).toEqual(
      followedWhenWrong(db, { from: null, to: null }),
    );
  });

  it('filter the human–human block by its second read, in the report too', () => {
    const db = openDatabase(':memory:');
    const { decisions, addScoredItem } = scoringRepos(db);
    // Six double-reviewed items: cleo's first read says defect; the second read, by ana on odd
    // items and ben on even ones, agrees on items 0–2. Items 4 and 5 are read a day later.
    for (let i = 0; i < 6; i++) {
      const { itemId, predictionId } = addScoredItem(i, { defectProbability: 0.9, topDefectClass: 'crack' });
      const read: NewDecision = {
        itemId,
        predictionId,
        kind: 'decision',
        inspector: 'cleo',
        label: 'defect',
        defectClass: null,
        note: null,
        decidedAt: '2026-03-01T08:00:00.000Z',
        timeToDecideMs: 1000,
        automationLevel: 'ai_assist',
        suggestionVisible: false,
        source: 'human',
        corrects: null,
      };
      decisions.insert(read);
      decisions.insert({
        ...read,
        inspector: i % 2 ? 'ana' : 'ben',
        label: i < 3 ? 'defect' : 'ok',
        reviewRole: 'second_read',
        decidedAt: i < 4 ? '2026-03-01T09:00:00.000Z' : '2026-03-02T09:00:00.000Z',
      });
    }
    const all = { from: null, to: null };
    expect(humanHumanConfusion(db, all)).toEqual({ tp: 3, fp: 0, fn: 3, tn: 0 });
    expect(humanHumanConfusion(db, { ...all, inspector: 'ana' })).toEqual({ tp: 1, fp: 0, fn: 2, tn: 0 });
    expect(humanHumanConfusion(db, { from: null, to: '2026-03-02T00:00:00.000Z', inspector: 'ana' })).toEqual(
      {
        tp: 1,
        fp: 0,
        fn: 1,
        tn: 0,
      },
    );
    expect(humanHumanConfusion(db, { ...all, source: 'history' })).toEqual({ tp: 0, fp: 0, fn: 0, tn: 0 });

    const filters = { ...all, inspector: 'ana' };
    const report = buildReport(db, { ...filters, generatedBy: 'test' });
    expect(report.human_human?.confusion).toEqual({ tp: 1, fp: 0, fn: 2, tn: 0 });
    expect(report.per_inspector.map((p) => p.inspector)).toEqual(['ana']);
    // row_count is every row the CSV export would hold for the same filters.
    expect(report.row_count).toBe([...decisionRowsQuery(db, filters).iterate()].length);
    expect(report.row_count).toBe(3);
  });
});
