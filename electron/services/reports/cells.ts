import type { Db } from '../../../db/open.js';
import { isCurrentSql } from '../../../db/repos/decisions.js';

/** One cell of the decision cube: how many decisions in force share these keys. */
export type Cell = {
  day: string;
  station: string;
  inspector: string;
  source: string;
  automation_level: string;
  suggestion_visible: number;
  review_role: string;
  model_version_id: number;
  human_label: 'ok' | 'defect';
  human_class: string;
  model_label: '' | 'ok' | 'defect';
  model_class: string;
  bucket: number;
  n: number;
  p_sum: number;
};

const KEYS =
  'day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id, human_label, human_class, model_label, model_class, bucket';

const startOfNextDay = (iso: string): string => {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString();
};
const isMidnight = (iso: string): boolean => iso.endsWith('T00:00:00.000Z');

/**
 * Cells for decisions in force decided in [from, to): whole days come from the cube, the part
 * days at either end of the period from the decisions themselves (an indexed range).
 */
export function loadCells(db: Db, from: string | null, to: string | null): Cell[] {
  const cube = db.prepare(
    `SELECT ${KEYS}, n, p_sum FROM decision_cube WHERE n > 0 AND day >= @fromDay AND day < @toDay`,
  );
  const raw = db.prepare(`
    SELECT ${KEYS.split(', ')
      .map((k) => `f.${k}`)
      .join(', ')}, COUNT(*) AS n, SUM(f.p) AS p_sum
    FROM decision_facts f JOIN decisions d ON d.id = f.decision_id
    WHERE d.decided_at >= @from AND d.decided_at < @to AND ${isCurrentSql('d')}
    GROUP BY ${KEYS.split(', ')
      .map((k) => `f.${k}`)
      .join(', ')}`);
  const lo = from ?? '0000-01-01T00:00:00.000Z';
  const hi = to ?? '9999-12-31T00:00:00.000Z';
  if (lo >= hi) return [];
  // Whole days strictly inside the period.
  const firstWhole = isMidnight(lo) ? lo : startOfNextDay(lo);
  const lastWhole = isMidnight(hi) ? hi : new Date(Date.parse(startOfNextDay(hi)) - 86_400_000).toISOString();
  const cells: Cell[] = [];
  if (firstWhole < lastWhole) {
    cells.push(...(cube.all({ fromDay: firstWhole.slice(0, 10), toDay: lastWhole.slice(0, 10) }) as Cell[]));
    if (lo < firstWhole) cells.push(...(raw.all({ from: lo, to: firstWhole }) as Cell[]));
    if (lastWhole < hi) cells.push(...(raw.all({ from: lastWhole, to: hi }) as Cell[]));
  } else {
    cells.push(...(raw.all({ from: lo, to: hi }) as Cell[]));
  }
  return cells;
}
