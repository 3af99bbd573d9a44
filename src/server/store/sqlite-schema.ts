/**
 * The SQLite schema of `SqliteStore`, created on open. Only hashes of keys are stored. Bump
 * SCHEMA_VERSION and add a migration step when a table changes.
 */
export const SCHEMA_VERSION = 1;

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
  last_used_at             INTEGER
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
`;
