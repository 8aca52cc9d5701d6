/**
 * The CI gate: turns a results document into an exit code.
 *
 * - 2 (error) when the run is incomplete: a check failed to evaluate (`policyErrors`), or a
 *   collector call ended in `error` (or `denied`) and the user did not accept a partial scan with
 *   `--allow-partial` (`--allow-denied` accepts `denied` rows only). `skipped` rows are deliberate
 *   and never fail the run. An incomplete run never exits 0 silently: missing data is not "clean".
 * - 1 (gate failed) when the run is complete and unsuppressed findings at or above `--fail-on`
 *   remain (with `--fail-on-new-only`, only those the baseline marks `new`).
 * - 0 otherwise.
 * When both apply, 2 wins: the reasons list says both.
 */
import type { CoverageRow } from '../graph/schema.js';
import type { Finding, Results, Severity } from '../results/schema.js';
import { SEVERITIES } from '../results/schema.js';

export const GATE_EXIT = { passed: 0, failed: 1, error: 2 } as const;

export interface GateOptions {
  /** Fail on unsuppressed findings at or above this severity; null: findings never fail the run. */
  failOn: Severity | null;
  /** Only findings the baseline marks `new` count (needs a baseline). */
  newOnly: boolean;
  /** Accept coverage rows with status `error` or `denied`. */
  allowPartial: boolean;
  /** Accept coverage rows with status `denied` (missing permissions) but not `error`. */
  allowDenied: boolean;
}

export type GateStatus = 'passed' | 'failed' | 'error';

export interface GateVerdict {
  status: GateStatus;
  exitCode: 0 | 1 | 2;
  failOn: Severity | null;
  newOnly: boolean;
  /** Findings that fail the gate. */
  failing: Finding[];
  /** Coverage rows that make the run incomplete (not accepted by the flags). */
  incompleteCoverage: CoverageRow[];
  /** Coverage gaps the flags accepted (reported as warnings). */
  acceptedGaps: CoverageRow[];
  policyErrors: number;
  /** One line per reason, for logs and the Markdown summary. */
  reasons: string[];
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);

/** True when `severity` is at or above `threshold` (critical is the highest). */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return rank(severity) <= rank(threshold);
}

export function parseSeverity(text: string, flag: string): Severity {
  const s = text.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(s)) return s as Severity;
  throw new Error(`${flag}: expected one of ${SEVERITIES.join(', ')}, got '${text}'`);
}

export function evaluateGate(results: Results, options: GateOptions): GateVerdict {
  const reasons: string[] = [];
  const incompleteCoverage: CoverageRow[] = [];
  const acceptedGaps: CoverageRow[] = [];
  for (const row of results.coverage) {
    if (row.status !== 'error' && row.status !== 'denied') continue;
    const accepted = options.allowPartial || (row.status === 'denied' && options.allowDenied);
    (accepted ? acceptedGaps : incompleteCoverage).push(row);
  }
  const failing =
    options.failOn === null
      ? []
      : results.findings.filter((f) => !f.suppressed && atOrAbove(f.severity, options.failOn as Severity) && (!options.newOnly || f.baseline === 'new'));
  if (results.policyErrors.length > 0) reasons.push(`${results.policyErrors.length} check(s) failed to evaluate: their findings are missing`);
  if (incompleteCoverage.length > 0) {
    const errors = incompleteCoverage.filter((r) => r.status === 'error').length;
    const denied = incompleteCoverage.length - errors;
    const parts = [errors ? `${errors} failed` : '', denied ? `${denied} denied` : ''].filter(Boolean).join(' and ');
    const hint = errors ? '--allow-partial' : '--allow-denied or --allow-partial';
    reasons.push(`the scan is incomplete: ${parts} collector call(s) (pass ${hint} to accept a partial scan)`);
  }
  if (failing.length > 0) {
    reasons.push(`${failing.length} ${options.newOnly ? 'new ' : ''}unsuppressed finding(s) at or above ${options.failOn ?? ''}`);
  }
  const error = results.policyErrors.length > 0 || incompleteCoverage.length > 0;
  const status: GateStatus = error ? 'error' : failing.length > 0 ? 'failed' : 'passed';
  if (status === 'passed') {
    reasons.push(options.failOn === null ? 'no --fail-on threshold: findings do not fail the run' : `no ${options.newOnly ? 'new ' : ''}unsuppressed finding at or above ${options.failOn}`);
  }
  return {
    status,
    exitCode: GATE_EXIT[status],
    failOn: options.failOn,
    newOnly: options.newOnly,
    failing,
    incompleteCoverage,
    acceptedGaps,
    policyErrors: results.policyErrors.length,
    reasons,
  };
}
