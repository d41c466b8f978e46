import type { Migration } from '../migrate.js';

/**
 * Automation levels. Policies are versioned per station and never edited (a change is a new
 * version); each routed item remembers the policy and prediction it was routed by; decisions
 * record the policy version, the model version and which read they are (primary, blind first
 * read, audit sample, second read). Supervisors sign changes with a scrypt-hashed password.
 */
export const policies: Migration = {
  version: 2,
  name: '0002_policies',
  sql: `
CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  station TEXT NOT NULL,
  version INTEGER NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('human_only', 'ai_assist', 'partial', 'full')),
  t_ok REAL NOT NULL,
  t_defect REAL NOT NULL,
  class_bands TEXT NOT NULL,
  audit_rate REAL NOT NULL CHECK (audit_rate BETWEEN 0 AND 1),
  blind_first_read_share REAL NOT NULL CHECK (blind_first_read_share BETWEEN 0 AND 1),
  double_review_share REAL NOT NULL CHECK (double_review_share BETWEEN 0 AND 1),
  sampling_seed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  CHECK (0 <= t_ok AND t_ok <= t_defect AND t_defect <= 1),
  UNIQUE (station, version)
) STRICT;
CREATE TRIGGER policies_no_update BEFORE UPDATE ON policies
BEGIN SELECT RAISE(ABORT, 'policies are versioned: create a new version instead'); END;
CREATE TRIGGER policies_no_delete BEFORE DELETE ON policies
BEGIN SELECT RAISE(ABORT, 'policies are versioned: create a new version instead'); END;

CREATE TABLE routes (
  item_id INTEGER PRIMARY KEY REFERENCES items (id),
  policy_id INTEGER NOT NULL REFERENCES policies (id),
  prediction_id INTEGER NOT NULL REFERENCES predictions (id),
  route TEXT NOT NULL CHECK (route IN ('auto', 'human')),
  blind_first_read INTEGER NOT NULL CHECK (blind_first_read IN (0, 1)),
  audit INTEGER NOT NULL CHECK (audit IN (0, 1)),
  double_review INTEGER NOT NULL CHECK (double_review IN (0, 1)),
  routed_at TEXT NOT NULL
) STRICT;

CREATE TABLE supervisors (
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

ALTER TABLE decisions ADD COLUMN policy_id INTEGER REFERENCES policies (id);
ALTER TABLE decisions ADD COLUMN model_version_id INTEGER REFERENCES model_versions (id);
ALTER TABLE decisions ADD COLUMN review_role TEXT NOT NULL DEFAULT 'primary'
  CHECK (review_role IN ('primary', 'first_read', 'audit', 'second_read'));
CREATE INDEX decisions_item_role ON decisions (item_id, review_role);

-- The model's most likely defect class selects the per-class band; the heatmap grid (one
-- byte per cell) and where it lies over the image feed the station's overlay.
ALTER TABLE predictions ADD COLUMN top_defect_class TEXT;
ALTER TABLE predictions ADD COLUMN heatmap BLOB;
ALTER TABLE predictions ADD COLUMN heatmap_meta TEXT;
UPDATE predictions SET top_defect_class = (
  SELECT key FROM json_each(predictions.class_probabilities) WHERE key <> 'ok' ORDER BY value DESC LIMIT 1
);
`,
};
