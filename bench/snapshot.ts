/**
 * Snapshot round-trip benchmark: writes a synthetic snapshot of N nodes (default 1,000,000) from a
 * generator, then reads it back with full schema validation and integrity checks into memory, and
 * prints the time of each phase and the peak RSS.
 *
 *   npm run bench:snapshot                       # 1,000,000 nodes, .json
 *   npm run bench:snapshot -- --nodes 200000 --gzip
 *
 * Target (2-core machine): 1M nodes round trip under 20 s and under 2 GB peak RSS.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { GraphEdge, GraphNode } from '../src/graph/schema.js';
import { readSnapshot, writeSnapshot } from '../src/graph/snapshot-io.js';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '1000000' }, gzip: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
const total = Number(values.nodes);
if (!Number.isInteger(total) || total < 10) throw new Error(`--nodes: expected a whole number of at least 10, got ${values.nodes}`);

const ACCOUNTS = 50;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'];
const TYPES = ['m5.large', 'm5.xlarge', 't3.micro', 'c6i.2xlarge', 'r5.large'];

function account(i: number): string {
  return String(100000000000 + (i % ACCOUNTS));
}

/** A realistic mix: 40% disks, 35% instances, 15% buckets, 10% security groups. */
function* nodes(): Generator<GraphNode> {
  for (let a = 0; a < ACCOUNTS; a++) {
    yield { id: `arn:aws:iam::${account(a)}:root`, provider: 'aws', account: account(a), region: 'global', kind: 'account', nativeType: 'AWS::Account', name: `acct-${a}`, tags: {}, attrs: { displayName: `acct-${a}`, parent: 'o-example' } };
  }
  for (let i = ACCOUNTS; i < total; i++) {
    const acct = account(i);
    const region = REGIONS[i % REGIONS.length] ?? 'us-east-1';
    const tags = { env: i % 3 === 0 ? 'prod' : 'dev', team: `team-${i % 17}`, 'cost-center': `cc-${i % 101}` };
    const r = i % 20;
    if (r < 8) {
      yield {
        id: `arn:aws:ec2:${region}:${acct}:volume/vol-${i.toString(16).padStart(17, '0')}`,
        provider: 'aws', account: acct, region, kind: 'compute.disk', nativeType: 'AWS::EC2::Volume', name: `vol-${i}`, tags,
        createdAt: '2026-03-01T12:00:00Z',
        attrs: { sizeGiB: 8 + (i % 500), diskType: i % 2 ? 'gp3' : 'gp2', attachedTo: i % 5 ? [`arn:aws:ec2:${region}:${acct}:instance/i-${(i - 1).toString(16).padStart(17, '0')}`] : [], encrypted: i % 4 !== 0, iops: 3000, throughputMiBps: 125 },
      };
    } else if (r < 15) {
      yield {
        id: `arn:aws:ec2:${region}:${acct}:instance/i-${i.toString(16).padStart(17, '0')}`,
        provider: 'aws', account: acct, region, kind: 'compute.instance', nativeType: 'AWS::EC2::Instance', name: `web-${i}`, tags,
        createdAt: '2026-02-01T08:30:00Z',
        attrs: { state: i % 9 ? 'running' : 'stopped', stateSince: '2026-10-01T00:00:00Z', instanceType: TYPES[i % TYPES.length] ?? null, vcpus: 2, memoryMiB: 8192, lifecycle: 'on-demand', publicIps: i % 10 ? [] : [`203.0.113.${i % 250}`], privateIps: [`10.${i % 250}.${(i >> 8) % 250}.${i % 200}`], replaceable: i % 4 === 0 },
      };
    } else if (r < 18) {
      yield {
        id: `arn:aws:s3:::bucket-${acct}-${i}`,
        provider: 'aws', account: acct, region, kind: 'storage.bucket', nativeType: 'AWS::S3::Bucket', name: `bucket-${acct}-${i}`, tags,
        attrs: {
          aclGrants: [{ grantee: `CanonicalUser:${'a'.repeat(64)}`, permission: 'FULL_CONTROL' }],
          policyStatements: [],
          publicAccessBlock: { bucket: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }, account: null },
          encryption: 'AES256', versioning: i % 2 === 0, logging: false,
        },
      };
    } else {
      yield {
        id: `arn:aws:ec2:${region}:${acct}:security-group/sg-${i.toString(16).padStart(17, '0')}`,
        provider: 'aws', account: acct, region, kind: 'network.firewall', nativeType: 'AWS::EC2::SecurityGroup', name: `sg-${i}`, tags,
        attrs: { rules: [{ direction: 'ingress', action: 'allow', protocol: 'tcp', ports: [[443, 443]], sources: ['0.0.0.0/0'] }, { direction: 'egress', action: 'allow', protocol: 'all', ports: [], sources: ['0.0.0.0/0'] }], isDefault: false },
      };
    }
  }
}

/** One `contains` edge from each account to every other node, as collectors produce. */
function* edges(): Generator<GraphEdge> {
  let i = ACCOUNTS;
  for (const n of nodes()) {
    if (n.kind === 'account') continue;
    yield { from: `arn:aws:iam::${account(i)}:root`, to: n.id, kind: 'contains' };
    i++;
  }
}

function rssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const dir = mkdtempSync(join(tmpdir(), 'cw-bench-'));
const file = join(dir, values.gzip ? 'snapshot.json.gz' : 'snapshot.json');
try {
  const t0 = performance.now();
  await writeSnapshot(file, {
    header: { schemaVersion: '1.0', tool: { name: 'cloudwarden-bench', version: '0' }, startedAt: '2026-11-25T00:00:00Z', finishedAt: '2026-11-25T00:10:00Z', scope: { providers: ['aws'], accounts: [], regions: REGIONS } },
    nodes: nodes(),
    edges: edges(),
    costs: [],
    coverage: [],
  });
  const t1 = performance.now();
  const writeRss = rssMiB();
  const size = statSync(file).size;
  const snap = await readSnapshot(file);
  const t2 = performance.now();
  if (snap.nodes.length !== total) throw new Error(`read back ${snap.nodes.length} nodes, wrote ${total}`);
  const rows = [
    ['nodes', total.toLocaleString('en-US')],
    ['edges', snap.edges.length.toLocaleString('en-US')],
    ['file', `${(size / 1024 / 1024).toFixed(1)} MiB${values.gzip ? ' (gzip)' : ''}`],
    ['write', `${((t1 - t0) / 1000).toFixed(2)} s (peak RSS so far ${writeRss} MiB)`],
    ['read + validate', `${((t2 - t1) / 1000).toFixed(2)} s`],
    ['round trip', `${((t2 - t0) / 1000).toFixed(2)} s (target < 20 s at 1M nodes)`],
    ['peak RSS', `${rssMiB()} MiB (target < 2048 MiB at 1M nodes)`],
  ];
  for (const [k, v] of rows) console.log(`${(k ?? '').padEnd(16)} ${v}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${file}`);
}
