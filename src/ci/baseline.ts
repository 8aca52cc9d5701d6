/**
 * Baselines and diffs by finding fingerprint (policy id + resource id + discriminator), so a
 * finding keeps its identity across runs whatever its message says.
 */
import { summarize } from '../results/build-results.js';
import type { Finding, Results } from '../results/schema.js';

/** Marks each finding `new` or `existing` against `baseline`, and lists the baseline's findings that are gone. */
export function applyBaseline(results: Results, baseline: Results): Results {
  const before = new Map(baseline.findings.map((f) => [f.fingerprint, f]));
  const now = new Set(results.findings.map((f) => f.fingerprint));
  // An existing finding keeps the baseline's first-seen date when this run has none (no history).
  const findings = results.findings.map((f) => {
    const old = before.get(f.fingerprint);
    return old ? { ...f, baseline: 'existing' as const, firstSeen: f.firstSeen ?? old.firstSeen } : { ...f, baseline: 'new' as const };
  });
  const resolved = baseline.findings.filter((f) => !now.has(f.fingerprint)).map((f) => ({ ...f, baseline: null }));
  const next: Results = { ...results, findings, resolved };
  next.summary = summarize(next, results.snapshot.resources);
  return next;
}

export interface ResultsDiff {
  new: Finding[];
  resolved: Finding[];
  unchanged: Finding[];
}

/** Findings of `after` not in `before` (new), of `before` not in `after` (resolved), and in both. */
export function diffResults(before: Results, after: Results): ResultsDiff {
  const a = new Set(before.findings.map((f) => f.fingerprint));
  const b = new Set(after.findings.map((f) => f.fingerprint));
  return {
    new: after.findings.filter((f) => !a.has(f.fingerprint)),
    resolved: before.findings.filter((f) => !b.has(f.fingerprint)),
    unchanged: after.findings.filter((f) => a.has(f.fingerprint)),
  };
}
