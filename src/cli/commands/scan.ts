/**
 * `cloudwarden scan`: the one command CI runs: collect (or the demo world), evaluate the policies,
 * and write the snapshot and the results into the output folder. Cost and reports join as they land.
 */
import { resolve, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Snapshot } from '../../graph/schema.js';
import { writeSnapshot } from '../../graph/snapshot-io.js';
import { collectDemoWorld, DEMO_WORLD_DATE, virshAvailable } from '../../demo/demo-world.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import { formatCollectSummary } from '../summary.js';
import { resolveCollectOptions } from '../settings.js';
import { buildResults } from '../../results/build-results.js';
import { COLLECT_OPTIONS, runCollection } from './collect.js';
import { formatFindingsSummary, POLICY_OPTIONS, runEvaluation } from './evaluate.js';
import { recordCheckState } from '../../scale/incremental-cli.js';
import type { CommandContext } from './context.js';
import { EXIT_CODE_HELP, finishRun, GATE_OPTIONS, HISTORY_OPTIONS, prepareCi, REPORT_FORMAT_OPTIONS, type CiInputs } from './ci-pipeline.js';
import type { Results } from '../../results/schema.js';
import { checkCostSettings, COST_OPTIONS, formatSavingsSummary, runCostForCli } from '../../cost/cli.js';
import { prepareLeakScan, SCAN_PATH_OPTIONS } from './secrets.js';

export const scanSpec: CommandSpec = {
  name: 'scan',
  summary: 'collect and evaluate in one go (the CI command)',
  usage: 'cloudwarden scan (--demo | --provider NAME [options]) [--out DIR]',
  options: {
    demo: { type: 'boolean', description: 'scan the bundled demo world (no credentials needed)' },
    ...COLLECT_OPTIONS,
    ...POLICY_OPTIONS,
    ...COST_OPTIONS,
    ...GATE_OPTIONS,
    ...REPORT_FORMAT_OPTIONS,
    ...HISTORY_OPTIONS,
    ...SCAN_PATH_OPTIONS,
    out: { type: 'string', short: 'o', value: 'DIR', description: 'output folder (default ./cloudwarden-out): snapshot.json, results.json and the reports (report.html, findings.csv, savings.csv, results.sarif, junit.xml, summary.md); each written atomically' },
  },
  examples: [
    'cloudwarden scan --demo --out out/',
    'cloudwarden scan --provider libvirt --libvirt-uri qemu:///system --out nightly/',
    'cloudwarden scan --provider aws --out out/ --fail-on high --baseline last/results.json --fail-on-new-only',
    ...EXIT_CODE_HELP,
  ],
};

export async function scanCommand(cx: CommandContext): Promise<number> {
  checkCostSettings(cx);
  const outDir = resolve(cx.cwd, stringValue(cx.args.values, 'out') ?? 'cloudwarden-out');
  const demo = cx.args.values.demo === true;
  const ci = await prepareCi(cx);
  const leakScan = await prepareLeakScan(cx);
  if (demo && (cx.args.values.provider !== undefined || cx.args.values['libvirt-uri'] !== undefined)) {
    throw new InputError('scan: --demo scans the bundled demo world; it cannot be combined with --provider or --libvirt-uri');
  }
  const t0 = performance.now();
  let result: { snapshot: Snapshot; calls: Record<string, number> };
  if (demo) result = await collectDemo(cx);
  else result = await runCollection(cx);
  const seconds = (performance.now() - t0) / 1000;
  // The demo is evaluated as of its world's date, so its findings do not drift with the calendar.
  const { policies, evaluation, fingerprints, data } = await runEvaluation(cx, result.snapshot, demo ? DEMO_WORLD_DATE : undefined);
  const cost = runCostForCli(cx, result.snapshot, demo ? DEMO_WORLD_DATE : undefined);
  // --scan-path: leaked keys in files, matched to this snapshot's IAM inventory, join the findings.
  const leaks = leakScan ? await leakScan(result.snapshot) : { findings: [], policies: [] };
  const results = buildResults({ snapshot: result.snapshot, policies: [...policies.checks.map((c) => c.info), ...leaks.policies], findings: [...evaluation.findings, ...leaks.findings], policyErrors: evaluation.errors, savings: cost.savings, pricingCatalog: cost.pricingCatalog });
  await mkdir(outDir, { recursive: true });
  const snapshotPath = join(outDir, 'snapshot.json');
  await writeSnapshot(snapshotPath, result.snapshot);
  cx.out.info(`wrote ${snapshotPath}`);
  // Beside results.json: which checks ran, so the next scan can be incremental (--previous-results).
  await recordCheckState(join(outDir, 'results.json'), policies, fingerprints, data);
  return finishScan(cx, ci, results, result.snapshot, outDir, (r) => cx.out.result(`${formatCollectSummary(result.snapshot, result.calls, cx.out, seconds)}\n${formatFindingsSummary(r, cx.out)}\n${formatSavingsSummary(r.savings)}`));
}

/** Suppressions, baseline, history, the results and report files, then the CI gate (see ci-pipeline.ts). */
async function finishScan(cx: CommandContext, ci: CiInputs, results: Results, snapshot: Snapshot, outDir: string, printSummary: (r: Results) => void): Promise<number> {
  const formats = ci.formats.includes('json') ? ci.formats : [...ci.formats, 'json' as const];
  return finishRun(cx, results, { outDir, ci, formats, snapshot, useHistory: true, printSummary });
}

async function collectDemo(cx: CommandContext): Promise<{ snapshot: Snapshot; calls: Record<string, number> }> {
  const options = resolveCollectOptions(cx.args.values, cx.env, cx.config);
  const virsh = virshAvailable();
  if (virsh) cx.out.info('scanning the demo world: AWS, GCP and Azure from their export files, the libvirt host through virsh and its test driver');
  else cx.out.warn('virsh not found (Debian/Ubuntu: apt-get install libvirt-clients): the demo libvirt host is imported from its XML instead');
  const demo = await collectDemoWorld({ ...options, onProgress: (e) => cx.out.progress(e), onDebug: (m) => cx.out.debug(m) });
  cx.out.clearBar();
  return { snapshot: demo.snapshot, calls: demo.calls };
}
