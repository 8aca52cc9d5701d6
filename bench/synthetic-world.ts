/**
 * A synthetic AWS-shaped world for benchmarks: a realistic mix of disks, instances, buckets and
 * security groups across accounts and regions, generated lazily so a million nodes never need to
 * be held twice.
 */
import type { GraphEdge, GraphNode } from '../src/graph/schema.js';

export const ACCOUNTS = 50;
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'];
const TYPES = ['m5.large', 'm5.xlarge', 't3.micro', 'c6i.2xlarge', 'r5.large'];

function account(i: number): string {
  return String(100000000000 + (i % ACCOUNTS));
}

/** A realistic mix: 40% disks, 35% instances, 15% buckets, 10% security groups. */
export function* syntheticNodes(total: number): Generator<GraphNode> {
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
export function* syntheticEdges(total: number): Generator<GraphEdge> {
  let i = ACCOUNTS;
  for (const n of syntheticNodes(total)) {
    if (n.kind === 'account') continue;
    yield { from: `arn:aws:iam::${account(i)}:root`, to: n.id, kind: 'contains' };
    i++;
  }
}

