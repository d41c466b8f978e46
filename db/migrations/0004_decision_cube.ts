import type { Migration } from '../migrate.js';

/**
 * Agreement reports slice the decisions many ways (day, station, inspector, source, level,
 * model version, confidence, class). Scanning a million decisions for every report takes
 * seconds, so counts of the decisions in force are kept per combination of those keys by
 * triggers, in the same transaction as each decision: a decision adds one to its cell, and the
 * row that corrects it takes that one away. A report then reads thousands of cells, not
 * millions of rows. The model's call is fixed at p ≥ 0.5, the station's decision threshold.
 */
export const decisionCube: Migration = {
  version: 4,
  name: '0004_decision_cube',
  sql: `
CREATE TABLE decision_cube (
  day TEXT NOT NULL,
  station TEXT NOT NULL,
  inspector TEXT NOT NULL,
  source TEXT NOT NULL,
  automation_level TEXT NOT NULL,
  suggestion_visible INTEGER NOT NULL,
  review_role TEXT NOT NULL,
  model_version_id INTEGER NOT NULL,
  human_label TEXT NOT NULL,
  human_class TEXT NOT NULL,
  model_label TEXT NOT NULL,
  model_class TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
               human_label, human_class, model_label, model_class, bucket)
) STRICT, WITHOUT ROWID;

CREATE VIEW decision_facts AS
  SELECT d.id AS decision_id, substr(d.decided_at, 1, 10) AS day, i.station, d.inspector, d.source, d.automation_level,
         d.suggestion_visible, d.review_role, COALESCE(p.model_version_id, 0) AS model_version_id,
         d.label AS human_label, COALESCE(d.defect_class, '') AS human_class,
         CASE WHEN p.id IS NULL THEN '' WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END AS model_label,
         CASE WHEN p.defect_probability >= 0.5 THEN COALESCE(p.top_defect_class, '') ELSE '' END AS model_class,
         CASE WHEN p.id IS NULL THEN -1 ELSE MIN(9, CAST(p.defect_probability * 10 AS INTEGER)) END AS bucket
  FROM decisions d JOIN items i ON i.id = d.item_id LEFT JOIN predictions p ON p.id = d.prediction_id
  WHERE d.kind = 'decision';

CREATE TRIGGER decision_cube_add AFTER INSERT ON decisions
BEGIN
  INSERT INTO decision_cube
    SELECT day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
           human_label, human_class, model_label, model_class, bucket, 1
    FROM decision_facts WHERE decision_id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + 1;
  UPDATE decision_cube SET n = n - 1
    WHERE (day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
           human_label, human_class, model_label, model_class, bucket)
       IN (SELECT day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
                  human_label, human_class, model_label, model_class, bucket
           FROM decision_facts WHERE decision_id = NEW.corrects);
END;

INSERT INTO decision_cube
  SELECT day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
         human_label, human_class, model_label, model_class, bucket, COUNT(*)
  FROM decision_facts f
  WHERE NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = f.decision_id)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13;
`,
};
