import type Database from 'better-sqlite3';
import type { Db } from '../../../db/open.js';
import { isCurrentSql } from '../../../db/repos/decisions.js';
import { SHADOW_DECISION_THRESHOLD } from '../../shared/schemas.js';

export type ReportFilters = {
  from: string | null;
  to: string | null;
  inspector?: string | null;
  source?: 'human' | 'auto' | 'history' | null;
  automationLevel?: string | null;
  modelVersion?: string | null;
};

export const CSV_COLUMNS = [
  'decision_id',
  'item_id',
  'file',
  'decided_at',
  'inspector',
  'source',
  'human_label',
  'human_class',
  'model_version',
  'model_label',
  'model_class',
  'defect_probability',
  'automation_level',
  'policy_version',
  'suggestion_visible',
  'time_to_decide_ms',
  'corrects',
] as const;

export type DecisionReportRow = {
  decision_id: number;
  item_id: number;
  file: string;
  decided_at: string;
  inspector: string;
  source: string;
  kind: 'decision' | 'retraction';
  review_role: string;
  human_label: string | null;
  human_class: string | null;
  model_version: string | null;
  model_label: string | null;
  model_class: string | null;
  defect_probability: number | null;
  automation_level: string;
  policy_version: number | null;
  suggestion_visible: 0 | 1;
  time_to_decide_ms: number | null;
  corrects: number | null;
  /** 1 when no later row corrects this one: the row metrics count. */
  current: 0 | 1;
};

/**
 * The report filters as SQL over the decisions row `alias`; bind the filters object itself for
 * the named parameters. One builder for the export, its count and the pairings, so every block
 * of a report covers the same decisions. `own` names a table that copies decided_at and
 * inspector (assist_checks), so those filters can use its index. The model filter is an EXISTS
 * on the row's prediction, so no query joins predictions or model_versions unless it is set.
 */
export function reportFilterSql(filters: ReportFilters, alias = 'd', own = alias): string {
  const where: string[] = [];
  if (filters.from) where.push(`${own}.decided_at >= @from`);
  if (filters.to) where.push(`${own}.decided_at < @to`);
  if (filters.inspector) where.push(`${own}.inspector = @inspector`);
  if (filters.source) where.push(`${alias}.source = @source`);
  if (filters.automationLevel) where.push(`${alias}.automation_level = @automationLevel`);
  if (filters.modelVersion)
    where.push(
      `EXISTS (SELECT 1 FROM predictions fp JOIN model_versions fm ON fm.id = fp.model_version_id WHERE fp.id = ${alias}.prediction_id AND (fm.model_id || '@' || fm.version) = @modelVersion)`,
    );
  return where.length ? where.join(' AND ') : '1 = 1';
}

/** Statements by SQL text per database: there are few filter shapes, so each is prepared once. */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
export function preparedOnce(db: Db, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map<string, Database.Statement>()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/**
 * How many decision rows the filters select: the CSV's row count and the report's row_count.
 * Counted over decisions alone; every decision has its item, so the export's join adds none.
 */
export function countDecisionRows(db: Db, filters: ReportFilters): number {
  const stmt = preparedOnce(db, `SELECT COUNT(*) AS n FROM decisions d WHERE ${reportFilterSql(filters)}`);
  return (stmt.get(filters) as { n: number }).n;
}

/**
 * Every decision in the period with its paired prediction, oldest first, including corrected
 * rows and retractions (the CSV shows both; metrics use only `current` decisions).
 */
export function decisionRowsQuery(db: Db, filters: ReportFilters) {
  // Prepared per export, not cached: an export iterates it across awaits, and better-sqlite3
  // refuses to run a statement that another export is still iterating.
  const stmt = db.prepare(
    `
    SELECT d.id AS decision_id, d.item_id, i.original_path AS file, d.decided_at, d.inspector, d.source, d.kind, d.review_role,
           d.label AS human_label, d.defect_class AS human_class,
           CASE WHEN m.id IS NULL THEN NULL ELSE m.model_id || '@' || m.version END AS model_version,
           CASE WHEN p.id IS NULL THEN NULL WHEN p.defect_probability >= @threshold THEN 'defect' ELSE 'ok' END AS model_label,
           CASE WHEN p.defect_probability >= @threshold THEN p.top_defect_class ELSE NULL END AS model_class,
           p.defect_probability, d.automation_level, pol.version AS policy_version, d.suggestion_visible, d.time_to_decide_ms, d.corrects,
           ${isCurrentSql('d')} AS current
    FROM decisions d
    JOIN items i ON i.id = d.item_id
    LEFT JOIN predictions p ON p.id = d.prediction_id
    LEFT JOIN model_versions m ON m.id = p.model_version_id
    LEFT JOIN policies pol ON pol.id = d.policy_id
    WHERE ${reportFilterSql(filters)}
    ORDER BY d.decided_at, d.id`,
  );
  const params = { ...filters, threshold: SHADOW_DECISION_THRESHOLD };
  return {
    iterate: () => stmt.iterate(params) as IterableIterator<DecisionReportRow>,
    count: () => countDecisionRows(db, filters),
  };
}
