import type { Migration } from '../migrate.js';

/**
 * The threshold what-if needs the unbiased labels binned by the champion's probability. Over a
 * million decisions a scan takes seconds, so the bins are kept current by triggers in the same
 * transaction as each decision: an unbiased decision (human or history, no visible suggestion)
 * adds to its bin; a row that corrects it takes it away again. Bin b holds p in [b/1000, (b+1)/1000).
 */
export const whatIfBins: Migration = {
  version: 3,
  name: '0003_whatif_bins',
  sql: `
CREATE TABLE whatif_bins (
  defect_class TEXT NOT NULL,
  bin INTEGER NOT NULL CHECK (bin BETWEEN 0 AND 999),
  defect INTEGER NOT NULL CHECK (defect IN (0, 1)),
  n INTEGER NOT NULL,
  PRIMARY KEY (defect_class, bin, defect)
) STRICT, WITHOUT ROWID;

CREATE VIEW unbiased_labels AS
  SELECT d.id AS decision_id, COALESCE(p.top_defect_class, '') AS defect_class,
         MIN(999, CAST(p.defect_probability * 1000 AS INTEGER)) AS bin,
         d.label = 'defect' AS defect
  FROM decisions d JOIN predictions p ON p.id = d.prediction_id
  WHERE d.kind = 'decision' AND d.source IN ('human', 'history') AND d.suggestion_visible = 0;

CREATE TRIGGER whatif_bins_add AFTER INSERT ON decisions
BEGIN
  INSERT INTO whatif_bins (defect_class, bin, defect, n)
    SELECT defect_class, bin, defect, 1 FROM unbiased_labels WHERE decision_id = NEW.id
    ON CONFLICT (defect_class, bin, defect) DO UPDATE SET n = n + 1;
  UPDATE whatif_bins SET n = n - 1
    WHERE (defect_class, bin, defect) IN (SELECT defect_class, bin, defect FROM unbiased_labels WHERE decision_id = NEW.corrects);
END;

INSERT INTO whatif_bins (defect_class, bin, defect, n)
  SELECT u.defect_class, u.bin, u.defect, COUNT(*) FROM unbiased_labels u
  WHERE NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = u.decision_id)
  GROUP BY u.defect_class, u.bin, u.defect;

CREATE INDEX items_captured_at ON items (captured_at);
`,
};
