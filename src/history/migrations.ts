/**
 * The history database's schema, as numbered migrations applied in order. `PRAGMA user_version`
 * holds the version reached, and `schema_migrations` records when each was applied. Never edit a
 * released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, findings (first seen, last seen, resolved at) and savings per run',
    sql: `
      CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TEXT NOT NULL
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        generated_at TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        scope_json TEXT NOT NULL,
        resources INTEGER NOT NULL,
        open_critical INTEGER NOT NULL,
        open_high INTEGER NOT NULL,
        open_medium INTEGER NOT NULL,
        open_low INTEGER NOT NULL,
        open_info INTEGER NOT NULL,
        suppressed INTEGER NOT NULL,
        new_findings INTEGER NOT NULL DEFAULT 0,
        resolved_findings INTEGER NOT NULL DEFAULT 0,
        coverage_gaps INTEGER NOT NULL,
        policy_errors INTEGER NOT NULL,
        monthly_savings_total REAL NOT NULL,
        currency TEXT NOT NULL
      );
      CREATE TABLE findings (
        fingerprint TEXT PRIMARY KEY,
        policy_id TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        account TEXT,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        first_run_id INTEGER NOT NULL REFERENCES runs(id),
        last_run_id INTEGER NOT NULL REFERENCES runs(id),
        resolved_at TEXT,
        resolved_run_id INTEGER REFERENCES runs(id)
      );
      CREATE INDEX findings_open ON findings (resolved_at);
      CREATE TABLE savings (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        monthly_cost REAL,
        monthly_savings REAL,
        currency TEXT NOT NULL,
        PRIMARY KEY (run_id, fingerprint)
      );
    `,
  },
  {
    version: 2,
    description: 'indexes for per-policy and per-resource queries',
    sql: `
      CREATE INDEX findings_policy ON findings (policy_id);
      CREATE INDEX savings_resource ON savings (resource_id);
    `,
  },
  {
    version: 3,
    description: 'resources and API calls per target (provider:account) of each run, for balancing shards',
    sql: `
      CREATE TABLE run_targets (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        resources INTEGER NOT NULL,
        calls INTEGER NOT NULL,
        PRIMARY KEY (run_id, target)
      );
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
