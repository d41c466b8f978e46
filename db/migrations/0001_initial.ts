import type { Migration } from '../migrate.js';

/**
 * The walking-skeleton schema. Items carry their status as a cached state; predictions and
 * decisions are facts. Decisions and audit entries are append-only (enforced by triggers):
 * a correction or an undo is a new row whose `corrects` points at the row it replaces, and
 * `corrects` is UNIQUE so each chain stays linear and its latest row is unambiguous.
 */
export const initial: Migration = {
  version: 1,
  name: '0001_initial',
  sql: `
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  original_path TEXT NOT NULL,
  stored_path TEXT,
  source TEXT NOT NULL CHECK (source IN ('import', 'hot_folder', 'history')),
  station TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  format TEXT,
  byte_size INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  status TEXT NOT NULL CHECK (status IN ('pending', 'predicted', 'decided', 'quarantined')),
  quarantine_reason TEXT,
  CHECK ((status = 'quarantined') = (quarantine_reason IS NOT NULL)),
  CHECK (status = 'quarantined' OR (stored_path IS NOT NULL AND width > 0 AND height > 0))
) STRICT;
CREATE INDEX items_status ON items (status, captured_at, id);

CREATE TABLE model_versions (
  id INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  manifest TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  UNIQUE (model_id, version)
) STRICT;

CREATE TABLE predictions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  model_version_id INTEGER NOT NULL REFERENCES model_versions (id),
  role TEXT NOT NULL CHECK (role IN ('champion', 'challenger')),
  defect_probability REAL NOT NULL CHECK (defect_probability BETWEEN 0 AND 1),
  predicted_class TEXT NOT NULL,
  class_probabilities TEXT NOT NULL,
  regions TEXT NOT NULL,
  peak TEXT,
  latency_ms REAL NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, model_version_id)
) STRICT;
CREATE INDEX predictions_item ON predictions (item_id, role);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  prediction_id INTEGER REFERENCES predictions (id),
  kind TEXT NOT NULL DEFAULT 'decision' CHECK (kind IN ('decision', 'retraction')),
  inspector TEXT NOT NULL,
  label TEXT CHECK (label IN ('ok', 'defect')),
  defect_class TEXT,
  note TEXT,
  decided_at TEXT NOT NULL,
  time_to_decide_ms INTEGER,
  automation_level TEXT NOT NULL CHECK (automation_level IN ('human_only', 'ai_assist', 'partial', 'full')),
  suggestion_visible INTEGER NOT NULL CHECK (suggestion_visible IN (0, 1)),
  source TEXT NOT NULL CHECK (source IN ('human', 'auto', 'history')),
  corrects INTEGER UNIQUE REFERENCES decisions (id),
  CHECK ((kind = 'retraction') = (label IS NULL)),
  CHECK (kind = 'decision' OR corrects IS NOT NULL),
  CHECK (label = 'defect' OR defect_class IS NULL)
) STRICT;
CREATE INDEX decisions_item ON decisions (item_id);
CREATE INDEX decisions_decided_at ON decisions (decided_at);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a correction instead'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a correction instead'); END;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
};
