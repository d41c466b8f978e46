import type { Db } from '../../../db/open.js';
import { isCurrentSql } from '../../../db/repos/decisions.js';
import { emptyConfusion, tally } from '../analytics/confusion.js';
import type { BinaryConfusion } from '../analytics/confusion.js';
import { preparedOnce, reportFilterSql } from './decisionRows.js';
import type { ReportFilters } from './decisionRows.js';

/**
 * First read vs blind second read on double-reviewed items: the human–human baseline. The
 * report's filters apply to the second read, the decision that makes the pair (as the period
 * always did).
 */
export function humanHumanConfusion(db: Db, filters: ReportFilters): BinaryConfusion {
  const rows = preparedOnce(
    db,
    `SELECT a.label = 'defect' AS first_defect, b.label = 'defect' AS second_defect, COUNT(*) AS n
       FROM decisions b CROSS JOIN decisions a ON a.item_id = b.item_id AND a.kind = 'decision' AND a.review_role = 'primary' AND a.source = 'human'
       WHERE b.review_role = 'second_read' AND b.kind = 'decision' AND ${isCurrentSql('a')} AND ${isCurrentSql('b')} AND ${reportFilterSql(filters, 'b')}
       GROUP BY 1, 2`,
  ).all(filters) as Array<{ first_defect: number; second_defect: number; n: number }>;
  const c = emptyConfusion();
  // The first read is the reference, the second read in the place of the model.
  for (const r of rows) tally(c, r.first_defect === 1, r.second_defect === 1, r.n);
  return c;
}

/**
 * Per inspector: assisted decisions on items where an unbiased label (blind read, audit,
 * second read, history) says the model's call was wrong, and how many of them still followed
 * it — from `assist_checks`, which triggers keep current (see migration 0004). The filters
 * apply to the assisted decision; its row is joined only for filters assist_checks lacks.
 */
export function followedWhenWrong(
  db: Db,
  filters: ReportFilters,
): Map<string, { followed: number; n: number }> {
  const needsDecision = Boolean(filters.source || filters.automationLevel || filters.modelVersion);
  const rows = preparedOnce(
    db,
    `SELECT ac.inspector, SUM(ac.followed) AS followed, COUNT(*) AS n FROM assist_checks ac
       ${needsDecision ? 'JOIN decisions d ON d.id = ac.assisted_id' : ''}
       WHERE ${reportFilterSql(filters, 'd', 'ac')} GROUP BY ac.inspector`,
  ).all(filters) as Array<{ inspector: string; followed: number; n: number }>;
  return new Map(rows.map((r) => [r.inspector, { followed: r.followed, n: r.n }]));
}

/**
 * Median time to decide per inspector, over every human call with a timing (a corrected call
 * still took the inspector that long). Without a period (or filters beyond the inspector) it
 * walks the (inspector, time) index; otherwise it reads the selected decisions.
 */
export function medianTimeToDecide(db: Db, filters: ReportFilters): Map<string, number> {
  const out = new Map<string, number>();
  const HUMAN_CALL = "d.source = 'human' AND d.kind = 'decision' AND d.time_to_decide_ms IS NOT NULL";
  if (!filters.from && !filters.to && !filters.source && !filters.automationLevel && !filters.modelVersion) {
    const inspectors = preparedOnce(
      db,
      `SELECT d.inspector, COUNT(*) AS n FROM decisions d WHERE ${HUMAN_CALL} AND ${reportFilterSql(filters)} GROUP BY d.inspector`,
    ).all(filters) as Array<{ inspector: string; n: number }>;
    const nth = preparedOnce(
      db,
      `SELECT d.time_to_decide_ms FROM decisions d INDEXED BY decisions_inspector_time WHERE ${HUMAN_CALL} AND d.inspector = ? ORDER BY d.time_to_decide_ms LIMIT ? OFFSET ?`,
    );
    for (const { inspector, n } of inspectors) {
      const mid = nth.pluck().all(inspector, 2 - (n % 2), Math.floor((n - 1) / 2)) as number[];
      out.set(inspector, mid.reduce((a, b) => a + b, 0) / mid.length);
    }
    return out;
  }
  const rows = preparedOnce(
    db,
    `SELECT d.inspector, d.time_to_decide_ms AS ms FROM decisions d WHERE ${HUMAN_CALL} AND ${reportFilterSql(filters)}`,
  )
    .raw()
    .all(filters) as Array<[string, number]>;
  const by = new Map<string, number[]>();
  for (const [inspector, ms] of rows) (by.get(inspector) ?? by.set(inspector, []).get(inspector)!).push(ms);
  for (const [inspector, list] of by) {
    list.sort((a, b) => a - b);
    const m = list.length;
    out.set(inspector, m % 2 ? list[(m - 1) / 2]! : (list[m / 2 - 1]! + list[m / 2]!) / 2);
  }
  return out;
}
