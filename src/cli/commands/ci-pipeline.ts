/**
 * What `scan` and `report` do after the results exist: suppressions, baseline, first-seen dates
 * from the run history, the report files (each atomic), the history record, then the CI gate.
 * Order matters: the report files are written before the history is touched, so a corrupt or
 * locked history database (exit 2 with its message) never costs the run's results.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot } from '../../graph/schema.js';
import { applyBaseline } from '../../ci/baseline.js';
import { evaluateGate, parseSeverity, type GateOptions, type GateVerdict } from '../../ci/gate.js';
import { applySuppressions, DEFAULT_SUPPRESSIONS_FILE, loadSuppressions, suppressionWarnings, type Suppression } from '../../ci/suppressions.js';
import { DEFAULT_HISTORY_FILE, HistoryDb, HistoryError, withFirstSeen } from '../../history/history-db.js';
import { ALL_FORMATS, resolveFormats, type ReportFormatName } from '../../report/registry.js';
import { writeReports } from '../../report/write-reports.js';
import { readResultsJson } from '../../results/results-io.js';
import type { Results } from '../../results/schema.js';
import { InputError } from '../../util/errors.js';
import { stringList, stringValue, type OptionSpec, type ParsedArgs } from '../args.js';
import type { CommandContext } from './context.js';
import { targetKey } from '../../scale/shard.js';

export const GATE_OPTIONS: Record<string, OptionSpec> = {
  'fail-on': { type: 'string', value: 'SEVERITY', description: 'exit 1 when unsuppressed findings at or above critical|high|medium|low|info remain' },
  'fail-on-new-only': { type: 'boolean', description: 'with --baseline: only findings new since the baseline fail the gate' },
  'allow-partial': { type: 'boolean', description: "accept an incomplete scan: collector calls that failed ('error') or were denied do not make the run exit 2" },
  'allow-denied': { type: 'boolean', description: "accept denied collector calls (missing permissions) but not failed ones" },
  baseline: { type: 'string', value: 'FILE', description: 'earlier results.json: mark findings new/existing by fingerprint and list resolved ones' },
  suppressions: { type: 'string', value: 'FILE', description: `suppressions file (default ./${DEFAULT_SUPPRESSIONS_FILE} when present): reason required, optional expiry` },
};

export const REPORT_FORMAT_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', multiple: true, value: 'LIST', description: `report formats, comma-separated: html, csv, sarif, junit, md, json (or ${ALL_FORMATS.join(', ')}, all); default all` },
  'csv-bom': { type: 'boolean', description: 'start CSV files with a UTF-8 byte order mark (for Excel)' },
};

export const HISTORY_OPTIONS: Record<string, OptionSpec> = {
  history: { type: 'string', value: 'FILE', description: `run history database (SQLite; default ./${DEFAULT_HISTORY_FILE}): first seen, resolved, trends` },
  'no-history': { type: 'boolean', description: 'do not read or record the run history' },
};

/** Exit-code rules, for help texts. */
export const EXIT_CODE_HELP = [
  'Exit codes: 0 passed; 1 the --fail-on gate failed; 2 error: bad input, a check that failed to evaluate,',
  "a collector call that failed or was denied (unless --allow-partial / --allow-denied), or an unusable history database.",
];

export function gateOptionsFrom(values: ParsedArgs['values']): GateOptions {
  const failOnText = stringValue(values, 'fail-on');
  let failOn: GateOptions['failOn'] = null;
  if (failOnText !== undefined) {
    try {
      failOn = parseSeverity(failOnText, '--fail-on');
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  }
  const newOnly = values['fail-on-new-only'] === true;
  if (newOnly && stringValue(values, 'baseline') === undefined) throw new InputError('--fail-on-new-only needs --baseline FILE (the results to compare with)');
  if (newOnly && failOn === null) throw new InputError('--fail-on-new-only needs --fail-on SEVERITY');
  return { failOn, newOnly, allowPartial: values['allow-partial'] === true, allowDenied: values['allow-denied'] === true };
}

export function formatsFrom(values: ParsedArgs['values']): ReportFormatName[] {
  const names = stringList(values, 'format');
  try {
    return names.length === 0 ? [...ALL_FORMATS] : resolveFormats(names);
  } catch (e) {
    throw new InputError(`--format: ${(e as Error).message}`);
  }
}

/** The CI inputs, read and checked before a long collection so a typo fails at once. */
export interface CiInputs {
  gate: GateOptions;
  formats: ReportFormatName[];
  suppressions: Suppression[] | null;
  baseline: Results | null;
}

export async function prepareCi(cx: CommandContext): Promise<CiInputs> {
  const gate = gateOptionsFrom(cx.args.values);
  const formats = formatsFrom(cx.args.values);
  const explicit = stringValue(cx.args.values, 'suppressions');
  const suppressionsPath = resolve(cx.cwd, explicit ?? DEFAULT_SUPPRESSIONS_FILE);
  const suppressions = explicit !== undefined || existsSync(suppressionsPath) ? await loadSuppressions(suppressionsPath, explicit ?? DEFAULT_SUPPRESSIONS_FILE) : null;
  const baselinePath = stringValue(cx.args.values, 'baseline');
  const baseline = baselinePath !== undefined ? await readResultsJson(resolve(cx.cwd, baselinePath), baselinePath) : null;
  return { gate, formats, suppressions, baseline };
}

export interface FinishOptions {
  outDir: string;
  /** From `prepareCi`; the report formats may be extended by the caller (scan always writes JSON). */
  ci: CiInputs;
  formats: ReportFormatName[];
  /** The snapshot, when there is one: resource tags for suppressions. */
  snapshot?: Snapshot;
  /** Read first-seen dates from and record the run in the history database. */
  useHistory: boolean;
  /** Prints the results summary (after suppressions and baseline). */
  printSummary?: (results: Results) => void;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Suppressions, baseline, history, reports, gate. Returns the exit code. */
export async function finishRun(cx: CommandContext, input: Results, options: FinishOptions): Promise<number> {
  const { gate: gateOptions, suppressions: entries, baseline } = options.ci;
  let results = input;
  const warnings: string[] = [];

  if (entries) {
    const tags = new Map(options.snapshot?.nodes.map((n) => [n.id, n.tags]) ?? []);
    if (!options.snapshot && entries.some((e) => Object.keys(e.tags).length > 0)) {
      cx.out.warn('suppressions with tags need the snapshot: they match nothing when reporting from a results file');
    }
    const outcome = applySuppressions(results, entries, { today: today(), tagsOf: (id) => tags.get(id) });
    results = outcome.results;
    warnings.push(...suppressionWarnings(outcome));
    cx.out.debug(`suppressions: ${entries.length} entries, ${results.summary.suppressedFindings} finding(s) suppressed`);
  }

  if (baseline) results = applyBaseline(results, baseline);

  let history: HistoryDb | null = null;
  let historyError: HistoryError | null = null;
  const historyPath = resolve(cx.cwd, stringValue(cx.args.values, 'history') ?? DEFAULT_HISTORY_FILE);
  if (options.useHistory && cx.args.values['no-history'] !== true) {
    try {
      history = HistoryDb.open(historyPath);
      results = withFirstSeen(results, history.firstSeen(results.findings.map((f) => f.fingerprint)));
    } catch (e) {
      if (!(e instanceof HistoryError)) throw e;
      history?.close();
      history = null;
      historyError = e;
    }
  }

  for (const w of warnings) cx.out.warn(w);
  const gate: GateVerdict = evaluateGate(results, gateOptions);
  options.printSummary?.(results);

  try {
    const runWarnings = historyError ? [`${historyError.message}: this run is not recorded in the history (exit 2)`] : [];
    const written = await writeReports(options.outDir, results, options.formats, { gate, suppressionWarnings: warnings, runWarnings, bom: cx.args.values['csv-bom'] === true });
    cx.out.info(`wrote ${written.join(', ')}`);
    if (history) {
      try {
        const resources = new Map<string, number>();
        for (const n of options.snapshot?.nodes ?? []) resources.set(targetKey(n), (resources.get(targetKey(n)) ?? 0) + 1);
        const run = history.recordRun(results, resources);
        cx.out.info(`history: run ${run.runId} recorded in ${historyPath} (${run.newFindings} new, ${run.resolvedFindings} resolved)`);
      } catch (e) {
        if (!(e instanceof HistoryError)) throw e;
        historyError = e;
      }
    }
  } finally {
    history?.close();
  }

  for (const row of gate.acceptedGaps.slice(0, 5)) cx.out.warn(`accepted coverage gap (${row.status}): ${row.provider}/${row.account} ${row.service}.${row.operation}${row.message ? `: ${row.message}` : ''}`);
  const line = `Gate: ${gate.status} (exit ${gate.exitCode}): ${gate.reasons.join('; ')}`;
  if (gate.status === 'passed') cx.out.info(line);
  else cx.out.error(line);
  if (historyError) {
    cx.out.error(`${historyError.message}. The report files were written; the run was not recorded in the history.`);
    return 2;
  }
  return gate.exitCode;
}
