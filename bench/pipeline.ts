/**
 * End-to-end pipeline benchmark. Every stage timed separately, with the process's peak RSS after it:
 *
 *   generate → assemble (graph build) → snapshot write + read (.json.gz, validated) → policy
 *   evaluation (all built-in checks) → incremental evaluation (1% changed, vs full) → cost rules →
 *   every report format (HTML included)
 *
 * at each size (default 10k, 100k, 1M resources; one child process per size so the sizes do not
 * share a heap), plus collection through the fakes with injected latency:
 * - `collect`: a small Azure world (10 subscriptions × 500) through the fake ARM server;
 * - `org`: 200 subscriptions × 500 resources at 50 ms per request (the fake in its own process),
 *   wall time against the lower bound calls × latency ÷ concurrency.
 * Azure is the natural fit for "many accounts" here: its fake serves any number of subscriptions
 * from one in-memory world and subscriptions are listed, not assumed (no STS/Organizations setup).
 *
 *   npm run bench:pipeline                              # 10k, 100k, 1M + collect + org
 *   npm run bench:pipeline -- --sizes 10k,100k --no-org
 *
 * Prints a table and writes bench/results/pipeline-<date>.json with the machine's facts. Bounded:
 * every stage runs once; child processes are killed after --timeout minutes; only 127.0.0.1.
 */
import { fork } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Snapshot } from '../src/graph/schema.js';
import type { Saving } from '../src/results/schema.js';

interface StageResult {
  stage: string;
  seconds: number;
  peakRssMiB: number;
  rssMiB: number;
  note?: string;
}

interface SizeResult {
  resources: number;
  edges: number;
  stages: StageResult[];
  findings?: number;
  incremental?: Record<string, number | string>;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** Child processes run the built dist/ too (bench/use-dist.mjs), as the parent does. */
const CHILD_IMPORTS = ['--import', 'tsx', '--import', pathToFileURL(join(HERE, 'use-dist.mjs')).href];
const mib = (n: number): number => Math.round(n / 1024 / 1024);
const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed<T>(stages: StageResult[], stage: string, fn: () => T | Promise<T>, note?: string): Promise<T> {
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  stages.push({ stage, seconds: +seconds.toFixed(3), peakRssMiB: peak(), rssMiB: mib(process.memoryUsage().rss), ...(note ? { note } : {}) });
  process.stderr.write(`  [${stage}] ${seconds.toFixed(2)} s, peak RSS ${peak()} MiB\n`);
  return value;
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`--sizes: '${s}' is not a size like 10k, 100k, 1m`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1);
  if (n < 100 || n > 5e6) throw new Error(`--sizes: ${s} is outside 100..5m`);
  return Math.round(n);
}

// ---------------------------------------------------------------------------------------------
// Child: one size
// ---------------------------------------------------------------------------------------------

/** Phase 1 of a size (its own process): generate the world, build the graph, write the snapshot. */
async function runWorld(total: number, opts: { tmp: string }): Promise<SizeResult> {
  const { generateUnit, loadProfile, planWorld } = await import('./gen-world.js');
  const { assembleSnapshot } = await import('../src/graph/assemble.js');
  const { writeSnapshot } = await import('../src/graph/snapshot-io.js');
  const stages: StageResult[] = [];
  const profile = loadProfile();
  const plan = planWorld(total, profile);
  const NOW = new Date('2026-11-20T00:00:00Z');

  const fragments = await timed(stages, 'generate', () => {
    const acct = plan.accounts.map((a) => ({
      nodes: [{ id: a.provider === 'aws' ? `arn:aws:iam::${a.account}:root` : a.provider === 'gcp' ? `//cloudresourcemanager.googleapis.com/projects/${a.account}` : a.provider === 'azure' ? `/subscriptions/${a.account}` : `libvirt://${a.account}/host`, provider: a.provider, account: a.account, region: 'global', kind: 'account' as const, nativeType: `${a.provider}:account`, name: a.account, tags: {}, attrs: { displayName: a.account, parent: a.provider === 'libvirt' ? null : `${a.provider}-org` } }],
      edges: [],
    }));
    return [...acct, ...plan.units.map((u) => generateUnit(u, profile))];
  });
  let built: Snapshot | undefined = await timed(stages, 'assemble', () =>
    assembleSnapshot({ tool: { name: 'cloudwarden-bench', version: '0' }, startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(), scope: { providers: ['aws', 'azure', 'gcp', 'libvirt'], accounts: plan.accounts.map((a) => a.account).sort(), regions: [] }, fragments, coverage: [] }),
  );
  fragments.length = 0;
  await timed(stages, 'snapshot write (.json.gz)', () => writeSnapshot(worldFile(opts.tmp, total), built as Snapshot));
  const resources = built.nodes.length;
  const edges = built.edges.length;
  built = undefined;
  return { resources, edges, stages };
}

const worldFile = (tmp: string, total: number): string => join(tmp, `world-${total}.json.gz`);

/**
 * Phase 2 of a size (a fresh process, as a CI job running `cloudwarden evaluate` + `report` on a
 * snapshot): read, evaluate every built-in check, run the cost rules, write every report format.
 * Its peak RSS is the offline stages' own; the incremental comparison runs after it.
 */
async function runOffline(total: number, opts: { incremental: boolean; tmp: string }): Promise<SizeResult> {
  const { mutateWorld } = await import('./gen-world.js');
  const { readSnapshot } = await import('../src/graph/snapshot-io.js');
  const { BUILTIN_POLICY_DIR, loadPolicies } = await import('../src/policy/load-policies.js');
  const { evaluateChecks } = await import('../src/policy/evaluate-checks.js');
  const { buildResults } = await import('../src/results/build-results.js');
  const stages: StageResult[] = [];
  const NOW = new Date('2026-11-20T00:00:00Z');
  const snapshot = await timed(stages, 'snapshot read (validated)', () => readSnapshot(worldFile(opts.tmp, total)));
  const policies = await loadPolicies([BUILTIN_POLICY_DIR]);
  const evaluation = await timed(stages, `policy eval (${policies.checks.length} checks)`, () => evaluateChecks(policies, snapshot, { now: NOW }));
  if (evaluation.errors.length > 0) process.stderr.write(`  policy errors: ${JSON.stringify(evaluation.errors.slice(0, 3))}\n`);
  const slowest = [...evaluation.timings].sort((a, b) => b.ms - a.ms).slice(0, 3).map((t) => `${t.policyId} ${(t.ms / 1000).toFixed(1)}s`).join(', ');
  stages[stages.length - 1] = { ...(stages[stages.length - 1] as StageResult), note: `slowest: ${slowest}` };

  let savings: Saving[] = [];
  try {
    const { runCostRules, loadCostCatalog } = await import('../src/cost/engine.js');
    const catalog = loadCostCatalog();
    const cost = await timed(stages, 'cost rules', () => runCostRules(snapshot, { catalog, now: NOW }));
    savings = cost.savings;
  } catch (e) {
    stages.push({ stage: 'cost rules', seconds: NaN, peakRssMiB: peak(), rssMiB: mib(process.memoryUsage().rss), note: `skipped: ${(e as Error).message}` });
  }
  const results = buildResults({ snapshot, policies: policies.checks.map((c) => c.info), findings: evaluation.findings, savings, generatedAt: NOW });
  try {
    const { ALL_FORMATS } = await import('../src/report/registry.js');
    const { writeReports } = await import('../src/report/write-reports.js');
    // Each format streamed to its file as `scan` writes it; the file is removed once measured.
    const reportDir = join(opts.tmp, `reports-${total}`);
    for (const name of ALL_FORMATS) {
      const [file = ''] = await timed(stages, `report ${name}`, () => writeReports(reportDir, results, [name]));
      stages[stages.length - 1] = { ...(stages[stages.length - 1] as StageResult), note: `${mib(statSync(file).size)} MiB` };
      rmSync(file, { force: true });
    }
  } catch (e) {
    stages.push({ stage: 'reports', seconds: NaN, peakRssMiB: peak(), rssMiB: mib(process.memoryUsage().rss), note: `skipped: ${(e as Error).message}` });
  }
  const offline = stages.filter((x) => x.stage.startsWith('policy eval') || x.stage === 'cost rules' || x.stage.startsWith('report '));
  stages.push({ stage: 'offline stages (evaluate + cost + reports)', seconds: +offline.reduce((t, x) => t + (Number.isNaN(x.seconds) ? 0 : x.seconds), 0).toFixed(3), peakRssMiB: peak(), rssMiB: mib(process.memoryUsage().rss) });

  // Incremental: 1% of resources changed, against the full evaluation of the same changed world.
  let incremental: SizeResult['incremental'];
  if (opts.incremental) {
    const { evaluateIncrementally, fingerprintChecks, checkState } = await import('../src/scale/incremental.js');
    const fingerprints = await fingerprintChecks(policies);
    const current = { ...snapshot, nodes: [...snapshot.nodes] };
    mutateWorld(current, 0.01);
    const previous = { snapshot, results, checks: checkState(fingerprints) };
    const full = await timed(stages, 'eval full, 1% changed', () => evaluateChecks(policies, current, { now: NOW }));
    const inc = await timed(stages, 'eval incremental, 1% changed', () => evaluateIncrementally(policies, current, previous, { now: NOW, fingerprints }));
    const fullS = stages.at(-2)?.seconds ?? 0;
    const incS = stages.at(-1)?.seconds ?? 0;
    // The checks that declare their reach, alone: what reuse gives where the rule allows it.
    const reusedIds = new Set(inc.stats.reusedChecks);
    const declared = { ...policies, checks: policies.checks.filter((c) => reusedIds.has(c.info.id)) };
    const declaredPrev = { ...previous, results: { ...results, findings: results.findings.filter((f) => reusedIds.has(f.policyId)) } };
    await timed(stages, 'eval full, declared checks only', () => evaluateChecks(declared, current, { now: NOW }));
    await timed(stages, 'eval incremental, declared checks only', () => evaluateIncrementally(declared, current, declaredPrev, { now: NOW, fingerprints }));
    const declaredFull = stages.at(-2)?.seconds ?? 0;
    const declaredInc = stages.at(-1)?.seconds ?? 0;
    const same = JSON.stringify(full.findings.map((f) => f.fingerprint).sort()) === JSON.stringify(inc.evaluation.findings.map((f) => f.fingerprint).sort());
    incremental = {
      declaredChecks: reusedIds.size,
      checks: policies.checks.length,
      changedNodes: inc.stats.changedNodes,
      reducedNodes: inc.stats.reducedNodes,
      reusedFindings: inc.stats.reusedFindings,
      fullSeconds: fullS,
      incrementalSeconds: incS,
      speedup: +(fullS / Math.max(incS, 1e-6)).toFixed(2),
      declaredFullSeconds: declaredFull,
      declaredIncrementalSeconds: declaredInc,
      declaredSpeedup: +(declaredFull / Math.max(declaredInc, 1e-6)).toFixed(2),
      sameFindings: same ? 'yes' : 'NO',
      fullCheckIds: inc.stats.fullChecks.join(' '),
    };
  }
  return { resources: snapshot.nodes.length, edges: snapshot.edges.length, stages, findings: evaluation.findings.length, ...(incremental ? { incremental } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Collection through the Azure fake
// ---------------------------------------------------------------------------------------------

interface CollectResult {
  subscriptions: number;
  perSubscription: number;
  latencyMs: number;
  concurrency: number;
  perTargetConcurrency: number;
  resources: number;
  nodes: number;
  calls: number;
  wallSeconds: number;
  lowerBoundSeconds: number;
  wallOverBound: number;
  gaps: number;
  peakRssMiB: number;
  fakePeakRssMiB: number;
}

async function runCollect(subscriptions: number, perSubscription: number, latencyMs: number, concurrency: number, perTarget: number): Promise<CollectResult> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: [...CHILD_IMPORTS, '--max-old-space-size=4096'],
    env: { ...process.env, CW_PIPELINE_FAKE: JSON.stringify({ subscriptions, perSubscription, latencyMs }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ endpoint: string; resources: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { endpoint: string; resources: number }));
    child.once('exit', (code) => reject(new Error(`the fake Azure process exited (${String(code)})`)));
  });
  const { collectSnapshot, providerRun } = await import('../src/collectors/collect.js');
  const { azureProvider } = await import('../src/collectors/azure/index.js');
  const { fakeTokenCredential } = await import('../test/fake-clouds/azure/server.js');
  const t0 = performance.now();
  const outcome = await collectSnapshot([providerRun(azureProvider, { endpoint: ready.endpoint, credential: fakeTokenCredential })], {
    concurrency,
    perTargetConcurrency: perTarget,
    maxAttempts: 3,
    callTimeoutMs: 120_000,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 2_000,
  });
  const wall = (performance.now() - t0) / 1000;
  const done = new Promise<{ rssMiB: number }>((resolve) => child.once('message', (m) => resolve(m as { rssMiB: number })));
  child.send('stop');
  const { rssMiB } = await done;
  const calls = outcome.stats.total;
  const bound = (calls * latencyMs) / 1000 / concurrency;
  return {
    subscriptions, perSubscription, latencyMs, concurrency, perTargetConcurrency: perTarget,
    resources: ready.resources, nodes: outcome.snapshot.nodes.length, calls,
    wallSeconds: +wall.toFixed(2), lowerBoundSeconds: +bound.toFixed(2), wallOverBound: +(wall / bound).toFixed(2),
    gaps: outcome.snapshot.coverage.filter((r) => r.status !== 'ok').length, peakRssMiB: peak(), fakePeakRssMiB: rssMiB,
  };
}

async function fakeChild(p: { subscriptions: number; perSubscription: number; latencyMs: number }): Promise<void> {
  const { azureFakeWorld } = await import('./gen-world.js');
  const { startFakeAzure } = await import('../test/fake-clouds/azure/server.js');
  const world = azureFakeWorld(p.subscriptions, p.perSubscription);
  let resources = 0;
  for (const r of world.resources.values()) for (const list of Object.values(r)) resources += list.length;
  const fake = await startFakeAzure({ world: world as Parameters<typeof startFakeAzure>[0]['world'], latencyMs: p.latencyMs });
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(fake.endpoint)) throw new Error(`the fake must listen on 127.0.0.1, got ${fake.endpoint}`);
  process.send?.({ endpoint: fake.endpoint, resources });
  process.on('message', () => {
    void fake.close().then(() => process.send?.({ rssMiB: peak() }, () => process.exit(0)));
  });
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

function runChild(total: number, phase: 'world' | 'offline', incremental: boolean, timeoutMin: number, tmp: string): Promise<SizeResult> {
  const heap = total >= 500_000 ? 14_000 : 6_000;
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: [...CHILD_IMPORTS, `--max-old-space-size=${heap}`, '--max-semi-space-size=64'],
    env: { ...process.env, CW_PIPELINE_SIZE: JSON.stringify({ total, phase, incremental, tmp }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`size ${total}: over ${timeoutMin} min, killed`));
    }, timeoutMin * 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as SizeResult);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`size ${total}: child exited (${String(code)})`));
    });
  });
}

function table(sizes: SizeResult[]): string {
  const stageNames = [...new Set(sizes.flatMap((s) => s.stages.map((x) => x.stage)))];
  const head = ['stage', ...sizes.map((s) => `${s.resources.toLocaleString('en')} res: s / peak MiB`)];
  const rows = stageNames.map((name) => [name, ...sizes.map((s) => {
    const st = s.stages.find((x) => x.stage === name);
    return st ? `${Number.isNaN(st.seconds) ? '—' : st.seconds.toFixed(2)} / ${st.peakRssMiB}` : '';
  })]);
  // Scaling: time per resource relative to the next smaller size (1.0 = linear; a quadratic stage
  // shows 10 for a 10x step). Against the previous size rather than the smallest: the smallest
  // carries one-off costs (JIT warm-up, schema compilation, catalog and template loading).
  if (sizes.length > 1) {
    rows.push(['', ...sizes.map(() => '')]);
    for (const name of stageNames) {
      rows.push([`${name} (time/resource vs previous size)`, ...sizes.map((s, i) => {
        const prev = i > 0 ? sizes[i - 1] : undefined;
        const st = s.stages.find((x) => x.stage === name);
        const base = prev?.stages.find((x) => x.stage === name);
        if (!prev || !st || !base || !(base.seconds > 0)) return '';
        return ((st.seconds / s.resources) / (base.seconds / prev.resources)).toFixed(2);
      })]);
    }
  }
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

async function parent(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10k,100k,1m' },
      'incremental-max': { type: 'string', default: '100k', description: 'largest size that also runs the incremental comparison' },
      'no-org': { type: 'boolean', default: false },
      'no-collect': { type: 'boolean', default: false },
      'org-accounts': { type: 'string', default: '200' },
      'org-resources': { type: 'string', default: '500' },
      latency: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '64' },
      'per-target-concurrency': { type: 'string', default: '16' },
      timeout: { type: 'string', default: '40' },
      out: { type: 'string' },
    },
  });
  const sizes = (values.sizes ?? '').split(',').filter(Boolean).map(parseSize);
  const incMax = parseSize(values['incremental-max'] ?? '100k');
  const tmp = join(HERE, '..', 'tmp', 'bench-pipeline');
  mkdirSync(tmp, { recursive: true });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), os: `${osType()} ${release()}`, node: process.version, loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)) };
  console.error(`machine: ${JSON.stringify(machine)}`);
  const results: SizeResult[] = [];
  for (const total of sizes) {
    console.error(`size ${total.toLocaleString('en')}:`);
    const world = await runChild(total, 'world', false, Number(values.timeout), tmp);
    const offline = await runChild(total, 'offline', total <= incMax, Number(values.timeout), tmp);
    results.push({ ...offline, stages: [...world.stages, ...offline.stages] });
  }
  let collect: CollectResult | undefined;
  let org: CollectResult | undefined;
  const latency = Number(values.latency);
  const concurrency = Number(values.concurrency);
  const perTarget = Number(values['per-target-concurrency']);
  if (!values['no-collect']) {
    console.error('collect: 10 subscriptions × 500 through the Azure fake');
    collect = await runCollect(10, 500, latency, concurrency, perTarget);
  }
  if (!values['no-org']) {
    console.error(`org: ${values['org-accounts']} subscriptions × ${values['org-resources']} through the Azure fake, ${latency} ms per request`);
    org = await runCollect(Number(values['org-accounts']), Number(values['org-resources']), latency, concurrency, perTarget);
  }
  console.log(table(results));
  for (const r of results) if (r.incremental) console.log(`incremental at ${r.resources.toLocaleString('en')}: ${JSON.stringify(r.incremental)}`);
  for (const [name, c] of [['collect', collect], ['org', org]] as const) {
    if (c) console.log(`${name}: ${c.subscriptions} subscriptions × ${c.perSubscription} (${c.resources} ARM objects → ${c.nodes} nodes), ${c.calls} calls, wall ${c.wallSeconds} s vs lower bound ${c.lowerBoundSeconds} s (calls × ${c.latencyMs} ms ÷ ${c.concurrency}) = ${c.wallOverBound}×, gaps ${c.gaps}, peak RSS ${c.peakRssMiB} MiB (fake ${c.fakePeakRssMiB} MiB)`);
  }
  const doc = { date: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => +x.toFixed(2)) }, sizes: results, collect, org };
  const outFile = values.out ?? join(HERE, 'results', `pipeline-${new Date().toISOString().slice(0, 10)}.json`);
  mkdirSync(join(outFile, '..'), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${outFile}`);
}

if (process.env.CW_PIPELINE_SIZE) {
  const p = JSON.parse(process.env.CW_PIPELINE_SIZE) as { total: number; phase: 'world' | 'offline'; incremental: boolean; tmp: string };
  const r = p.phase === 'world' ? await runWorld(p.total, p) : await runOffline(p.total, p);
  process.send?.(r, () => process.exit(0));
} else if (process.env.CW_PIPELINE_FAKE) {
  await fakeChild(JSON.parse(process.env.CW_PIPELINE_FAKE) as { subscriptions: number; perSubscription: number; latencyMs: number });
} else {
  await parent();
}
