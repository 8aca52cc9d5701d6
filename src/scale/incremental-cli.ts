/** The `--previous-snapshot` / `--previous-results` flags of `evaluate` and `scan`. */
import { resolve } from 'node:path';
import type { OptionSpec, ParsedArgs } from '../cli/args.js';
import { stringValue } from '../cli/args.js';
import type { Output } from '../cli/output.js';
import { readSnapshot } from '../graph/snapshot-io.js';
import type { Snapshot } from '../graph/schema.js';
import type { CheckEvaluation, DenyEngine, EvaluateChecksOptions } from '../policy/evaluate-checks.js';
import type { LoadedPolicies } from '../policy/load-policies.js';
import { readResultsJson } from '../results/results-io.js';
import { InputError } from '../util/errors.js';
import { checkStatePath, evaluateIncrementally, fingerprintChecks, readCheckState, writeCheckState, type CheckFingerprint } from './incremental.js';

export const INCREMENTAL_OPTIONS: Record<string, OptionSpec> = {
  'previous-snapshot': { type: 'string', value: 'FILE', description: 'incremental run: the previous snapshot; unchanged resources reuse their findings (with --previous-results)' },
  'previous-results': { type: 'string', value: 'FILE', description: 'incremental run: the previous results file (its .checks.json beside it says which checks are unchanged)' },
};

export interface IncrementalRun {
  evaluation: CheckEvaluation;
  fingerprints: ReadonlyMap<string, CheckFingerprint>;
}

/** Evaluates incrementally when both flags are given; undefined otherwise (evaluate in full). */
export async function evaluateIfIncremental(
  values: ParsedArgs['values'],
  cwd: string,
  out: Output,
  policies: LoadedPolicies,
  snapshot: Snapshot,
  options: EvaluateChecksOptions & { engine: DenyEngine },
): Promise<IncrementalRun | undefined> {
  const prevSnapshot = stringValue(values, 'previous-snapshot');
  const prevResults = stringValue(values, 'previous-results');
  if (prevSnapshot === undefined && prevResults === undefined) return undefined;
  if (prevSnapshot === undefined || prevResults === undefined) throw new InputError('--previous-snapshot and --previous-results go together (the snapshot and the results of the same earlier run)');
  if (options.engine.name !== 'builtin') throw new InputError('incremental evaluation (--previous-snapshot) needs the built-in engine');
  const [snapshotPrev, resultsPrev, state] = await Promise.all([
    readSnapshot(resolve(cwd, prevSnapshot), { displayPath: prevSnapshot }),
    readResultsJson(resolve(cwd, prevResults), prevResults),
    readCheckState(resolve(cwd, prevResults), prevResults),
  ]);
  if (!state) out.warn(`${checkStatePath(prevResults)} not found: every check is evaluated in full (the next run can be incremental)`);
  const t0 = performance.now();
  const run = await evaluateIncrementally(policies, snapshot, { snapshot: snapshotPrev, results: resultsPrev, checks: state }, options);
  const s = run.stats;
  out.info(
    `incremental: ${s.changedNodes} of ${s.nodes} resources changed (${s.removedNodes} removed); ${s.reusedChecks.length} checks reused ${s.reusedFindings} findings and ran on ${s.reducedNodes} nodes, ${s.fullChecks.length} ran in full (${(performance.now() - t0).toFixed(0)} ms)`,
  );
  return { evaluation: run.evaluation, fingerprints: run.fingerprints };
}

/** Writes `<results>.checks.json` beside a results file, so the next run can be incremental. */
export async function recordCheckState(resultsPath: string, policies: LoadedPolicies, fingerprints: ReadonlyMap<string, CheckFingerprint> | undefined, data: unknown): Promise<void> {
  await writeCheckState(resultsPath, fingerprints ?? (await fingerprintChecks(policies, data)));
}
