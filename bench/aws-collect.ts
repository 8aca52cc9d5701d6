/**
 * AWS collection benchmark: the real SDK v3 clients against the fake AWS serving a generated world
 * (default 5,000 buckets and 10,000 instances across 4 regions) with injected latency per request
 * (default 50 ms). The fake runs in a child process so that it does not share the collector's
 * event loop (or core). Prints wall time, calls per service, calls per bucket, peak RSS and the lower bound
 * `calls × latency ÷ concurrency`.
 *
 *   npm run bench:aws
 *   npm run bench:aws -- --buckets 500 --instances 1000 --latency 50 --concurrency 32
 *   npm run bench:aws -- --accounts 200 --buckets 10 --instances 490 --concurrency 64   # an organization:
 *     the management account plus 200 members reached through AssumeRole, each with these resources
 *
 * Targets: S3 detail calls per bucket ≤ 9 (the operations listed in the README); wall time within
 * 1.5× of the lower bound.
 */
import { fork } from 'node:child_process';

// The bin silences the AWS SDK's Node 20 notice; so does the bench (the project pins Node 20 on purpose).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface FakeParams {
  buckets: number;
  instances: number;
  latencyMs: number;
  /** Member accounts of an organization (0: one standalone account). Each gets the same resources. */
  accounts: number;
}

if (process.env.CW_BENCH_FAKE !== undefined) {
  // Child: build the world and serve it until told to stop, then report the fake's call counts.
  const { generateAwsOrgWorld, generateAwsWorld, startFakeAws } = await import('../test/fake-clouds/aws/index.js');
  const p = JSON.parse(process.env.CW_BENCH_FAKE) as FakeParams;
  const world = p.accounts > 0 ? generateAwsOrgWorld({ members: p.accounts, buckets: p.buckets, instances: p.instances }) : generateAwsWorld({ buckets: p.buckets, instances: p.instances });
  const fake = await startFakeAws({ world, latencyMs: p.latencyMs });
  process.send?.({ port: fake.port, rssMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
  process.on('message', () => {
    void fake.close().then(() => {
      const cpu = process.cpuUsage();
      process.send?.({ counts: fake.callCounts, rssMiB: Math.round(process.resourceUsage().maxRSS / 1024), cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2) }, () => process.exit(0));
    });
  });
} else {
  const { values } = parseArgs({
    options: {
      buckets: { type: 'string', default: '5000' },
      instances: { type: 'string', default: '10000' },
      latency: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '16' },
      accounts: { type: 'string', default: '0' },
      'per-target-concurrency': { type: 'string', default: '16' },
    },
  });
  const num = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected a whole number of at least ${min}, got ${String(v)}`);
    return n;
  };
  const params: FakeParams = { buckets: num('buckets', values.buckets, 1), instances: num('instances', values.instances, 1), latencyMs: num('latency', values.latency, 0), accounts: num('accounts', values.accounts, 0) };
  const perTarget = num('per-target-concurrency', values['per-target-concurrency'], 1);
  const concurrency = num('concurrency', values.concurrency, 1);

  const { collectSnapshot, providerRun } = await import('../src/collectors/collect.js');
  const { awsProvider } = await import('../src/collectors/aws/index.js');
  const { GENERATED_IDENTITY } = await import('../test/fake-clouds/aws/index.js');

  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, CW_BENCH_FAKE: JSON.stringify(params) }, stdio: ['ignore', 'inherit', 'ignore', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake AWS process exited (${String(code)})`)));
  });
  const load0 = loadavg()[0] ?? 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await collectSnapshot(
    [
      providerRun(awsProvider, {
        endpoint: `http://localhost:${port}`,
        // Path-style: one connection pool for every bucket (virtual-hosted names are one host each).
        s3ForcePathStyle: true,
        region: 'us-east-1',
        credentials: { accessKeyId: GENERATED_IDENTITY.accessKeyId, secretAccessKey: GENERATED_IDENTITY.secretAccessKey },
        now: () => new Date('2026-11-20T00:00:00Z'),
        ...(params.accounts > 0 ? { organization: { roleName: 'OrganizationAccountAccessRole' } } : {}),
      }),
    ],
    { concurrency, perTargetConcurrency: Math.min(perTarget, concurrency), maxAttempts: 3, callTimeoutMs: 60_000, retryBaseDelayMs: 100, retryMaxDelayMs: 5_000 },
  );
  const wallMs = performance.now() - t0;
  const done = new Promise<{ counts: Record<string, number>; rssMiB: number; cpuSeconds: number }>((resolve) => child.once('message', (m: { counts: Record<string, number>; rssMiB: number; cpuSeconds: number }) => resolve(m)));
  child.send('stop');
  const { counts, rssMiB: fakeRssMiB, cpuSeconds: fakeCpuSeconds } = await done;

  const stats = outcome.stats.toJSON();
  const calls = outcome.stats.total;
  const bucketDetail = Object.entries(counts).filter(([k]) => k.startsWith('s3:Get')).reduce((n, [, v]) => n + v, 0);
  const boundMs = (calls * params.latencyMs) / concurrency;
  const gaps = outcome.snapshot.coverage.filter((c) => c.status !== 'ok');
  const kinds: Record<string, number> = {};
  for (const n of outcome.snapshot.nodes) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
  const report = {
    world: { ...params, regions: 4, targets: new Set(outcome.snapshot.nodes.map((n) => n.account)).size },
    concurrency,
    wallSeconds: +(wallMs / 1000).toFixed(2),
    lowerBoundSeconds: +(boundMs / 1000).toFixed(2),
    wallOverBound: +(wallMs / boundMs).toFixed(2),
    calls,
    callsPerService: stats,
    // Every account of the world holds `buckets` buckets: the management account and its members.
    s3DetailCallsPerBucket: +(bucketDetail / (params.buckets * (params.accounts + 1))).toFixed(2),
    collectorCpuSeconds: +((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(2),
    // The collector's own CPU time: when it is well under the bound, a wall time far above the
    // bound means the machine was busy (see the load average against the core count).
    loadAverage: { atStart: +load0.toFixed(1), atEnd: +(loadavg()[0] ?? 0).toFixed(1), cores: cpus().length },
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    fakePeakRssMiB: fakeRssMiB,
    // The fake's CPU (world generation included): near the wall time, the fake was the bottleneck.
    fakeCpuSeconds,
    nodes: kinds,
    gaps: gaps.length,
  };
  console.log(JSON.stringify(report, null, 2));
  if (gaps.length > 0) console.error(`gaps: ${JSON.stringify(gaps.slice(0, 5))}`);
  const ok = report.s3DetailCallsPerBucket <= 9 && report.wallOverBound <= 1.5 && gaps.length === 0;
  console.log(ok ? 'targets met' : 'TARGETS MISSED');
  process.exitCode = ok ? 0 : 1;
}
