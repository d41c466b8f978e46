import type { Db } from '../../../db/open.js';
import type { BinaryConfusion } from '../analytics/agreement.js';

const CURRENT = (alias: string): string =>
  `NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = ${alias}.id)`;
const PERIOD = (alias: string): string =>
  `(@from IS NULL OR ${alias}.decided_at >= @from) AND (@to IS NULL OR ${alias}.decided_at < @to)`;

/** First read vs blind second read on double-reviewed items: the human–human baseline. */
export function humanHumanConfusion(db: Db, from: string | null, to: string | null): BinaryConfusion {
  const rows = db
    .prepare(
      `SELECT a.label = 'defect' AS first_defect, b.label = 'defect' AS second_defect, COUNT(*) AS n
       FROM decisions b CROSS JOIN decisions a ON a.item_id = b.item_id AND a.kind = 'decision' AND a.review_role = 'primary' AND a.source = 'human'
       WHERE b.review_role = 'second_read' AND b.kind = 'decision' AND ${CURRENT('a')} AND ${CURRENT('b')} AND ${PERIOD('b')}
       GROUP BY 1, 2`,
    )
    .all({ from, to }) as Array<{ first_defect: number; second_defect: number; n: number }>;
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const r of rows) {
    if (r.first_defect && r.second_defect) c.tp += r.n;
    else if (!r.first_defect && r.second_defect) c.fp += r.n;
    else if (r.first_defect && !r.second_defect) c.fn += r.n;
    else c.tn += r.n;
  }
  return c;
}

/**
 * Per inspector: assisted decisions on items where an unbiased label (blind read, audit,
 * second read, history) says the model's call was wrong, and how many of them still followed
 * it — from `assist_checks`, which triggers keep current (see migration 0004).
 */
export function followedWhenWrong(
  db: Db,
  from: string | null,
  to: string | null,
): Map<string, { followed: number; n: number }> {
  const rows = db
    .prepare(
      `SELECT inspector, SUM(followed) AS followed, COUNT(*) AS n FROM assist_checks d
       WHERE ${PERIOD('d')} GROUP BY inspector`,
    )
    .all({ from, to }) as Array<{ inspector: string; followed: number; n: number }>;
  return new Map(rows.map((r) => [r.inspector, { followed: r.followed, n: r.n }]));
}

/**
 * Median time to decide per inspector, over every human call with a timing (a corrected call
 * still took the inspector that long). Without a period it walks the (inspector, time) index;
 * with one it reads the period's decisions.
 */
export function medianTimeToDecide(db: Db, from: string | null, to: string | null): Map<string, number> {
  const out = new Map<string, number>();
  if (from === null && to === null) {
    const inspectors = db
      .prepare(
        "SELECT inspector, COUNT(*) AS n FROM decisions WHERE source = 'human' AND kind = 'decision' AND time_to_decide_ms IS NOT NULL GROUP BY inspector",
      )
      .all() as Array<{ inspector: string; n: number }>;
    const nth = db
      .prepare(
        "SELECT time_to_decide_ms FROM decisions INDEXED BY decisions_inspector_time WHERE source = 'human' AND kind = 'decision' AND inspector = ? AND time_to_decide_ms IS NOT NULL ORDER BY time_to_decide_ms LIMIT ? OFFSET ?",
      )
      .pluck();
    for (const { inspector, n } of inspectors) {
      const mid = nth.all(inspector, 2 - (n % 2), Math.floor((n - 1) / 2)) as number[];
      out.set(inspector, mid.reduce((a, b) => a + b, 0) / mid.length);
    }
    return out;
  }
  const rows = db
    .prepare(
      `SELECT inspector, time_to_decide_ms AS ms FROM decisions d
       WHERE source = 'human' AND kind = 'decision' AND time_to_decide_ms IS NOT NULL AND ${PERIOD('d')}`,
    )
    .raw()
    .all({ from, to }) as Array<[string, number]>;
  const by = new Map<string, number[]>();
  for (const [inspector, ms] of rows) (by.get(inspector) ?? by.set(inspector, []).get(inspector)!).push(ms);
  for (const [inspector, list] of by) {
    list.sort((a, b) => a - b);
    const m = list.length;
    out.set(inspector, m % 2 ? list[(m - 1) / 2]! : (list[m / 2 - 1]! + list[m / 2]!) / 2);
  }
  return out;
}
