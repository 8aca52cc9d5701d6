/**
 * Run history in SQLite (better-sqlite3): one row per run with its counts, each finding's first
 * seen / last seen / resolved at, and the savings of every run, so new, resolved and first-seen
 * are known across runs. I/O lives here; callers get plain objects.
 *
 * A finding is resolved when a later run that covered its account no longer has it; a run over
 * other accounts does not resolve it. A resolved finding that comes back is reopened and keeps its
 * first-seen date.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Results, Severity } from '../results/schema.js';
import { targetKey } from '../scale/shard.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

export const DEFAULT_HISTORY_FILE = '.cloudwarden/history.db';

/** The history database cannot be used: corrupt, locked, too new, unwritable. */
export class HistoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HistoryError';
  }
}

export interface RunTrend {
  runId: number;
  generatedAt: string;
  open: Record<Severity, number>;
  suppressed: number;
  newFindings: number;
  resolvedFindings: number;
  coverageGaps: number;
  policyErrors: number;
  monthlySavingsTotal: number;
  currency: string;
}

export interface RecordedRun {
  runId: number;
  newFindings: number;
  resolvedFindings: number;
}

/** Turns SQLite's errors into one clear sentence naming the file. */
export function describeHistoryError(path: string, error: unknown): HistoryError {
  if (error instanceof HistoryError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  let why: string;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(message)) {
    why = `the file is not a cloudwarden history database or is corrupt (${message}); move it away to start a new history, or pass --no-history`;
  } else if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    why = `the database is locked by another process (another cloudwarden run?) (${message}); try again when it has finished`;
  } else if (typeof code === 'string' && (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM')) {
    why = `cannot open or write the file (${message})`;
  } else {
    why = message;
  }
  return new HistoryError(`history database ${path}: ${why}`, { cause: error });
}

export class HistoryDb {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** Opens (creating when missing) and migrates the database. */
  static open(path: string, options: { timeoutMs?: number; readonly?: boolean } = {}): HistoryDb {
    let db: Database.Database | undefined;
    try {
      if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { timeout: options.timeoutMs ?? 5000, readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
      db.pragma('foreign_keys = ON');
      const h = new HistoryDb(db, path);
      h.migrate(options.readonly ?? false);
      return h;
    } catch (e) {
      db?.close();
      throw describeHistoryError(path, e);
    }
  }

  get version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(readonly: boolean): void {
    const current = this.version;
    if (current > LATEST_VERSION) {
      throw new HistoryError(`history database ${this.path}: schema version ${current} is newer than this cloudwarden understands (${LATEST_VERSION}); upgrade cloudwarden or use another --history file`);
    }
    if (current === LATEST_VERSION) return;
    if (readonly) throw new HistoryError(`history database ${this.path}: schema version ${current} needs migrating to ${LATEST_VERSION}; run a scan with this cloudwarden first`);
    const apply = this.db.transaction(() => {
      // Re-read inside the write transaction: another process may have migrated meanwhile.
      const inside = this.version;
      for (const m of MIGRATIONS) {
        if (m.version <= inside) continue;
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, new Date().toISOString());
        this.db.pragma(`user_version = ${m.version}`);
      }
    });
    apply.immediate();
  }

  /** Versions applied, oldest first. */
  appliedMigrations(): number[] {
    return (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  }

  /** First-seen dates known for these fingerprints. */
  firstSeen(fingerprints: readonly string[]): Map<string, string> {
    try {
      const stmt = this.db.prepare('SELECT first_seen FROM findings WHERE fingerprint = ?');
      const out = new Map<string, string>();
      for (const fp of fingerprints) {
        const row = stmt.get(fp) as { first_seen: string } | undefined;
        if (row) out.set(fp, row.first_seen);
      }
      return out;
    } catch (e) {
      throw describeHistoryError(this.path, e);
    }
  }

  /**
   * Records a run in one transaction: all of it or nothing. `resourcesByTarget` (`provider:account`
   * → resources, from the snapshot when there is one) is kept with the API calls per target from the
   * coverage rows, so a later sharded collection can balance its shards (`--shard-weights`).
   */
  recordRun(results: Results, resourcesByTarget: ReadonlyMap<string, number> = new Map()): RecordedRun {
    try {
      const tx = this.db.transaction((): RecordedRun => {
        const at = results.generatedAt;
        const s = results.summary;
        const runId = Number(
          this.db
            .prepare(
              `INSERT INTO runs (generated_at, started_at, finished_at, tool_version, scope_json, resources, open_critical, open_high, open_medium, open_low, open_info, suppressed, coverage_gaps, policy_errors, monthly_savings_total, currency)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              at,
              results.snapshot.startedAt,
              results.snapshot.finishedAt,
              results.tool.version,
              JSON.stringify(results.snapshot.scope),
              results.snapshot.resources,
              s.findingsBySeverity.critical,
              s.findingsBySeverity.high,
              s.findingsBySeverity.medium,
              s.findingsBySeverity.low,
              s.findingsBySeverity.info,
              s.suppressedFindings,
              s.coverageGaps,
              results.policyErrors.length,
              s.monthlySavingsTotal,
              s.currency,
            ).lastInsertRowid,
        );
        const get = this.db.prepare('SELECT resolved_at FROM findings WHERE fingerprint = ?');
        const insert = this.db.prepare(
          `INSERT INTO findings (fingerprint, policy_id, resource_id, account, severity, title, first_seen, last_seen, first_run_id, last_run_id)
           VALUES (@fingerprint, @policyId, @resourceId, @account, @severity, @title, @firstSeen, @at, @runId, @runId)`,
        );
        const update = this.db.prepare(
          `UPDATE findings SET severity = @severity, title = @title, last_seen = @at, last_run_id = @runId, resolved_at = NULL, resolved_run_id = NULL WHERE fingerprint = @fingerprint`,
        );
        let fresh = 0;
        const seen = new Set<string>();
        for (const f of results.findings) {
          if (seen.has(f.fingerprint)) continue;
          seen.add(f.fingerprint);
          const row = get.get(f.fingerprint) as { resolved_at: string | null } | undefined;
          const params = { fingerprint: f.fingerprint, policyId: f.policyId, resourceId: f.resourceId, account: f.account, severity: f.severity, title: f.title, firstSeen: f.firstSeen ?? at, at, runId };
          if (!row) {
            insert.run(params);
            fresh++;
          } else {
            if (row.resolved_at !== null) fresh++;
            update.run(params);
          }
        }
        const accounts = results.snapshot.scope.accounts;
        const open = this.db.prepare('SELECT fingerprint, account FROM findings WHERE resolved_at IS NULL').all() as { fingerprint: string; account: string | null }[];
        const resolve = this.db.prepare('UPDATE findings SET resolved_at = ?, resolved_run_id = ? WHERE fingerprint = ?');
        let resolved = 0;
        for (const o of open) {
          if (seen.has(o.fingerprint)) continue;
          if (accounts.length > 0 && o.account !== null && !accounts.includes(o.account)) continue;
          resolve.run(at, runId, o.fingerprint);
          resolved++;
        }
        const saving = this.db.prepare('INSERT OR REPLACE INTO savings (run_id, fingerprint, rule_id, resource_id, monthly_cost, monthly_savings, currency) VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const sv of results.savings) saving.run(runId, sv.fingerprint, sv.ruleId, sv.resourceId, sv.monthlyCost, sv.monthlySavings, sv.currency);
        const targets = new Map<string, { resources: number; calls: number }>();
        for (const [target, resources] of resourcesByTarget) targets.set(target, { resources, calls: 0 });
        for (const row of results.coverage) {
          const key = targetKey(row);
          const t = targets.get(key) ?? { resources: 0, calls: 0 };
          t.calls += row.calls;
          targets.set(key, t);
        }
        const target = this.db.prepare('INSERT INTO run_targets (run_id, target, resources, calls) VALUES (?, ?, ?, ?)');
        for (const [key, t] of targets) target.run(runId, key, t.resources, t.calls);
        this.db.prepare('UPDATE runs SET new_findings = ?, resolved_findings = ? WHERE id = ?').run(fresh, resolved, runId);
        return { runId, newFindings: fresh, resolvedFindings: resolved };
      });
      return tx.immediate();
    } catch (e) {
      throw describeHistoryError(this.path, e);
    }
  }

  /** The last `limit` runs, oldest first. */
  trends(limit = 20): RunTrend[] {
    try {
      const rows = this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as Record<string, unknown>[];
      return rows.reverse().map((r) => ({
        runId: Number(r.id),
        generatedAt: String(r.generated_at),
        open: { critical: Number(r.open_critical), high: Number(r.open_high), medium: Number(r.open_medium), low: Number(r.open_low), info: Number(r.open_info) },
        suppressed: Number(r.suppressed),
        newFindings: Number(r.new_findings),
        resolvedFindings: Number(r.resolved_findings),
        coverageGaps: Number(r.coverage_gaps),
        policyErrors: Number(r.policy_errors),
        monthlySavingsTotal: Number(r.monthly_savings_total),
        currency: String(r.currency),
      }));
    } catch (e) {
      throw describeHistoryError(this.path, e);
    }
  }

  /**
   * Per target of the latest run that recorded targets: resources when known, else API calls (both
   * measure how long a target takes to collect). Undefined when no run has.
   */
  latestTargetWeights(): { runId: number; generatedAt: string; weights: Map<string, number> } | undefined {
    try {
      const run = this.db.prepare('SELECT r.id, r.generated_at FROM runs r WHERE EXISTS (SELECT 1 FROM run_targets t WHERE t.run_id = r.id) ORDER BY r.id DESC LIMIT 1').get() as { id: number; generated_at: string } | undefined;
      if (!run) return undefined;
      const rows = this.db.prepare('SELECT target, resources, calls FROM run_targets WHERE run_id = ?').all(run.id) as { target: string; resources: number; calls: number }[];
      const byResources = rows.some((r) => r.resources > 0);
      return { runId: run.id, generatedAt: run.generated_at, weights: new Map(rows.map((r) => [r.target, Math.max(1, byResources ? r.resources : r.calls)])) };
    } catch (e) {
      throw describeHistoryError(this.path, e);
    }
  }

  /** A finding's history row, for tests and tools. */
  finding(fingerprint: string): { firstSeen: string; lastSeen: string; resolvedAt: string | null } | undefined {
    const r = this.db.prepare('SELECT first_seen, last_seen, resolved_at FROM findings WHERE fingerprint = ?').get(fingerprint) as
      | { first_seen: string; last_seen: string; resolved_at: string | null }
      | undefined;
    return r ? { firstSeen: r.first_seen, lastSeen: r.last_seen, resolvedAt: r.resolved_at } : undefined;
  }

  close(): void {
    this.db.close();
  }
}

/** Copies history first-seen dates onto findings; findings never seen before get the run's date. */
export function withFirstSeen(results: Results, known: ReadonlyMap<string, string>): Results {
  return { ...results, findings: results.findings.map((f) => ({ ...f, firstSeen: known.get(f.fingerprint) ?? f.firstSeen ?? results.generatedAt })) };
}
