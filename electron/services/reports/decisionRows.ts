import type { Db } from '../../../db/open.js';
import { SHADOW_DECISION_THRESHOLD } from '../stats/summary.js';

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
 * Every decision in the period with its paired prediction, oldest first, including corrected
 * rows and retractions (the CSV shows both; metrics use only `current` decisions).
 */
export function decisionRowsQuery(db: Db, filters: ReportFilters) {
  const where = ['1 = 1'];
  if (filters.from) where.push('d.decided_at >= @from');
  if (filters.to) where.push('d.decided_at < @to');
  if (filters.inspector) where.push('d.inspector = @inspector');
  if (filters.source) where.push('d.source = @source');
  if (filters.automationLevel) where.push('d.automation_level = @automationLevel');
  if (filters.modelVersion) where.push("(m.model_id || '@' || m.version) = @modelVersion");
  const stmt = db.prepare(`
    SELECT d.id AS decision_id, d.item_id, i.original_path AS file, d.decided_at, d.inspector, d.source, d.kind, d.review_role,
           d.label AS human_label, d.defect_class AS human_class,
           CASE WHEN m.id IS NULL THEN NULL ELSE m.model_id || '@' || m.version END AS model_version,
           CASE WHEN p.id IS NULL THEN NULL WHEN p.defect_probability >= @threshold THEN 'defect' ELSE 'ok' END AS model_label,
           CASE WHEN p.defect_probability >= @threshold THEN p.top_defect_class ELSE NULL END AS model_class,
           p.defect_probability, d.automation_level, pol.version AS policy_version, d.suggestion_visible, d.time_to_decide_ms, d.corrects,
           NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = d.id) AS current
    FROM decisions d
    JOIN items i ON i.id = d.item_id
    LEFT JOIN predictions p ON p.id = d.prediction_id
    LEFT JOIN model_versions m ON m.id = p.model_version_id
    LEFT JOIN policies pol ON pol.id = d.policy_id
    WHERE ${where.join(' AND ')}
    ORDER BY d.decided_at, d.id`);
  const params = { ...filters, threshold: SHADOW_DECISION_THRESHOLD };
  return {
    iterate: () => stmt.iterate(params) as IterableIterator<DecisionReportRow>,
    count: () => (db.prepare(`SELECT COUNT(*) AS n FROM (${stmt.source})`).get(params) as { n: number }).n,
  };
}
