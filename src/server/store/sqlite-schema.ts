/**
 * The SQLite schema of `SqliteStore`, created on open. Only hashes of keys are stored. Bump
 * SCHEMA_VERSION and add a migration step when a table changes.
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  seq                      INTEGER PRIMARY KEY AUTOINCREMENT,
  key_id                   TEXT    NOT NULL UNIQUE,
  key_hash                 TEXT    NOT NULL UNIQUE,
  name                     TEXT    NOT NULL,
  key_prefix               TEXT    NOT NULL,
  user_id                  TEXT    NOT NULL,
  service_id               TEXT    NOT NULL,
  scopes                   TEXT    NOT NULL,
  environment              TEXT    NOT NULL,
  is_active                INTEGER NOT NULL,
  rate_limit_per_hour      INTEGER NOT NULL,
  monthly_prediction_limit INTEGER,
  allowed_ips              TEXT,
  billing_plan             TEXT    NOT NULL,
  created_at               INTEGER NOT NULL,
  expires_at               INTEGER,
  last_used_at             INTEGER,
  organization_id          TEXT,
  created_by               TEXT
);
CREATE INDEX IF NOT EXISTS api_keys_newest ON api_keys (created_at DESC, seq DESC);
CREATE TABLE IF NOT EXISTS usage_records (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  key_id            TEXT    NOT NULL REFERENCES api_keys (key_id),
  service_id        TEXT    NOT NULL,
  endpoint          TEXT    NOT NULL,
  status_code       INTEGER NOT NULL,
  response_time_ms  INTEGER NOT NULL,
  predictions_count INTEGER NOT NULL,
  compute_ms        INTEGER NOT NULL,
  recorded_at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_by_key_time ON usage_records (key_id, recorded_at);
CREATE INDEX IF NOT EXISTS usage_by_time ON usage_records (recorded_at);
-- Per key, month and endpoint; endpoint '' is the month's total. Kept with each record, so
-- statistics and billing read O(endpoints) rows, not O(records).
CREATE TABLE IF NOT EXISTS usage_rollups (
  key_id            TEXT    NOT NULL,
  period            TEXT    NOT NULL,
  endpoint          TEXT    NOT NULL,
  requests          INTEGER NOT NULL,
  errors            INTEGER NOT NULL,
  predictions       INTEGER NOT NULL,
  compute_ms        INTEGER NOT NULL,
  response_time_ms  INTEGER NOT NULL,
  PRIMARY KEY (key_id, period, endpoint)
) WITHOUT ROWID;
-- Sliding rate-limit windows (float64 epoch-ms times), so a restart does not hand out a fresh budget.
CREATE TABLE IF NOT EXISTS rate_windows (
  key_id TEXT PRIMARY KEY,
  times  BLOB NOT NULL
);
`;

/** Rolls up the records of a version-1 database (no rollups yet); run once when upgrading it. */
export const MIGRATE_1_TO_2_SQL = `
INSERT OR REPLACE INTO usage_rollups
  SELECT key_id, strftime('%Y-%m', recorded_at / 1000, 'unixepoch') AS period, endpoint, COUNT(*),
         SUM(status_code >= 400), SUM(predictions_count), SUM(compute_ms), SUM(response_time_ms)
  FROM usage_records GROUP BY key_id, period, endpoint;
INSERT OR REPLACE INTO usage_rollups
  SELECT key_id, strftime('%Y-%m', recorded_at / 1000, 'unixepoch') AS period, '', COUNT(*),
         SUM(status_code >= 400), SUM(predictions_count), SUM(compute_ms), SUM(response_time_ms)
  FROM usage_records GROUP BY key_id, period;
`;

/** Organization keys: a version-2 database gains the two columns (null for its keys). */
export const MIGRATE_2_TO_3_SQL = `
ALTER TABLE api_keys ADD COLUMN organization_id TEXT;
ALTER TABLE api_keys ADD COLUMN created_by TEXT;
`;

/** Made after the migrations, when `organization_id` exists in every database. */
export const ORGANIZATION_KEYS_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS api_keys_by_org ON api_keys (organization_id, seq)';
