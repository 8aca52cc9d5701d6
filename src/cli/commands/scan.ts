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
import { writeResultsJson } from '../../results/results-io.js';
import { COLLECT_OPTIONS, runCollection } from './collect.js';
import { formatFindingsSummary, POLICY_OPTIONS, runEvaluation } from './evaluate.js';
import type { CommandContext } from './context.js';

export const scanSpec: CommandSpec = {
  name: 'scan',
  summary: 'collect and evaluate in one go (the CI command)',
  usage: 'cloudwarden scan (--demo | --provider NAME [options]) [--out DIR]',
  options: {
    demo: { type: 'boolean', description: 'scan the bundled demo world (no credentials needed)' },
    ...COLLECT_OPTIONS,
    ...POLICY_OPTIONS,
    out: { type: 'string', short: 'o', value: 'DIR', description: 'output folder (default ./cloudwarden-out): snapshot.json, results.json; each written atomically' },
  },
  examples: ['cloudwarden scan --demo --out out/', 'cloudwarden scan --provider libvirt --libvirt-uri qemu:///system --out nightly/'],
};

export async function scanCommand(cx: CommandContext): Promise<number> {
  const outDir = resolve(cx.cwd, stringValue(cx.args.values, 'out') ?? 'cloudwarden-out');
  const demo = cx.args.values.demo === true;
  if (demo && (cx.args.values.provider !== undefined || cx.args.values['libvirt-uri'] !== undefined)) {
    throw new InputError('scan: --demo scans the bundled demo world; it cannot be combined with --provider or --libvirt-uri');
  }
  const t0 = performance.now();
  let result: { snapshot: Snapshot; calls: Record<string, number> };
  if (demo) result = await collectDemo(cx);
  else result = await runCollection(cx);
  const seconds = (performance.now() - t0) / 1000;
  // The demo is evaluated as of its world's date, so its findings do not drift with the calendar.
  const { policies, evaluation } = await runEvaluation(cx, result.snapshot, demo ? DEMO_WORLD_DATE : undefined);
  const results = buildResults({ snapshot: result.snapshot, policies: policies.checks.map((c) => c.info), findings: evaluation.findings, policyErrors: evaluation.errors });
  await mkdir(outDir, { recursive: true });
  const snapshotPath = join(outDir, 'snapshot.json');
  const resultsPath = join(outDir, 'results.json');
  await writeSnapshot(snapshotPath, result.snapshot);
  await writeResultsJson(resultsPath, results);
  cx.out.result(`${formatCollectSummary(result.snapshot, result.calls, cx.out, seconds)}\n${formatFindingsSummary(results, cx.out)}`);
  cx.out.info(`wrote ${snapshotPath} and ${resultsPath}`);
  if (evaluation.errors.length > 0) {
    cx.out.error(`${evaluation.errors.length} check(s) failed to evaluate; their findings are missing`);
    return 2;
  }
  return 0;
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
