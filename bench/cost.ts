/**
 * Cost engine benchmark: every cost rule over a synthetic world of 100k resources (the shared
 * generator of bench/synthetic-world.ts, with CPU utilization, snapshots, public IPs, load
 * balancers, NAT gateways and Cost Explorer rows added by `syntheticCostNodes`).
 *
 *   npm run bench:cost                       # 100k resources
 *   npm run bench:cost -- --sizes 10000,100000
 *
 * Target (2-core machine): all rules over 100k resources in under 3 s. Prints time and peak RSS.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runCostRules } from '../src/cost/engine.js';
import { loadCatalog } from '../src/cost/pricing/index.js';
import type { CostRecord, GraphNode, Snapshot } from '../src/graph/schema.js';
import { deduplicatedSavingsTotal } from '../src/results/build-results.js';
import { ACCOUNTS, syntheticEdges, syntheticNodes } from './synthetic-world.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number);

/**
 * The shared synthetic mix, with what the cost rules read: instances get 14 days of CPU
 * utilization; every 4th bucket becomes a snapshot (some of deleted disks), every 4th a public IP
 * (some unused), every 8th a load balancer (some idle), every 40th a NAT gateway.
 */
export function* syntheticCostNodes(total: number): Generator<GraphNode> {
  let i = 0;
  for (const n of syntheticNodes(total)) {
    i++;
    if (n.kind === 'compute.instance') {
      const p95 = (i * 7) % 100;
      yield { ...n, attrs: { ...n.attrs, stateSince: i % 2 ? '2026-05-01T00:00:00Z' : '2026-11-15T00:00:00Z', diskIds: [`arn:aws:ec2:${n.region}:${n.account}:volume/vol-${(i + 1).toString(16).padStart(17, '0')}`], utilization: { windowDays: 14, periodSeconds: 3600, cpu: { p95, max: p95 + 5, avg: p95 / 2, samples: 336 } } } };
    } else if (n.kind === 'storage.bucket' && i % 4 === 0) {
      yield { ...n, id: `arn:aws:ec2:${n.region}::snapshot/snap-${i}`, kind: 'compute.snapshot', nativeType: 'AWS::EC2::Snapshot', createdAt: i % 3 ? '2024-05-01T00:00:00Z' : '2026-11-01T00:00:00Z', attrs: { sizeGiB: 50 + (i % 400), sourceDiskId: `arn:aws:ec2:${n.region}:${n.account}:volume/vol-gone-${i % 5}`, encrypted: true } };
    } else if (n.kind === 'storage.bucket' && i % 4 === 1) {
      yield { ...n, id: `arn:aws:ec2:${n.region}:${n.account}:elastic-ip/eipalloc-${i}`, kind: 'network.public_ip', nativeType: 'AWS::EC2::EIP', attrs: { address: `198.51.100.${i % 250}`, associatedWith: i % 3 ? `i-${i}` : null } };
    } else if (n.kind === 'network.firewall' && i % 8 === 0) {
      yield { ...n, id: `arn:aws:elasticloadbalancing:${n.region}:${n.account}:loadbalancer/app/lb-${i}`, kind: 'network.load_balancer', nativeType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', attrs: { scheme: 'internet-facing', healthyTargets: i % 3 ? 2 : 0 } };
    } else if (n.kind === 'network.firewall' && i % 40 === 1) {
      yield { ...n, id: `arn:aws:ec2:${n.region}:${n.account}:natgateway/nat-${i}`, kind: 'network.nat_gateway', nativeType: 'AWS::EC2::NatGateway', attrs: { state: 'available', vpcId: `vpc-${i % 13}` } };
    } else yield n;
  }
}

/** October Cost Explorer rows for every account: compute, EBS, snapshots, IPs, egress. */
function syntheticCosts(): CostRecord[] {
  const out: CostRecord[] = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = String(100000000000 + a);
    const row = { provider: 'aws' as const, account, period: { start: '2026-10-01', end: '2026-11-01' }, service: 'EC2 - Other', region: null };
    for (const [usageType, cost, usage, unit] of [['BoxUsage:m5.large', 700, 7300, 'Hrs'], ['EBS:VolumeUsage.gp2', 1000, 10000, 'GB-Mo'], ['EBS:SnapshotUsage', 500, 10000, 'GB-Mo'], ['ElasticIP:IdleAddress', 36.5, 7300, 'Hrs'], ['DataTransfer-Out-Bytes', 900, 10000, 'GB'], ['NatGateway-Bytes', 450, 10000, 'GB']] as const) {
      out.push({ ...row, usageType, amount: cost, unit: 'USD', metric: 'cost', source: 'aws-cost-explorer:UnblendedCost' });
      out.push({ ...row, usageType, amount: usage, unit, metric: 'usage', source: 'aws-cost-explorer:UsageQuantity' });
    }
  }
  return out;
}

const catalog = loadCatalog();
for (const size of sizes) {
  const now = new Date('2026-11-20T00:00:00Z');
  const snapshot: Snapshot = {
    schemaVersion: '1.0',
    tool: { name: 'cloudwarden', version: 'bench' },
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    scope: { providers: ['aws'], accounts: [], regions: [] },
    nodes: [...syntheticCostNodes(size)],
    edges: [...syntheticEdges(size)],
    costs: syntheticCosts(),
    coverage: [],
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = runCostRules(snapshot, { catalog, now, params: { allowedRegions: ['us-east-1', 'us-west-2', 'eu-west-1'] } });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const byRule = new Map<string, number>();
  for (const s of r.savings) byRule.set(s.ruleId, (byRule.get(s.ruleId) ?? 0) + 1);
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`${size} resources: ${r.savings.length} savings from ${byRule.size} rules in ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (load average ${loadavg()[0]?.toFixed(1)}); deduplicated total ${deduplicatedSavingsTotal(r.savings).toFixed(2)} USD/month; peak RSS ${rss} MiB`);
  console.log(`  ${[...byRule].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (size >= 100000 && ms > 3000) console.log(`  SLOW: ${(ms / 1000).toFixed(2)} s wall is over the 3 s target${(loadavg()[0] ?? 0) > 2 ? ' (the machine is loaded: compare the CPU time)' : ''}`);
}
