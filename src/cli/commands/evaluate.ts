/** `cloudwarden evaluate`: run the policies over a snapshot and write a results file. */
import { resolve } from 'node:path';
import { readSnapshot } from '../../graph/snapshot-io.js';
import type { JsonObject, Snapshot } from '../../graph/schema.js';
import { builtinEngine, evaluateChecks, type CheckEvaluation } from '../../policy/evaluate-checks.js';
import { BUILTIN_POLICY_DIR, loadPolicies, type LoadedPolicies } from '../../policy/load-policies.js';
import { opaWasmEngine } from '../../policy/wasm/opa-wasm-engine.js';
import { buildResults } from '../../results/build-results.js';
import type { Results } from '../../results/schema.js';
import { writeResultsJson } from '../../results/results-io.js';
import { InputError } from '../../util/errors.js';
import { stringList, stringValue, type CommandSpec, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Output } from '../output.js';
import type { CommandContext } from './context.js';
import { evaluateIfIncremental, INCREMENTAL_OPTIONS, recordCheckState } from '../../scale/incremental-cli.js';
import type { CheckFingerprint } from '../../scale/incremental.js';
import { COST_OPTIONS, formatSavingsSummary, runCostForCli } from '../../cost/cli.js';

export const POLICY_OPTIONS: Record<string, OptionSpec> = {
  policies: { type: 'string', multiple: true, value: 'DIR', description: 'extra policy folder (repeatable); checks follow the same layout and METADATA rules as policies/' },
  'no-builtin-policies': { type: 'boolean', description: 'do not load the policies that ship with cloudwarden' },
  engine: { type: 'string', value: 'builtin|opa-wasm', description: 'evaluator: the built-in Rego engine (default) or an opa-wasm bundle (needs --bundle)' },
  bundle: { type: 'string', value: 'FILE', description: "wasm bundle built by 'cloudwarden policies build', for --engine opa-wasm" },
  ...INCREMENTAL_OPTIONS,
};

export const evaluateSpec: CommandSpec = {
  name: 'evaluate',
  summary: 'run the policies over a snapshot and write a results file',
  usage: 'cloudwarden evaluate SNAPSHOT --out results.json [--policies DIR ...] [--no-builtin-policies] [--engine builtin|opa-wasm --bundle FILE]',
  options: {
    ...POLICY_OPTIONS,
    ...COST_OPTIONS,
    out: { type: 'string', short: 'o', value: 'FILE', description: 'results file to write (JSON); written atomically' },
  },
  positionals: { name: 'SNAPSHOT', description: 'snapshot file (.json or .json.gz)', min: 1, max: 1 },
  examples: ['cloudwarden evaluate snapshot.json.gz --out results.json', 'cloudwarden evaluate snapshot.json --policies ./my-policies --out results.json'],
};

/** The policy folders chosen by flags: built-in first, then the user's. */
export function policyFolders(values: ParsedArgs['values'], cwd: string, configFolders: readonly string[] = []): string[] {
  const user = [...configFolders, ...stringList(values, 'policies')].map((p) => resolve(cwd, p));
  const folders = values['no-builtin-policies'] === true ? user : [BUILTIN_POLICY_DIR, ...user];
  if (folders.length === 0) throw new InputError('--no-builtin-policies needs at least one --policies DIR');
  return folders;
}

/** Loads the policies and evaluates them with the chosen engine. */
export async function runEvaluation(
  cx: CommandContext,
  snapshot: Snapshot,
  now?: Date,
): Promise<{ policies: LoadedPolicies; evaluation: CheckEvaluation; engine: string; data: { cloudwarden: { params: JsonObject } }; fingerprints?: ReadonlyMap<string, CheckFingerprint> }> {
  const engineName = stringValue(cx.args.values, 'engine') ?? 'builtin';
  if (engineName !== 'builtin' && engineName !== 'opa-wasm') throw new InputError(`--engine: expected 'builtin' or 'opa-wasm', got '${engineName}'`);
  const bundle = stringValue(cx.args.values, 'bundle');
  if (engineName === 'opa-wasm' && !bundle) throw new InputError("--engine opa-wasm needs --bundle FILE (build one with 'cloudwarden policies build')");
  if (engineName === 'builtin' && bundle) throw new InputError('--bundle is only used with --engine opa-wasm');
  const policies = await loadPolicies(policyFolders(cx.args.values, cx.cwd, cx.config.policies?.folders));
  // Check parameters from cloudwarden.yaml, as the data document checks read (data.cloudwarden.params).
  const data = { cloudwarden: { params: (cx.config.policies?.params ?? {}) as JsonObject } };
  const engine = bundle
    ? await opaWasmEngine(resolve(cx.cwd, bundle), policies, snapshot, data)
    : builtinEngine(policies, snapshot, { printSink: (m) => cx.out.debug(`print: ${m}`), data, ...(now ? { now } : {}) });
  const t0 = performance.now();
  // With --previous-snapshot/--previous-results: reuse the findings of unchanged resources (docs/scale.md).
  const incremental = await evaluateIfIncremental(cx.args.values, cx.cwd, cx.out, policies, snapshot, { engine, data, printSink: (m) => cx.out.debug(`print: ${m}`), ...(now ? { now } : {}) });
  const evaluation = incremental?.evaluation ?? evaluateChecks(policies, snapshot, { engine });
  cx.out.debug(`evaluated ${policies.checks.length} checks with the ${engine.name} engine in ${(performance.now() - t0).toFixed(0)} ms`);
  return { policies, evaluation, engine: engine.name, data, ...(incremental ? { fingerprints: incremental.fingerprints } : {}) };
}

export function formatFindingsSummary(results: Results, out: Output): string {
  const s = results.summary;
  const sev = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((k) => `${s.findingsBySeverity[k]} ${k}`)
    .join(', ');
  const lines = [`${out.paint('1', 'Findings')}: ${s.openFindings} open (${sev})${s.suppressedFindings ? `, ${s.suppressedFindings} suppressed` : ''} from ${s.policiesEvaluated} checks over ${s.resources} resources`];
  for (const f of results.findings.filter((x) => !x.suppressed).slice(0, 15)) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.policyId}  ${f.message}`);
  }
  if (s.openFindings > 15) lines.push(`  … and ${s.openFindings - 15} more`);
  for (const e of results.policyErrors) lines.push(out.paint('31', `  ERROR    ${e.policyId}: ${e.message}`));
  return lines.join('\n');
}

export async function evaluateCommand(cx: CommandContext): Promise<number> {
  const outPath = stringValue(cx.args.values, 'out');
  if (!outPath) throw new InputError('evaluate: missing --out FILE (where to write the results, e.g. --out results.json)');
  const file = cx.args.positionals[0] ?? '';
  const snapshot = await readSnapshot(resolve(cx.cwd, file), { displayPath: file });
  const { policies, evaluation, fingerprints, data } = await runEvaluation(cx, snapshot);
  const cost = runCostForCli(cx, snapshot);
  const results = buildResults({ snapshot, policies: policies.checks.map((c) => c.info), findings: evaluation.findings, policyErrors: evaluation.errors, savings: cost.savings, pricingCatalog: cost.pricingCatalog });
  await writeResultsJson(resolve(cx.cwd, outPath), results);
  await recordCheckState(resolve(cx.cwd, outPath), policies, fingerprints, data);
  cx.out.result(`${formatFindingsSummary(results, cx.out)}\n${formatSavingsSummary(results.savings)}`);
  cx.out.info(`wrote ${outPath}`);
  if (evaluation.errors.length > 0) {
    cx.out.error(`${evaluation.errors.length} check(s) failed to evaluate; their findings are missing from ${outPath}`);
    return 2;
  }
  return 0;
}
