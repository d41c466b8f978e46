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
  p_sum REAL NOT NULL,
  PRIMARY KEY (day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
               human_label, human_class, model_label, model_class, bucket)
) STRICT, WITHOUT ROWID;

CREATE VIEW decision_facts AS
  SELECT d.id AS decision_id, substr(d.decided_at, 1, 10) AS day, i.station, d.inspector, d.source, d.automation_level,
         d.suggestion_visible, d.review_role, COALESCE(p.model_version_id, 0) AS model_version_id,
         d.label AS human_label, COALESCE(d.defect_class, '') AS human_class,
         CASE WHEN p.id IS NULL THEN '' WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END AS model_label,
         CASE WHEN p.defect_probability >= 0.5 THEN COALESCE(p.top_defect_class, '') ELSE '' END AS model_class,
         CASE WHEN p.id IS NULL THEN -1 ELSE MIN(9, CAST(p.defect_probability * 10 AS INTEGER)) END AS bucket,
         COALESCE(p.defect_probability, 0) AS p
  FROM decisions d JOIN items i ON i.id = d.item_id LEFT JOIN predictions p ON p.id = d.prediction_id
  WHERE d.kind = 'decision';

CREATE TRIGGER decision_cube_add AFTER INSERT ON decisions
BEGIN
  INSERT INTO decision_cube
    SELECT day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
           human_label, human_class, model_label, model_class, bucket, 1, p
    FROM decision_facts WHERE decision_id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + 1, p_sum = p_sum + excluded.p_sum;
  UPDATE decision_cube SET n = n - 1, p_sum = p_sum - (SELECT p FROM decision_facts WHERE decision_id = NEW.corrects)
    WHERE (day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
           human_label, human_class, model_label, model_class, bucket)
       IN (SELECT day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
                  human_label, human_class, model_label, model_class, bucket
           FROM decision_facts WHERE decision_id = NEW.corrects);
END;

INSERT INTO decision_cube
  SELECT day, station, inspector, source, automation_level, suggestion_visible, review_role, model_version_id,
         human_label, human_class, model_label, model_class, bucket, COUNT(*), SUM(p)
  FROM decision_facts f
  WHERE NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = f.decision_id)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13;

-- Assisted calls paired with an unbiased label on the same item that says the model's call was
-- wrong: "did the inspector follow a wrong suggestion?". Kept by triggers like the cube; a
-- correction of either side removes its pairs.
CREATE TABLE assist_checks (
  assisted_id INTEGER NOT NULL REFERENCES decisions (id),
  unbiased_id INTEGER NOT NULL REFERENCES decisions (id),
  inspector TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  followed INTEGER NOT NULL CHECK (followed IN (0, 1)),
  PRIMARY KEY (assisted_id, unbiased_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX assist_checks_unbiased ON assist_checks (unbiased_id);
CREATE INDEX assist_checks_time ON assist_checks (decided_at);

CREATE VIEW model_calls AS
  SELECT d.id, d.item_id, d.inspector, d.decided_at, d.label, d.kind, d.source, d.suggestion_visible,
         CASE WHEN p.defect_probability >= 0.5 THEN 'defect' ELSE 'ok' END AS model_label
  FROM decisions d JOIN predictions p ON p.id = d.prediction_id;

CREATE TRIGGER assist_checks_add AFTER INSERT ON decisions WHEN NEW.kind = 'decision'
BEGIN
  INSERT OR IGNORE INTO assist_checks (assisted_id, unbiased_id, inspector, decided_at, followed)
    SELECT a.id, u.id, a.inspector, a.decided_at, a.label = a.model_label
    FROM model_calls a JOIN decisions u ON u.item_id = a.item_id AND u.id <> a.id
    WHERE a.id = NEW.id AND a.source = 'human' AND a.suggestion_visible = 1
      AND u.kind = 'decision' AND u.suggestion_visible = 0 AND u.source IN ('human', 'history') AND u.label <> a.model_label
      AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = u.id);
  INSERT OR IGNORE INTO assist_checks (assisted_id, unbiased_id, inspector, decided_at, followed)
    SELECT a.id, u.id, a.inspector, a.decided_at, a.label = a.model_label
    FROM decisions u JOIN model_calls a ON a.item_id = u.item_id AND a.id <> u.id
    WHERE u.id = NEW.id AND u.suggestion_visible = 0 AND u.source IN ('human', 'history')
      AND a.kind = 'decision' AND a.source = 'human' AND a.suggestion_visible = 1 AND u.label <> a.model_label
      AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = a.id);
END;
CREATE TRIGGER assist_checks_drop AFTER INSERT ON decisions WHEN NEW.corrects IS NOT NULL
BEGIN
  DELETE FROM assist_checks WHERE assisted_id = NEW.corrects OR unbiased_id = NEW.corrects;
END;

INSERT OR IGNORE INTO assist_checks (assisted_id, unbiased_id, inspector, decided_at, followed)
  SELECT a.id, u.id, a.inspector, a.decided_at, a.label = a.model_label
  FROM model_calls a JOIN decisions u ON u.item_id = a.item_id AND u.id <> a.id
  WHERE a.kind = 'decision' AND a.source = 'human' AND a.suggestion_visible = 1
    AND u.kind = 'decision' AND u.suggestion_visible = 0 AND u.source IN ('human', 'history') AND u.label <> a.model_label
    AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = u.id)
    AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = a.id);

-- Pairings the cube cannot hold (same item, different reads) are joined on demand from these.
CREATE INDEX decisions_blind_reads ON decisions (item_id)
  WHERE kind = 'decision' AND suggestion_visible = 0 AND source IN ('human', 'history');
CREATE INDEX decisions_second_reads ON decisions (item_id) WHERE review_role = 'second_read' AND kind = 'decision';
CREATE INDEX decisions_inspector_time ON decisions (inspector, time_to_decide_ms) WHERE source = 'human' AND kind = 'decision';
`,
};
